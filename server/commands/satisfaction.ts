import type { CaseRow, NewCaseRow } from "../../models/schema/index.ts";
import { alreadyRated, validationFailed } from "../errors.ts";
import { isRated } from "../policies/case.ts";
import { afterCallback, afterSatisfaction, escalationAfterReopen, reopenTarget } from "../rules/caseTransitions.ts";
import { reopenReplyDeadline } from "../rules/deadlines.ts";
import { changeCase, type CommandContext } from "./context.ts";

/** The fields a reopen (重办) changes: back to the department with 3 working days, escalated to 督办 on the second reopen. */
function reopenPatch(ctx: CommandContext, kase: CaseRow): Partial<NewCaseRow> {
  const reopenCount = kase.reopenCount + 1;
  const status = reopenTarget(!!kase.departmentId);
  return {
    status,
    reopenCount,
    escalation: escalationAfterReopen(kase.escalation, reopenCount),
    replyBy: status === "in_progress" ? reopenReplyDeadline(ctx.calendar, ctx.now) : null,
    replyState: 0,
    replyOverdueAt: null,
    callbackBy: null,
    closedAt: null,
    repliedAt: null,
  };
}

/** The operator's satisfaction callback (回访). */
export async function callbackCase(ctx: CommandContext, kase: CaseRow, input: { reached: boolean; satisfaction?: number; comment?: string }) {
  if (input.reached && input.satisfaction === undefined) throw validationFailed([{ path: "satisfaction", message: "satisfaction is required when the requester was reached" }]);
  if (input.reached && isRated(kase)) throw alreadyRated();
  const attempts = input.reached ? kase.callbackAttempts : kase.callbackAttempts + 1;
  const outcome = afterCallback({ reached: input.reached, satisfaction: input.satisfaction, attempts });
  const data = { reached: input.reached, satisfaction: input.reached ? input.satisfaction : null, comment: input.comment ?? null, attempt: attempts };
  let patch: Partial<NewCaseRow> = { callbackAttempts: attempts };
  if (input.reached) patch.ratedReplySeq = kase.lastReplySeq;
  if (outcome?.reopen) patch = { ...patch, ...reopenPatch(ctx, kase), satisfaction: input.satisfaction };
  else if (outcome) patch = { ...patch, status: "closed", closedAt: ctx.now, satisfaction: input.reached ? input.satisfaction : kase.satisfaction };
  return changeCase(ctx, kase, patch, { action: "callback", data: { ...data, notReachable: !input.reached && outcome?.status === "closed", reopened: !!outcome?.reopen }, public: false });
}

/** The enterprise rates its own case (好差评); 1–2 reopen it. */
export async function rateCase(ctx: CommandContext, kase: CaseRow, input: { satisfaction: number; comment?: string }) {
  const status = afterSatisfaction(kase.status as "replied" | "closed", input.satisfaction);
  const rated = { satisfaction: input.satisfaction, ratedReplySeq: kase.lastReplySeq };
  const patch: Partial<NewCaseRow> = status === "in_progress" ? { ...reopenPatch(ctx, kase), ...rated } : { status, ...rated, closedAt: kase.closedAt ?? ctx.now };
  return changeCase(ctx, kase, patch, { action: "rate", data: { satisfaction: input.satisfaction, comment: input.comment ?? null, reopened: status === "in_progress" }, public: true });
}

/** Reopens a replied or closed case (重办). */
export async function reopenCase(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, reopenPatch(ctx, kase), { action: "reopen", data: { reason: input.reason }, public: true });
}
