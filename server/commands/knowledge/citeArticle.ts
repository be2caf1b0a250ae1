import type { CaseEventRow, CaseRow } from "../../../models/schema/index.ts";
import { findArticleForReader } from "../../../models/queries/knowledge.ts";
import { insertCitation } from "../../../models/queries/knowledgeUse.ts";
import { validationFailed } from "../../errors.ts";
import { isInForce } from "../../rules/knowledgeText.ts";
import { shanghaiDate } from "../../rules/workCalendar.ts";
import type { CommandContext } from "../context.ts";

/** The article version an answer or reply cites, as stored on the case. */
export type CitedArticle = NonNullable<CaseRow["citedArticle"]>;

/** The published, in-force article the actor may see, as a citation of its current version; 400 otherwise. */
export async function citableArticle(ctx: CommandContext, articleId: string | undefined): Promise<CitedArticle | null> {
  if (!articleId) return null;
  const today = shanghaiDate(ctx.now);
  const a = await findArticleForReader(ctx.tx, articleId, ctx.actor, today);
  if (!a || a.status !== "published" || !isInForce(a, today)) {
    throw validationFailed([{ path: "articleId", message: "no published, in-force article with this id" }]);
  }
  return { id: a.id, version: a.version, title: a.title, public: a.public };
}

/** The event data and case patch that record a citation (none without one). */
export function citationFields(cited: CitedArticle | null) {
  return cited ? { patch: { citedArticle: cited }, data: { articleId: cited.id, articleVersion: cited.version } } : { patch: {}, data: {} };
}

/** Counts the citation for the article-use figures, against the event that made it. */
export async function recordCitation(ctx: CommandContext, cited: CitedArticle | null, event: CaseEventRow): Promise<void> {
  if (cited) await insertCitation(ctx.tx, { caseId: event.caseId, seq: event.seq, articleId: cited.id, version: cited.version, action: event.action, at: event.at });
}
