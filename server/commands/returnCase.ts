import type { CaseRow } from "../../models/schema/index.ts";
import { deactivateAssignments, listActiveAssignments } from "../../models/queries/cases.ts";
import { changeCase, type CommandContext } from "./context.ts";

/** The lead department asks to return a case that is not its matter (退单); the guard (denialOf) checked the return window. */
export async function returnCase(ctx: CommandContext, kase: CaseRow, input: { reason: string; note: string; suggestedDepartmentId?: string }) {
  return changeCase(ctx, kase, { status: "return_review", previousStatus: kase.status }, {
    action: "return",
    data: { reason: input.reason, note: input.note, suggestedDepartmentId: input.suggestedDepartmentId ?? null, departmentId: kase.departmentId },
    public: false,
  });
}

/** A supervisor or operator decides a return: approved ⇒ back to the operators for 改派; rejected ⇒ the previous status. */
export async function decideReturn(ctx: CommandContext, kase: CaseRow, input: { approve: boolean; note?: string }) {
  if (!input.approve) {
    return changeCase(ctx, kase, { status: kase.previousStatus ?? "dispatched", previousStatus: null }, { action: "decide-return", data: { approve: false, note: input.note ?? null }, public: false });
  }
  const previousDepartmentIds = (await listActiveAssignments(ctx.tx, [kase.id])).map((a) => a.departmentId);
  await deactivateAssignments(ctx.tx, kase.id);
  return changeCase(
    ctx,
    kase,
    {
      status: "registered",
      previousStatus: null,
      departmentId: null,
      assigneeId: null,
      signBy: null,
      replyBy: null,
      returnBy: null,
      signedAt: null,
      pendingExtensionDays: null,
      pendingExtensionReason: null,
    },
    { action: "decide-return", data: { approve: true, note: input.note ?? null, returnedFrom: kase.departmentId }, public: false, previousDepartmentIds },
  );
}
