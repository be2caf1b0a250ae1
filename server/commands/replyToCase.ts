import type { CaseRow } from "../../models/schema/index.ts";
import { latestEventSeq } from "../../models/queries/cases.ts";
import { validationFailed } from "../errors.ts";
import { callbackDeadline } from "../rules/deadlines.ts";
import { checkReply, hasBlocking, type ReplyFinding } from "../rules/replyCheck.ts";
import { changeCase, currentLimits, type CommandContext } from "./context.ts";
import { citableArticle, citationFields, recordCitation } from "./knowledge/citeArticle.ts";

/** The reply checks of a draft for this case (server/rules/replyCheck.ts). */
export function replyFindings(kase: CaseRow, input: { content: string; articleId?: string }): ReplyFinding[] {
  return checkReply({ content: input.content, articleId: input.articleId, matter: { type: kase.type, title: kase.title, description: kase.description, requesterPhone: kase.requesterPhone } });
}

/**
 * Whether a supervisor's override (`reply-override` event) is waiting for the next reply: it was recorded after
 * the latest reply, so the reply that follows it consumes it.
 */
async function overrideWaiting(ctx: CommandContext, kase: CaseRow): Promise<boolean> {
  const seq = await latestEventSeq(ctx.tx, kase.id, "reply-override");
  return seq !== null && seq > (kase.lastReplySeq ?? 0);
}

/**
 * The lead department replies (答复), always publicly, optionally citing a policy basis (政策依据); the callback clock
 * starts on the category's current limits. A reply with a blocking finding is refused (400, the findings in details)
 * unless a supervisor's override waits for it.
 */
export async function replyToCase(ctx: CommandContext, kase: CaseRow, input: { content: string; articleId?: string }) {
  const findings = replyFindings(kase, input);
  const blocking = hasBlocking(findings);
  if (blocking && !(await overrideWaiting(ctx, kase))) {
    throw validationFailed(
      findings.map((f) => ({ path: "content", message: f.message.en, code: f.code, severity: f.severity, ...(f.span ? { span: f.span } : {}) })),
      { zh: "答复未通过质检，请修改后再提交", en: "The reply did not pass the reply checks" },
    );
  }
  const limits = await currentLimits(ctx, kase);
  const cited = await citableArticle(ctx, input.articleId);
  const { patch, data } = citationFields(cited);
  const overridden = blocking ? { overriddenFindings: findings.filter((f) => f.severity === "block").map((f) => f.code) } : {};
  const result = await changeCase(
    ctx,
    kase,
    // lastReplySeq: the reply event is the next of the chain; it may be rated once.
    { status: "replied", repliedAt: ctx.now, replyContent: input.content, lastReplySeq: kase.lastEventSeq + 1, callbackBy: callbackDeadline(ctx.calendar, ctx.now, limits.callbackDays), callbackState: 0, callbackAttempts: 0, limits, ...patch },
    { action: "reply", data: { content: input.content, late: !!kase.replyBy && ctx.now > kase.replyBy, ...data, ...overridden }, public: true },
  );
  await recordCitation(ctx, cited, result.event);
  return result;
}

/** A supervisor lets the next reply go out despite blocking findings (internal `reply-override` event with the reason). */
export async function overrideReplyCheck(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, {}, { action: "reply-override", data: { reason: input.reason }, public: false });
}

/** An operator or supervisor sends a reply back (答非所问); the reply clock keeps running. */
export async function rejectReply(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, { status: "in_progress", callbackBy: null }, { action: "reject-reply", data: { reason: input.reason }, public: false });
}
