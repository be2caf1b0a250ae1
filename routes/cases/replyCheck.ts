import { Router } from "express";
import Joi from "joi";
import { findCaseForReader, listActiveAssignments } from "../../models/queries/cases.ts";
import { TEXT_LIMITS as L } from "../../models/validation.ts";
import type { AppDeps } from "../../server/context.ts";
import { withTransaction } from "../../server/commands/context.ts";
import { overrideReplyCheck, replyFindings } from "../../server/commands/replyToCase.ts";
import { forbidden, invalidTransition, notFound } from "../../server/errors.ts";
import { requireActor } from "../../server/middleware/authenticate.ts";
import { languageOf } from "../../server/middleware/errorHandler.ts";
import { validate } from "../../server/middleware/validate.ts";
import { denialOf, scopeOf } from "../../server/policies/case.ts";
import { presentCases } from "../../server/presenters/caseReads.ts";
import { assignmentsOf, presentEvent } from "../../server/presenters/case.ts";
import { visibleText } from "../fields.ts";
import { id } from "../admin/schema.ts";
import { caseParams } from "./schema.ts";

const checkBody = Joi.object({ content: Joi.string().allow("").max(L.text).required(), articleId: id });
const overrideBody = Joi.object({ reason: visibleText(L.note).required() });

/** Reply checks (答复质检) on a draft, and a supervisor's override of their blocking findings for the next reply. */
export function replyCheckRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;

  router.post("/:id/reply-check", requireActor, validate({ params: caseParams, body: checkBody }), async (req, res) => {
    const actor = req.actor!;
    const kase = await findCaseForReader(db, req.valid.params.id, scopeOf(actor));
    if (!kase) throw notFound();
    // Who may reply may check: the lead department's handlers (the status does not matter for a draft).
    if (denialOf(actor, "reply", kase, assignmentsOf(await listActiveAssignments(db, [kase.id]), kase.id), deps.clock.now()) === "role") throw forbidden();
    const lang = languageOf(req);
    const findings = replyFindings(kase, req.valid.body).map((f) => ({ ...f, message: f.message[lang] }));
    res.json({ ok: !findings.some((f) => f.severity === "block"), findings });
  });

  router.post("/:id/reply-check/override", requireActor, validate({ params: caseParams, body: overrideBody }), async (req, res) => {
    const actor = req.actor!;
    const result = await withTransaction(deps, actor, async (ctx) => {
      const kase = await findCaseForReader(ctx.tx, req.valid.params.id, scopeOf(actor), { forUpdate: true });
      if (!kase) throw notFound();
      if (actor.role !== "supervisor") throw forbidden();
      if (kase.status !== "in_progress") throw invalidTransition(kase.status, "reply-override");
      return overrideReplyCheck(ctx, kase, req.valid.body);
    });
    const [dto] = await presentCases(deps, actor, [result.case], { assignments: result.assignments });
    res.status(201).json({ case: dto, event: presentEvent(result.event, actor) });
  });

  return router;
}
