import { Router } from "express";
import { findDepartmentById } from "../../models/queries/directory.ts";
import { articlesNearingExpiry, articleUse, directAnswerCounts, gapList } from "../../models/queries/knowledgeUse.ts";
import type { AppDeps } from "../../server/context.ts";
import { validationFailed } from "../../server/errors.ts";
import { requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { shanghaiDate } from "../../server/rules/workCalendar.ts";
import { metricsScope, resolvePeriod } from "../metrics/metrics.ts";
import { statsQuery } from "./schema.ts";

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 10000 : null);

/**
 * GET /api/knowledge/stats (supervisor, admin; a department supervisor sees their department's articles):
 * 直接办结率 per month, article use and helpfulness, articles nearing expiry, and questions that found no article.
 */
export function knowledgeStatsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;

  router.get("/", requireRole("supervisor", "admin"), validate({ query: statsQuery }), async (req, res) => {
    const q = req.valid.query as { from?: Date; to?: Date; departmentId?: string; expiringWithinDays: number };
    const now = deps.clock.now();
    const { from, to } = resolvePeriod(q, now);
    const departmentId = metricsScope(req.actor!, q.departmentId);
    if (departmentId && !(await findDepartmentById(db, departmentId))) throw validationFailed([{ path: "query.departmentId", message: "unknown department" }]);
    const until = shanghaiDate(new Date(now.getTime() + q.expiringWithinDays * 86_400_000));
    const today = shanghaiDate(now);
    const [months, use, expiring, gaps] = await db.transaction(
      async (tx) => [await directAnswerCounts(tx, from, to), await articleUse(tx, from, to, departmentId, 50), await articlesNearingExpiry(tx, until, departmentId), await gapList(tx, from, to, 100)] as const,
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    const sum = (k: "consultations" | "answered" | "withArticle") => months.reduce((n, m) => n + m[k], 0);
    res.json({
      from: from.toISOString(),
      to: to.toISOString(),
      directAnswer: {
        consultations: sum("consultations"),
        answered: sum("answered"),
        withArticle: sum("withArticle"),
        rate: rate(sum("answered"), sum("consultations")),
        months: months.map((m) => ({ ...m, rate: rate(m.answered, m.consultations) })),
      },
      articles: use.map((u) => ({ ...u, helpfulRate: rate(u.helpful, u.helpful + u.unhelpful) })),
      expiring: expiring.map((e) => ({ ...e, expired: !!e.effectiveTo && e.effectiveTo < today })),
      gaps: gaps.map((g) => ({ text: g.text, count: g.count, lastAt: new Date(g.lastAt).toISOString() })),
    });
  });

  return router;
}
