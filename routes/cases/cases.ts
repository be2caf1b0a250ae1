import { Router, type Request } from "express";
import type { CaseAction } from "../../models/enums.ts";
import { findCaseForReader, findDuplicateCandidates, listCases, listEvents, listMergedInto } from "../../models/queries/cases.ts";
import type { AppDeps } from "../../server/context.ts";
import { createCase } from "../../server/commands/createCase.ts";
import { runCaseAction } from "../../server/commands/runCaseAction.ts";
import { withTransaction } from "../../server/commands/context.ts";
import { notFound, validationFailed } from "../../server/errors.ts";
import { requireActor } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { languageOf } from "../../server/middleware/errorHandler.ts";
import { validateIn } from "../../server/middleware/joiMessages.ts";
import { isStaff, scopeOf } from "../../server/policies/case.ts";
import { masksProtectedPhones, presentEvent } from "../../server/presenters/case.ts";
import { presentCases } from "../../server/presenters/caseReads.ts";
import { isPhoneProtected } from "../../server/rules/phones.ts";
import { isValidPhone, normalizePhone } from "../../models/validation.ts";
import { scoreDuplicates } from "../../server/rules/duplicates.ts";
import { searchLexemes, searchQuery } from "../../server/rules/searchTokens.ts";
import { exportRouter } from "./export.ts";
import { replyCheckRouter } from "./replyCheck.ts";
import { ACTION_BODIES, actionParams, caseParams, createCaseBody, idempotencyHeader, listQuery } from "./schema.ts";

const DAY_MS = 24 * 3600 * 1000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeCursor(cursor: string | undefined): { k: string | null; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const isoOrNull = value?.k === null || (typeof value?.k === "string" && ISO_INSTANT.test(value.k) && !Number.isNaN(Date.parse(value.k)));
    if (typeof value?.id === "string" && value.id.length <= 64 && isoOrNull) return { k: value.k, id: value.id };
  } catch {
    // fall through
  }
  throw validationFailed([{ path: "query.cursor", message: "invalid cursor" }]);
}

const encodeCursor = (c: { k: string | null; id: string }) => Buffer.from(JSON.stringify(c)).toString("base64url");

function idempotencyKeyOf(req: Request): string | null {
  const raw = req.get("idempotency-key");
  if (raw === undefined) return null;
  const { value, error } = idempotencyHeader.validate(raw);
  if (error) throw validationFailed([{ path: "headers.idempotency-key", message: error.message }]);
  return value;
}

/** Intake, reading and actions on cases. */
export function casesRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  // Before /:id, which would take "export" for a case id.
  router.use(exportRouter(deps));
  router.use(replyCheckRouter(deps));

  router.post("/", requireActor, validate({ body: createCaseBody }), async (req, res) => {
    const key = idempotencyKeyOf(req);
    const { case: row, created } = await withTransaction(deps, req.actor!, (ctx) => createCase(ctx, req.valid.body, key));
    const [dto] = await presentCases(deps, req.actor!, [row], created ? { assignments: [] } : {});
    res.status(created ? 201 : 200).json({ case: dto });
  });

  router.get("/", requireActor, validate({ query: listQuery }), async (req, res) => {
    const q = req.valid.query;
    // A phone number typed into the search box searches the requester phone (as `phone=` does), not the text.
    const asPhone = q.q && isValidPhone(q.q) ? normalizePhone(q.q) : null;
    const tsquery = q.q && !asPhone ? searchQuery(q.q) : null;
    if (q.q && !asPhone && !tsquery) return void res.json({ items: [], nextCursor: null });
    const actor = req.actor!;
    const { rows, next } = await listCases(
      db,
      scopeOf(actor),
      { ...q, phone: asPhone ?? q.phone, tsquery, protectedPhonesMasked: masksProtectedPhones(actor), sort: q.sort ?? (q.updatedSince ? "updated" : "received"), cursor: decodeCursor(q.cursor) },
      deps.clock.now(),
    );
    res.json({ items: await presentCases(deps, actor, rows), nextCursor: next ? encodeCursor(next) : null });
  });

  router.get("/:id", requireActor, validate({ params: caseParams }), async (req, res) => {
    const actor = req.actor!;
    const row = await findCaseForReader(db, req.valid.params.id, scopeOf(actor));
    if (!row) throw notFound();
    const [events, merged] = await Promise.all([listEvents(db, row.id, { publicOnly: !isStaff(actor) }), listMergedInto(db, row.id)]);
    // The case and the requesters merged into it in one projection pass (one read of assignments, one phone-read log).
    const [dto, ...mergedDtos] = await presentCases(deps, actor, [row, ...merged]);
    res.json({
      case: dto,
      timeline: events.map((e) => presentEvent(e, actor)),
      mergedCases: mergedDtos.map((m) => ({ id: m.id, number: m.number, requester: m.requester, receivedAt: m.receivedAt })),
    });
  });

  router.get("/:id/duplicates", requireActor, validate({ params: caseParams }), async (req, res) => {
    const actor = req.actor!;
    const row = await findCaseForReader(db, req.valid.params.id, scopeOf(actor));
    if (!row) throw notFound();
    const bigrams = searchLexemes(row.title).filter((t) => t.length > 1);
    // A reader who sees protected phones masked gets no phone match that would tell them one.
    const protectedPhonesMasked = masksProtectedPhones(actor);
    const candidates = await findDuplicateCandidates(db, scopeOf(actor), {
      id: row.id,
      creditCode: row.creditCode,
      requesterPhone: protectedPhonesMasked && isPhoneProtected(row) ? null : row.requesterPhone,
      protectedPhonesMasked,
      tsquery: bigrams.length ? bigrams.map((t) => `'${t}'`).join(" | ") : null,
      since: new Date(row.receivedAt.getTime() - 30 * DAY_MS),
    });
    const scored = scoreDuplicates(row, candidates, { protectedPhonesMasked });
    const dtos = await presentCases(deps, actor, scored.map((s) => s.case));
    res.json(scored.map((s, i) => ({ case: dtos[i], score: s.score, reasons: s.reasons })));
  });

  router.post("/:id/actions/:action", requireActor, validate({ params: actionParams }), async (req, res) => {
    const { id, action } = req.valid.params as { id: string; action: CaseAction };
    const { value: body, error } = validateIn(ACTION_BODIES[action], req.body ?? {}, languageOf(req));
    if (error) throw validationFailed(error.details.map((d) => ({ path: d.path.join("."), message: d.message })));
    const result = await withTransaction(deps, req.actor!, (ctx) => runCaseAction(ctx, id, action, body));
    const [dto] = await presentCases(deps, req.actor!, [result.case], { assignments: result.assignments });
    res.json({ case: dto, event: presentEvent(result.event, req.actor) });
  });

  return router;
}
