import type { ArticleRow } from "../../../models/schema/index.ts";
import { findArticleForReader, insertVersion, updateArticle } from "../../../models/queries/knowledge.ts";
import { AppError, forbidden, notFound } from "../../errors.ts";
import { canPublishArticle } from "../../policies/knowledge.ts";
import { shanghaiDate } from "../../rules/workCalendar.ts";
import type { CommandContext } from "../context.ts";

const FROM: Record<"publish" | "retire", ArticleRow["status"][]> = { publish: ["draft", "retired"], retire: ["published"] };

/**
 * Publishes a draft (its content becomes version `version`, stored for good) or a retired article again
 * (unchanged, so the same version), or retires a published one. Supervisors and admins only.
 */
export async function setArticleStatus(ctx: CommandContext, id: string, step: "publish" | "retire"): Promise<ArticleRow> {
  const current = await findArticleForReader(ctx.tx, id, ctx.actor, shanghaiDate(ctx.now), { forUpdate: true });
  if (!current) throw notFound();
  if (!canPublishArticle(ctx.actor, current)) throw forbidden();
  if (!FROM[step].includes(current.status)) {
    throw new AppError(
      "invalid_transition",
      { zh: `条目状态为 ${current.status}，不能${step === "publish" ? "发布" : "废止"}`, en: `Cannot ${step} an article in status ${current.status}` },
      [{ path: "status", message: current.status, status: current.status, action: step }],
    );
  }
  const row = await updateArticle(ctx.tx, id, { status: step === "publish" ? "published" : "retired", updatedAt: ctx.now });
  if (step === "publish") await insertVersion(ctx.tx, row, ctx.now, ctx.actor.id);
  return row;
}
