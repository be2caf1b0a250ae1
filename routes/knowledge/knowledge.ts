import { Router, type Request } from "express";
import { rateLimit } from "express-rate-limit";
import { findArticleForReader, findVersion, isPublicReader, listArticles, listVersions, type KnowledgeReader } from "../../models/queries/knowledge.ts";
import { recordFeedback } from "../../models/queries/knowledgeUse.ts";
import type { AppDeps } from "../../server/context.ts";
import { withTransaction } from "../../server/commands/context.ts";
import { noteUnanswered, searchArticles, suggestArticles } from "../../server/commands/knowledge/findArticles.ts";
import { setArticleStatus } from "../../server/commands/knowledge/publishArticle.ts";
import { changeArticle, createArticle } from "../../server/commands/knowledge/saveArticle.ts";
import { AppError, forbidden, notFound, validationFailed } from "../../server/errors.ts";
import { requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { presentArticle } from "../../server/presenters/knowledge.ts";
import { shanghaiDate } from "../../server/rules/workCalendar.ts";
import { articleParams, articleQuery, createArticleBody, feedbackBody, listArticlesQuery, stepParams, suggestBody, updateArticleBody } from "./schema.ts";
import { knowledgeStatsRouter } from "./stats.ts";

/** Anonymous feedback per client address: enough for a person, too little to stuff the figures. */
export const ANONYMOUS_FEEDBACK_LIMIT = { windowMs: 10 * 60_000, limit: 30 };
/** Anonymous searches and suggestions per client address and minute. */
export const ANONYMOUS_READ_LIMIT = { windowMs: 60_000, limit: 120 };

type Cursor = { o: number } | { k: string; id: string };

function decodeCursor(raw: string | undefined, ranked: boolean): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (ranked && Number.isInteger(c?.o) && c.o >= 0 && c.o <= 10_000) return { o: c.o };
    if (!ranked && typeof c?.id === "string" && c.id.length <= 64 && typeof c?.k === "string" && !Number.isNaN(Date.parse(c.k))) return { k: c.k, id: c.id };
  } catch {
    // fall through
  }
  throw validationFailed([{ path: "query.cursor", message: "invalid cursor" }]);
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

/** A per-address limiter for requests without sign-in; signed-in requests pass. */
function anonymousLimiter(opts: { windowMs: number; limit: number }) {
  return rateLimit({
    ...opts,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => !!req.actor,
    handler: (_req, _res, next) => next(new AppError("rate_limited")),
  });
}

/** The policy knowledge base (政策知识库): reading and search for everyone, editing for the owning department. */
export function knowledgeRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const readLimit = anonymousLimiter(ANONYMOUS_READ_LIMIT);
  const today = () => shanghaiDate(deps.clock.now());
  const readerOf = (req: Request): KnowledgeReader => req.actor ?? null;
  const editors = requireRole("handler", "supervisor", "admin");

  router.use("/stats", knowledgeStatsRouter(deps));

  router.get("/", readLimit, validate({ query: listArticlesQuery }), async (req, res) => {
    const q = req.valid.query;
    const reader = readerOf(req);
    const day = today();
    if (q.q) {
      const cursor = decodeCursor(q.cursor, true) as { o: number } | undefined;
      const offset = cursor?.o ?? 0;
      const found = await searchArticles(db, reader, day, q.q, { ...q, offset, limit: q.limit, inForceOnly: false });
      if (!found.total && !offset) await noteUnanswered(db, q.q, "search", req.actor?.id ?? null, deps.clock.now());
      const items = found.items.map((r) => ({ ...presentArticle(r.row, day, undefined, r.snippet), score: r.score }));
      return void res.json({ items, nextCursor: found.more ? encodeCursor({ o: offset + q.limit }) : null });
    }
    const { rows, more } = await listArticles(db, reader, day, { ...q, cursor: decodeCursor(q.cursor, false) });
    const last = rows[rows.length - 1];
    res.json({ items: rows.map((r) => presentArticle(r, day)), nextCursor: more && last ? encodeCursor({ k: last.updatedAt.toISOString(), id: last.id }) : null });
  });

  router.post("/suggest", readLimit, validate({ body: suggestBody }), async (req, res) => {
    const { text, limit } = req.valid.body;
    const day = today();
    const found = await suggestArticles(db, readerOf(req), day, text, limit);
    if (!found.length) await noteUnanswered(db, text, "suggest", req.actor?.id ?? null, deps.clock.now());
    res.json(found.map((r) => ({ article: presentArticle(r.row, day), score: r.score, matchedTerms: r.matchedTerms })));
  });

  router.post("/", editors, validate({ body: createArticleBody }), async (req, res) => {
    const row = await withTransaction(deps, req.actor!, (ctx) => createArticle(ctx, req.valid.body));
    res.status(201).json({ article: presentArticle(row, today()) });
  });

  router.get("/:id", validate({ params: articleParams, query: articleQuery }), async (req, res) => {
    const day = today();
    const reader = readerOf(req);
    const row = await findArticleForReader(db, req.valid.params.id, reader, day);
    if (!row) throw notFound();
    const wanted = req.valid.query.version as number | undefined;
    const version = wanted !== undefined && wanted !== row.version ? await findVersion(db, row.id, wanted) : undefined;
    if (wanted !== undefined && wanted !== row.version && (!version || (isPublicReader(reader) && !version.public))) throw notFound();
    res.json({ article: presentArticle(row, day, version), versions: await listVersions(db, row.id) });
  });

  router.patch("/:id", editors, validate({ params: articleParams, body: updateArticleBody }), async (req, res) => {
    const row = await withTransaction(deps, req.actor!, (ctx) => changeArticle(ctx, req.valid.params.id, req.valid.body));
    res.json({ article: presentArticle(row, today()) });
  });

  router.post("/:id/feedback", anonymousLimiter(ANONYMOUS_FEEDBACK_LIMIT), validate({ params: articleParams, body: feedbackBody }), async (req, res) => {
    if (req.actor && req.actor.role !== "enterprise") throw forbidden({ zh: "仅企业和公众可评价条目", en: "Only enterprises and the public rate articles" });
    const row = await findArticleForReader(db, req.valid.params.id, null, today());
    if (!row) throw notFound();
    const at = deps.clock.now();
    await db.transaction((tx) => recordFeedback(tx, { articleId: row.id, version: row.version, helpful: req.valid.body.helpful, userId: req.actor?.id ?? null, at }));
    res.status(204).end();
  });

  router.post("/:id/:step", editors, validate({ params: stepParams }), async (req, res) => {
    const { id, step } = req.valid.params;
    const row = await withTransaction(deps, req.actor!, (ctx) => setArticleStatus(ctx, id, step));
    res.json({ article: presentArticle(row, today()) });
  });

  return router;
}
