import type { CaseRow } from "../../models/schema/index.ts";
import { listActiveAssignments, markAssignmentSigned } from "../../models/queries/cases.ts";
import { invalidTransition } from "../errors.ts";
import { changeCase, type CommandContext } from "./context.ts";

/** A department signs for its part (签收); the lead's signature starts the handling. Late signing is counted, not blocked. */
export async function signCase(ctx: CommandContext, kase: CaseRow) {
  const own = (await listActiveAssignments(ctx.tx, [kase.id])).find((a) => a.departmentId === ctx.actor.departmentId);
  if (!own || own.signedAt) throw invalidTransition(kase.status, "sign");
  await markAssignmentSigned(ctx.tx, own.id, ctx.now, ctx.actor.id);
  const late = ctx.now > own.signBy;
  if (own.role === "lead") {
    return changeCase(ctx, kase, { status: "in_progress", signedAt: ctx.now, assigneeId: ctx.actor.id }, { action: "sign", data: { role: "lead", late }, public: true });
  }
  return changeCase(ctx, kase, {}, { action: "sign", data: { role: "co", departmentId: own.departmentId, late }, public: false });
}
