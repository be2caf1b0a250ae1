import Joi from "joi";
import { KNOWLEDGE_STATUSES } from "../../models/enums.ts";
import { id } from "../admin/schema.ts";
import { metricsQuery } from "../metrics/schema.ts";

const day = Joi.string()
  .trim()
  .pattern(/^\d{4}-\d{2}-\d{2}$/)
  .custom((v: string, helpers) => (new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v ? v : helpers.error("date.base")))
  .messages({ "string.pattern.base": "{{#label}} must be a date YYYY-MM-DD" });

const fields = {
  title: Joi.string().trim().min(1).max(200),
  // Markdown: headings, lists, emphasis, links; rendered safely on the way out.
  body: Joi.string().trim().min(1).max(20000),
  categoryCode: Joi.string().trim().max(64).allow(null),
  departmentId: id,
  keywords: Joi.array().items(Joi.string().trim().min(1).max(40)).max(30).unique(),
  policyRef: Joi.string().trim().max(200).allow(null, ""),
  effectiveFrom: day.allow(null),
  effectiveTo: day.allow(null),
  public: Joi.boolean(),
};

export const createArticleBody = Joi.object({ ...fields, title: fields.title.required(), body: fields.body.required() });
export const updateArticleBody = Joi.object({ ...fields, version: Joi.number().integer().min(1) }).min(1);

export const articleParams = Joi.object({ id: id.required() });
export const stepParams = Joi.object({ id: id.required(), step: Joi.string().valid("publish", "retire").required() });
export const articleQuery = Joi.object({ version: Joi.number().integer().min(1).max(1_000_000) });

export const listArticlesQuery = Joi.object({
  q: Joi.string().trim().max(200).allow(""),
  categoryCode: Joi.string().trim().max(64),
  departmentId: id,
  status: Joi.string().valid(...KNOWLEDGE_STATUSES),
  cursor: Joi.string().max(500),
  limit: Joi.number().integer().min(1).max(100).default(20),
});

export const suggestBody = Joi.object({ text: Joi.string().trim().min(1).max(5000).required(), limit: Joi.number().integer().min(1).max(10).default(5) });
export const feedbackBody = Joi.object({ helpful: Joi.boolean().strict().required() });

/** GET /api/knowledge/stats: the metrics period and department, and how far ahead expiry is listed. */
export const statsQuery = metricsQuery.keys({ expiringWithinDays: Joi.number().integer().min(1).max(366).default(60) });
