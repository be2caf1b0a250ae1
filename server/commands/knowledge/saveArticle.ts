import { randomUUID } from "node:crypto";
import type { ArticleRow, NewKnowledgeArticleRow } from "../../../models/schema/index.ts";
import { findCategory, findDepartmentById } from "../../../models/queries/directory.ts";
import { findArticleForReader, insertArticle, insertVersion, updateArticle } from "../../../models/queries/knowledge.ts";
import type { Executor } from "../../db.ts";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../../errors.ts";
import { canDraftFor, canEditArticle } from "../../policies/knowledge.ts";
import type { ArticleVectors } from "../../../models/queries/knowledge.ts";
import { articleHeadVectorText, articleVectorText } from "../../rules/knowledgeRank.ts";
import { articlePlainText } from "../../rules/knowledgeText.ts";
import { shanghaiDate } from "../../rules/workCalendar.ts";
import type { CommandContext } from "../context.ts";

/** The editable fields of an article (POST and PATCH bodies). */
export interface ArticleInput {
  title?: string;
  body?: string;
  categoryCode?: string | null;
  departmentId?: string;
  keywords?: string[];
  policyRef?: string | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  public?: boolean;
}

/** The search vectors (as tsvector text) of an article's content. */
export function vectorOf(a: Pick<ArticleRow, "title" | "keywords" | "body">): ArticleVectors {
  return { all: articleVectorText({ title: a.title, keywords: a.keywords, plainBody: articlePlainText(a.body) }), head: articleHeadVectorText(a) };
}

/** Refuses unknown departments and categories and an inverted validity period (400, nothing written). */
async function assertReferences(ex: Executor, a: Pick<ArticleRow, "departmentId" | "categoryCode" | "effectiveFrom" | "effectiveTo">) {
  const details: { path: string; message: string }[] = [];
  const department = await findDepartmentById(ex, a.departmentId);
  if (!department?.active) details.push({ path: "departmentId", message: "unknown department" });
  if (a.categoryCode && !(await findCategory(ex, a.categoryCode))) details.push({ path: "categoryCode", message: "unknown category" });
  if (a.effectiveFrom && a.effectiveTo && a.effectiveFrom > a.effectiveTo) details.push({ path: "effectiveTo", message: "effectiveTo is before effectiveFrom" });
  if (details.length) throw validationFailed(details);
}

/** A new draft, owned by the given department or the author's own. */
export async function createArticle(ctx: CommandContext, input: ArticleInput & { title: string; body: string }): Promise<ArticleRow> {
  const departmentId = input.departmentId ?? ctx.actor.departmentId;
  if (!departmentId) throw validationFailed([{ path: "departmentId", message: "departmentId is required" }]);
  if (!canDraftFor(ctx.actor, departmentId)) throw forbidden();
  const row: NewKnowledgeArticleRow = {
    id: randomUUID(),
    title: input.title,
    body: input.body,
    categoryCode: input.categoryCode ?? null,
    departmentId,
    keywords: input.keywords ?? [],
    policyRef: input.policyRef ?? null,
    effectiveFrom: input.effectiveFrom ?? null,
    effectiveTo: input.effectiveTo ?? null,
    public: input.public ?? true,
    status: "draft",
    version: 1,
    createdBy: ctx.actor.id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await assertReferences(ctx.tx, row as ArticleRow);
  return insertArticle(ctx.tx, row, vectorOf(row as ArticleRow));
}

/** Changes an article: a draft in place; a published one becomes its next version at once. */
export async function changeArticle(ctx: CommandContext, id: string, input: ArticleInput & { version?: number }): Promise<ArticleRow> {
  const current = await findArticleForReader(ctx.tx, id, ctx.actor, shanghaiDate(ctx.now), { forUpdate: true });
  if (!current) throw notFound();
  if (!canEditArticle(ctx.actor, current)) throw forbidden();
  if (current.status === "retired") {
    throw new AppError("invalid_transition", { zh: "已废止的条目不能修改，请先重新发布", en: "A retired article cannot be changed; publish it again first" }, [{ path: "status", message: "retired" }]);
  }
  if (input.version !== undefined && input.version !== current.version) {
    throw conflict(undefined, [{ path: "version", message: `current version is ${current.version}` }]);
  }
  if (input.departmentId && input.departmentId !== current.departmentId && !canDraftFor(ctx.actor, input.departmentId)) throw forbidden();
  const { version: _v, ...fields } = input;
  const next = { ...current, ...fields, updatedAt: ctx.now } as ArticleRow;
  await assertReferences(ctx.tx, next);
  const published = current.status === "published";
  const patch: Partial<NewKnowledgeArticleRow> = { ...fields, updatedAt: ctx.now, ...(published ? { version: current.version + 1 } : {}) };
  const row = await updateArticle(ctx.tx, id, patch, vectorOf(next));
  if (published) await insertVersion(ctx.tx, row, ctx.now, ctx.actor.id);
  return row;
}
