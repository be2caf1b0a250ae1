import type { CaseAssignmentRow, CaseRow } from "../../models/schema/index.ts";
import { listActiveAssignments, logPhoneReads } from "../../models/queries/cases.ts";
import type { Actor } from "../auth/actor.ts";
import type { AppDeps } from "../context.ts";
import { isStaff } from "../policies/case.ts";
import { assignmentsOf, presentCase, seesFullPhone } from "./case.ts";

/**
 * Every path that hands cases to a reader goes through here: the reader's one projection (presentCase), with
 * the cases' assignments read in one batch and each unmasked phone shown to staff logged.
 * `assignments`: the cases' active assignments when the caller already holds them (read in its transaction
 * after the change, or none for a case it just registered); otherwise they are read here.
 */
export async function presentCases(deps: AppDeps, actor: Actor, rows: CaseRow[], opts: { assignments?: CaseAssignmentRow[] } = {}) {
  const db = deps.database.db;
  const now = deps.clock.now();
  const assignments = opts.assignments ?? (await listActiveAssignments(db, rows.map((r) => r.id)));
  if (isStaff(actor)) {
    const read = rows.filter((r) => seesFullPhone(actor, r)).map((r) => r.id);
    await logPhoneReads(db, actor.id, read, now);
  }
  return rows.map((r) => presentCase(r, actor, assignmentsOf(assignments, r.id), now));
}
