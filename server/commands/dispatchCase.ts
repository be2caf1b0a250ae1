import { randomUUID } from "node:crypto";
import type { CaseType, Priority } from "../../models/enums.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import { deactivateAssignments, insertAssignments, listActiveAssignments } from "../../models/queries/cases.ts";
import { countActiveDepartments, findCategory } from "../../models/queries/directory.ts";
import { validationFailed } from "../errors.ts";
import { dispatchDeadlines } from "../rules/deadlines.ts";
import { changeCase, currentLimits, type CommandContext } from "./context.ts";

export interface DispatchInput {
  departmentId: string;
  coDepartmentIds?: string[];
  note?: string;
  /** The note is internal (staff only) unless marked public. */
  notePublic?: boolean;
  /** The category as the operator corrected it at dispatch; its limits are the ones the clocks run on. */
  categoryCode?: string;
}

/** Sends a registered case to a lead department (and co-departments) with fresh sign and reply clocks on the category's current limits. */
export async function dispatchCase(ctx: CommandContext, kase: CaseRow, input: DispatchInput) {
  const co = [...new Set(input.coDepartmentIds ?? [])];
  if (co.includes(input.departmentId)) throw validationFailed([{ path: "coDepartmentIds", message: "the lead department cannot also co-handle" }]);
  if ((await countActiveDepartments(ctx.tx, [input.departmentId])) !== 1) throw validationFailed([{ path: "departmentId", message: "unknown department" }]);
  if (co.length && (await countActiveDepartments(ctx.tx, co)) !== co.length) throw validationFailed([{ path: "coDepartmentIds", message: "unknown department" }]);
  if (input.categoryCode !== undefined && !(await findCategory(ctx.tx, input.categoryCode))) throw validationFailed([{ path: "categoryCode", message: "unknown category" }]);
  const categoryCode = input.categoryCode ?? kase.categoryCode;

  // The clocks start now, so they run on the category's limits as they stand now (the snapshot below).
  const limits = await currentLimits(ctx, { categoryCode });
  // A case closed at intake and then reopened gets the reopened reply limit at this dispatch.
  const reopened = kase.replyLimit === "reopened";
  const d = dispatchDeadlines(ctx.calendar, ctx.now, { type: kase.type as CaseType, priority: kase.priority as Priority }, limits, { reopened });
  const previousDepartmentIds = (await listActiveAssignments(ctx.tx, [kase.id])).map((a) => a.departmentId);
  await deactivateAssignments(ctx.tx, kase.id);
  await insertAssignments(
    ctx.tx,
    [input.departmentId, ...co].map((departmentId, i) => ({
      id: randomUUID(),
      caseId: kase.id,
      departmentId,
      role: i === 0 ? "lead" : "co",
      dispatchedAt: ctx.now,
      signBy: d.signBy,
    })),
  );
  return changeCase(
    ctx,
    kase,
    {
      status: "dispatched",
      categoryCode,
      departmentId: input.departmentId,
      assigneeId: null,
      dispatchedAt: ctx.now,
      signedAt: null,
      signBy: d.signBy,
      replyBy: d.replyBy,
      returnBy: d.returnBy,
      callbackBy: null,
      signState: 0,
      replyState: 0,
      callbackState: 0,
      replyOverdueAt: null,
      replyStartedAt: ctx.now,
      replyLimit: d.replyLimit,
      limits,
      pendingExtensionDays: null,
      pendingExtensionReason: null,
      extensionDaysUsed: 0,
    },
    {
      action: "dispatch",
      data: { departmentId: input.departmentId, coDepartmentIds: co, note: input.note ?? null, notePublic: input.notePublic ?? false, signBy: d.signBy.toISOString(), replyBy: d.replyBy.toISOString(), categoryCode, previousCategoryCode: kase.categoryCode },
      public: true,
      previousDepartmentIds,
    },
  );
}
