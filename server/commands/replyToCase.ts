import type { CaseRow } from "../../models/schema/index.ts";
import { callbackDeadline } from "../rules/deadlines.ts";
import { changeCase, type CommandContext } from "./context.ts";
import { citableArticle, citationFields, recordCitation } from "./knowledge/citeArticle.ts";

/** The lead department replies (答复); the callback clock starts. */
export async function replyToCase(ctx: CommandContext, kase: CaseRow, input: { content: string; public?: boolean; articleId?: string }) {
  const isPublic = input.public ?? true;
  const cited = await citableArticle(ctx, input.articleId); // the policy basis (政策依据), optional
  const { patch, data } = citationFields(cited);
  const result = await changeCase(
    ctx,
    kase,
    { status: "replied", repliedAt: ctx.now, replyContent: input.content, callbackBy: callbackDeadline(ctx.calendar, ctx.now), callbackState: 0, callbackAttempts: 0, ...patch },
    { action: "reply", data: { content: input.content, late: !!kase.replyBy && ctx.now > kase.replyBy, ...data }, public: isPublic },
  );
  await recordCitation(ctx, cited, result.event);
  return result;
}

/** An operator or supervisor sends a reply back (答非所问); the reply clock keeps running. */
export async function rejectReply(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, { status: "in_progress", callbackBy: null }, { action: "reject-reply", data: { reason: input.reason }, public: false });
}
