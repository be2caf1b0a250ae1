import type { CaseRow } from "../../models/schema/index.ts";
import { callbackDeadline } from "../rules/deadlines.ts";
import { changeCase, currentLimits, type CommandContext } from "./context.ts";
import { citableArticle, citationFields, recordCitation } from "./knowledge/citeArticle.ts";

/**
 * The lead department replies (答复), always publicly, optionally citing a policy basis (政策依据); the callback clock
 * starts on the category's current limits.
 */
export async function replyToCase(ctx: CommandContext, kase: CaseRow, input: { content: string; articleId?: string }) {
  const limits = await currentLimits(ctx, kase);
  const cited = await citableArticle(ctx, input.articleId);
  const { patch, data } = citationFields(cited);
  const result = await changeCase(
    ctx,
    kase,
    // lastReplySeq: the reply event is the next of the chain; it may be rated once.
    { status: "replied", repliedAt: ctx.now, replyContent: input.content, lastReplySeq: kase.lastEventSeq + 1, callbackBy: callbackDeadline(ctx.calendar, ctx.now, limits.callbackDays), callbackState: 0, callbackAttempts: 0, limits, ...patch },
    { action: "reply", data: { content: input.content, late: !!kase.replyBy && ctx.now > kase.replyBy, ...data }, public: true },
  );
  await recordCitation(ctx, cited, result.event);
  return result;
}

/** An operator or supervisor sends a reply back (答非所问); the reply clock keeps running. */
export async function rejectReply(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, { status: "in_progress", callbackBy: null }, { action: "reject-reply", data: { reason: input.reason }, public: false });
}
