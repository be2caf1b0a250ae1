import type { CaseRow } from "../../models/schema/index.ts";
import { callbackDeadline } from "../rules/deadlines.ts";
import { changeCase, type CommandContext } from "./context.ts";

/** The lead department replies (答复); the callback clock starts. */
export async function replyToCase(ctx: CommandContext, kase: CaseRow, input: { content: string; public?: boolean }) {
  const isPublic = input.public ?? true;
  return changeCase(
    ctx,
    kase,
    // lastReplySeq: the reply event is the next of the chain; it may be rated once.
    { status: "replied", repliedAt: ctx.now, replyContent: input.content, lastReplySeq: kase.lastEventSeq + 1, callbackBy: callbackDeadline(ctx.calendar, ctx.now), callbackState: 0, callbackAttempts: 0 },
    { action: "reply", data: { content: input.content, late: !!kase.replyBy && ctx.now > kase.replyBy }, public: isPublic },
  );
}

/** An operator or supervisor sends a reply back (答非所问); the reply clock keeps running. */
export async function rejectReply(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, { status: "in_progress", callbackBy: null }, { action: "reject-reply", data: { reason: input.reason }, public: false });
}
