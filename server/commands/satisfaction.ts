import type { CaseRow, NewCaseRow } from "../../models/schema/index.ts";
import { alreadyRated, validationFailed } from "../errors.ts";
import { isRated } from "../policies/case.ts";
import { afterCallback, afterSatisfaction, escalationAfterReopen, reopenTarget } from "../rules/caseTransitions.ts";
import { reopenReplyDeadline } from "../rules/deadlines.ts";
import { changeCase, currentLimits, type CommandContext } from "./context.ts";

/**
 * The fields a reopen (重办) changes: back to the department with the reopened reply limit (3 working days)
 * counted from now, escalated to 督办 on the second reopen. A case closed at intake has no department: it goes
 * back to the operators' queue, marked so that its next dispatch sets the reopened limit.
 */
async function reopenPatch(ctx: CommandContext, kase: CaseRow): Promise<Partial<NewCaseRow>> {
  const reopenCount = kase.reopenCount + 1;
  const status = reopenTarget(!!kase.departmentId);
  let clock: Partial<NewCaseRow> = { replyBy: null, replyStartedAt: null };
  if (status === "in_progress") {
    // A new reply clock starts now, on the category's limits as they stand now.
    const limits = await currentLimits(ctx, kase);
    clock = { limits, replyBy: reopenReplyDeadline(ctx.calendar, ctx.now, limits.reopenedReplyDays), replyStartedAt: ctx.now };
  }
  return {
    status,
    reopenCount,
    escalation: escalationAfterReopen(kase.escalation, reopenCount),
    ...clock,
    replyLimit: "reopened",
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
  if (outcome?.reopen) patch = { ...patch, ...(await reopenPatch(ctx, kase)), satisfaction: input.satisfaction };
  else if (outcome) patch = { ...patch, status: "closed", closedAt: ctx.now, satisfaction: input.reached ? input.satisfaction : kase.satisfaction };
  return changeCase(ctx, kase, patch, { action: "callback", data: { ...data, notReachable: !input.reached && outcome?.status === "closed", reopened: !!outcome?.reopen }, public: false });
}

/** The enterprise rates its own case (好差评); 1–2 reopen it. */
export async function rateCase(ctx: CommandContext, kase: CaseRow, input: { satisfaction: number; comment?: string }) {
  const status = afterSatisfaction(kase.status as "replied" | "closed", input.satisfaction);
  const rated = { satisfaction: input.satisfaction, ratedReplySeq: kase.lastReplySeq };
  const patch: Partial<NewCaseRow> = status === "in_progress" ? { ...(await reopenPatch(ctx, kase)), ...rated } : { status, ...rated, closedAt: kase.closedAt ?? ctx.now };
  return changeCase(ctx, kase, patch, { action: "rate", data: { satisfaction: input.satisfaction, comment: input.comment ?? null, reopened: status === "in_progress" }, public: true });
}

/** Reopens a replied or closed case (重办). */
export async function reopenCase(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, await reopenPatch(ctx, kase), { action: "reopen", data: { reason: input.reason }, public: true });
}
