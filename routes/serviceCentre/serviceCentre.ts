import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import type { TicketStatus, TicketStep } from "../../models/enums.ts";
import type { TicketRow } from "../../models/schema/index.ts";
import { findTicket, listServices, listTickets, recentCalls, waitingCounts } from "../../models/queries/serviceCentre.ts";
import { dayFigures, hallNow } from "../../models/queries/serviceCentreStats.ts";
import type { AppDeps } from "../../server/context.ts";
import { withTransaction } from "../../server/commands/context.ts";
import { callNext } from "../../server/commands/serviceCentre/callNext.ts";
import { ticketPosition, withHallTransaction } from "../../server/commands/serviceCentre/hallContext.ts";
import { issueTicket } from "../../server/commands/serviceCentre/issueTicket.ts";
import { saveService } from "../../server/commands/serviceCentre/services.ts";
import { takeTicketStep } from "../../server/commands/serviceCentre/ticketSteps.ts";
import type { Executor } from "../../server/db.ts";
import { AppError, notFound, unauthenticated, validationFailed } from "../../server/errors.ts";
import { requireActor, requireRole } from "../../server/middleware/authenticate.ts";
import { languageOf } from "../../server/middleware/errorHandler.ts";
import { validateIn } from "../../server/middleware/joiMessages.ts";
import { validate } from "../../server/middleware/validate.ts";
import { canReadTicket, isHallStaff } from "../../server/policies/ticket.ts";
import { presentCall, presentHall, presentService, presentStats, presentTicket } from "../../server/presenters/serviceCentre.ts";
import { OPEN_WINDOW_MINUTES } from "../../server/rules/ticketQueue.ts";
import { shanghaiDate } from "../../server/rules/workCalendar.ts";
import * as s from "./schema.ts";

/** How many of the latest calls the board shows. */
const BOARD_CALLS = 8;

/** The service centre (api.md, Service centre): lines, tickets, the clerk's window, the board and the figures. */
export function serviceCentreRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const present = async (ex: Executor, row: TicketRow, accessCode?: string) => presentTicket(row, await ticketPosition(ex, row, deps.clock.now()), accessCode);
  // The kiosk takes numbers without signing in: limited per client address; signed-in callers are not counted.
  const kioskLimiter = rateLimit({
    windowMs: deps.env.kioskRateWindowSeconds * 1000,
    limit: deps.env.kioskRateLimit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req) => !!req.actor,
    keyGenerator: (req) => req.ip ?? "unknown",
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next) => next(new AppError("rate_limited", { zh: "取号过于频繁，请稍后再试", en: "Too many numbers taken, try again later" })),
  });

  router.get("/services", async (_req, res) => {
    res.json((await listServices(db)).map(presentService));
  });

  router.put("/services/:code", requireRole("admin"), validate({ params: s.serviceParams, body: s.serviceBody }), async (req, res) => {
    const service = await db.transaction((tx) => saveService(tx, req.valid.params.code, req.valid.body));
    res.json({ service: presentService(service) });
  });

  router.post("/tickets", kioskLimiter, validate({ body: s.issueBody }), async (req, res) => {
    const ticket = await withHallTransaction(deps, async (ctx) => {
      const { ticket, accessCode } = await issueTicket(ctx, req.actor ?? null, req.valid.body);
      return present(ctx.tx, ticket, accessCode);
    });
    res.status(201).json({ ticket });
  });

  router.get("/tickets", requireActor, validate({ query: s.listTicketsQuery }), async (req, res) => {
    const actor = req.actor!;
    const q = req.valid.query as { status?: TicketStatus[]; mine: boolean; limit: number };
    const day = shanghaiDate(deps.clock.now());
    let rows: TicketRow[];
    if (isHallStaff(actor)) rows = await listTickets(db, { day, statuses: q.status, calledBy: q.mine ? actor.id : undefined, limit: q.limit });
    else if (actor.role === "enterprise") rows = await listTickets(db, { day, statuses: q.status, userId: actor.id, enterpriseId: actor.enterpriseId ?? undefined, limit: q.limit });
    else rows = [];
    res.json({ items: await Promise.all(rows.map((r) => present(db, r))) });
  });

  router.get("/tickets/:id", validate({ params: s.ticketParams, query: s.ticketQuery }), async (req, res) => {
    const accessCode = (req.valid.query.accessCode as string | undefined) ?? req.get("x-ticket-code");
    if (!req.actor && !accessCode) throw unauthenticated();
    const row = await findTicket(db, req.valid.params.id);
    if (!row || !canReadTicket(req.actor, row, accessCode)) throw notFound();
    res.json({ ticket: await present(db, row) });
  });

  router.post("/tickets/:id/:step", requireActor, validate({ params: s.stepParams }), async (req, res) => {
    const step = req.valid.params.step as TicketStep;
    const { value: body, error } = validateIn(s.STEP_BODIES[step], req.body ?? {}, languageOf(req));
    if (error) throw validationFailed(error.details.map((d) => ({ path: d.path.join("."), message: d.message })));
    const ticket = await withTransaction(deps, req.actor!, async (ctx) => present(ctx.tx, await takeTicketStep(ctx, req.valid.params.id, step, body)));
    res.json({ ticket });
  });

  router.post("/windows/:window/call-next", requireRole("clerk"), validate({ params: s.windowParams, body: s.callNextBody }), async (req, res) => {
    const ticket = await withTransaction(deps, req.actor!, async (ctx) => present(ctx.tx, await callNext(ctx, req.actor!, req.valid.params.window, req.valid.body.serviceCodes)));
    res.json({ ticket });
  });

  router.get("/board", async (_req, res) => {
    const day = shanghaiDate(deps.clock.now());
    const [calls, waiting, lines] = await Promise.all([recentCalls(db, day, BOARD_CALLS), waitingCounts(db, day), listServices(db, { activeOnly: true })]);
    res.set("Cache-Control", "no-store");
    res.json({ centreId: deps.env.serviceCentreId, calls: calls.map(presentCall), waiting, services: lines.map((l) => ({ code: l.code, name: l.name, prefix: l.prefix })) });
  });

  router.get("/stats", requireRole("clerk", "supervisor", "admin"), validate({ query: s.statsQuery }), async (req, res) => {
    const date = (req.valid.query.date as string | undefined) ?? shanghaiDate(deps.clock.now());
    res.json(presentStats(date, await dayFigures(db, date)));
  });

  router.get("/hall", requireRole("clerk", "supervisor", "admin"), async (_req, res) => {
    const now = deps.clock.now();
    const day = shanghaiDate(now);
    res.json(presentHall(deps.env.serviceCentreId, await hallNow(db, day, now, OPEN_WINDOW_MINUTES), await waitingCounts(db, day)));
  });

  return router;
}
