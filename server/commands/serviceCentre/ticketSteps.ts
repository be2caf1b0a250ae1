/** 重呼 / 开始办理 / 过号 / 办结 / 转为工单 / 取消: the steps on a called ticket, and linking a ticket to a case. */
import type { TicketOutcome, TicketStep } from "../../../models/enums.ts";
import type { NewTicketRow, TicketRow } from "../../../models/schema/index.ts";
import { findCaseForReader } from "../../../models/queries/cases.ts";
import { scopeOf } from "../../policies/case.ts";
import { lockTicket, updateTicket } from "../../../models/queries/serviceCentre.ts";
import type { Actor } from "../../auth/actor.ts";
import { invalidTransition, notFound, validationFailed } from "../../errors.ts";
import { assertTicketStep, canReadTicket } from "../../policies/ticket.ts";
import { changeCase, type CommandContext } from "../context.ts";
import type { HallContext } from "./hallContext.ts";

/** The body of a step (finish carries the outcome). */
export interface TicketStepBody {
  outcome?: TicketOutcome;
  caseId?: string;
}

/** Takes one step on a ticket the actor may read; not readable → 404, not allowed → 403, wrong status → 409. */
export async function takeTicketStep(ctx: CommandContext, ticketId: string, step: TicketStep, body: TicketStepBody): Promise<TicketRow> {
  const { tx, actor, now } = ctx;
  const row = await lockTicket(tx, ticketId);
  if (!row || !canReadTicket(actor, row)) throw notFound();
  assertTicketStep(actor, row, step);
  let patch: Partial<NewTicketRow>;
  switch (step) {
    case "recall":
      patch = { status: "called", lastCalledAt: now, recalls: row.recalls + 1, finishedAt: null };
      break;
    case "start":
      patch = { status: "serving", servedAt: now };
      break;
    case "skip":
      patch = { status: "missed", finishedAt: now };
      break;
    case "cancel":
      patch = { status: "cancelled", finishedAt: now };
      break;
    case "finish":
      if (body.outcome === "case") await noteTicketOnCase(ctx, row, body.caseId!);
      patch = { status: "done", finishedAt: now, outcome: body.outcome ?? "done_on_spot", caseId: body.outcome === "case" ? body.caseId! : null };
      break;
  }
  const ticket = await updateTicket(tx, row.id, patch);
  ctx.emit({ type: "queue.ticket", ticket, called: step === "recall" });
  return ticket;
}

/** Records on an existing case's timeline that the ticket was finished into it (转为工单 to a case registered before). */
async function noteTicketOnCase(ctx: CommandContext, ticket: TicketRow, caseId: string): Promise<void> {
  const kase = await findCaseForReader(ctx.tx, caseId, scopeOf(ctx.actor), { forUpdate: true });
  if (!kase) throw validationFailed([{ path: "caseId", message: "unknown case" }]);
  await changeCase(ctx, kase, {}, { action: "service_ticket", data: { ticketId: ticket.id, ticketNumber: ticket.number }, public: true });
}

/**
 * The ticket a clerk's walk-in intake finishes into the new case: locked, serving at this clerk's window.
 * Unknown or another window's ticket → 400 on `ticketId`; not being served → 409.
 */
export async function lockServingTicket(ctx: HallContext, actor: Actor, ticketId: string): Promise<TicketRow> {
  const row = await lockTicket(ctx.tx, ticketId);
  if (!row || !canReadTicket(actor, row)) throw validationFailed([{ path: "ticketId", message: "unknown ticket" }]);
  if (row.status !== "serving") throw invalidTransition(row.status, "finish");
  if (row.calledBy !== actor.id) throw validationFailed([{ path: "ticketId", message: "this ticket is served at another window" }]);
  return row;
}

/** Finishes a locked serving ticket into a case registered in the same transaction. */
export async function finishTicketIntoCase(ctx: HallContext, ticket: TicketRow, caseId: string): Promise<TicketRow> {
  const done = await updateTicket(ctx.tx, ticket.id, { status: "done", finishedAt: ctx.now, outcome: "case", caseId });
  ctx.emit({ type: "queue.ticket", ticket: done, called: false });
  return done;
}
