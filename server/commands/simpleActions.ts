import type { CaseAction } from "../../models/enums.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import { AppError } from "../errors.ts";
import { isStaff } from "../policies/case.ts";
import { DIRECT_ANSWER_TYPES } from "../../models/validation.ts";
import { ESCALATION_OF } from "../rules/caseTransitions.ts";
import { changeCase, type CommandContext } from "./context.ts";
import { citableArticle, citationFields, recordCitation } from "./knowledge/citeArticle.ts";

/** Closes a registered case at intake (直接办结): consultations, suggestions and praise, or any type with a disposal. */
export async function answerCase(ctx: CommandContext, kase: CaseRow, input: { answer: string; disposal?: string; articleId?: string }) {
  if (!DIRECT_ANSWER_TYPES.includes(kase.type) && !input.disposal) {
    throw new AppError(
      "invalid_transition",
      { zh: "此类诉求需派单办理；如已告知法定途径或已解释说明，请注明处置方式", en: "This type must be dispatched unless a disposal (statutory channel / explained) is given" },
      [{ path: "disposal", message: kase.type }],
    );
  }
  const cited = await citableArticle(ctx, input.articleId);
  const { patch, data } = citationFields(cited);
  // The answer is the reply a requester may rate: its event is the next of the chain.
  const result = await changeCase(ctx, kase, { status: "closed", answer: input.answer, closedAt: ctx.now, lastReplySeq: kase.lastEventSeq + 1, ...patch }, { action: "answer", data: { answer: input.answer, disposal: input.disposal ?? null, ...data }, public: true });
  await recordCitation(ctx, cited, result.event);
  return result;
}

/** A supervisor urges, supervises or lists a case (催办/督办/挂牌督办); the level never goes down. */
export async function escalateCase(ctx: CommandContext, kase: CaseRow, action: "urge" | "supervise" | "list", input: { note: string }) {
  const level = ESCALATION_OF[action as CaseAction]!;
  return changeCase(ctx, kase, { escalation: Math.max(kase.escalation, level) }, { action, data: { note: input.note, level, automatic: false }, public: false });
}

/** A supervisor voids a registered case (作废). */
export async function cancelCase(ctx: CommandContext, kase: CaseRow, input: { reason: string }) {
  return changeCase(ctx, kase, { status: "cancelled", closedAt: ctx.now }, { action: "cancel", data: { reason: input.reason }, public: true });
}

/** Anyone who sees the case comments; internal comments are for staff only (enterprises and integration clients write public ones). */
export async function commentOnCase(ctx: CommandContext, kase: CaseRow, input: { content: string; internal?: boolean }) {
  const internal = isStaff(ctx.actor) ? (input.internal ?? false) : false;
  return changeCase(ctx, kase, {}, { action: "comment", data: { content: input.content, internal, departmentId: ctx.actor.departmentId }, public: !internal });
}
