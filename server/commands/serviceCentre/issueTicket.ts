/** 取号: a number taken at the kiosk (no sign-in) or remotely by a signed-in enterprise. */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { tickets, type TicketRow } from "../../../models/schema/index.ts";
import { findService, insertTicket, nextTicketSeq } from "../../../models/queries/serviceCentre.ts";
import type { Actor } from "../../auth/actor.ts";
import { conflict, forbidden, validationFailed } from "../../errors.ts";
import { hashAccessCode } from "../../policies/ticket.ts";
import { formatTicketNumber } from "../../rules/ticketQueue.ts";
import { shanghaiDate } from "../../rules/workCalendar.ts";
import type { HallContext } from "./hallContext.ts";

/** What a kiosk or an enterprise asks for. */
export interface IssueTicketInput {
  serviceCode: string;
  phone?: string | null;
}

/**
 * Issues the line's next number for today (Asia/Shanghai). A remote ticket is linked to the enterprise and
 * the user; one user holds at most one ticket per line that is still waiting or called. Every ticket gets an
 * access code (returned once) with which whoever holds it reads it later.
 */
export async function issueTicket(ctx: HallContext, actor: Actor | null, input: IssueTicketInput): Promise<{ ticket: TicketRow; accessCode: string }> {
  const { tx, now } = ctx;
  if (actor?.kind === "integration") throw forbidden();
  const service = await findService(tx, input.serviceCode);
  if (!service?.active) throw validationFailed([{ path: "serviceCode", message: "unknown or closed service" }]);
  const day = shanghaiDate(now);
  const remote = actor?.role === "enterprise";
  if (remote) {
    const [held] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(eq(tickets.userId, actor.id), eq(tickets.serviceCode, service.code), eq(tickets.day, day), inArray(tickets.status, ["waiting", "called"])));
    if (held) throw conflict({ zh: "您已在该业务排队", en: "You already hold a number for this service" }, [{ path: "serviceCode", message: "already queued", ticketId: held.id }]);
  }
  const seq = await nextTicketSeq(tx, service.code, day);
  const accessCode = randomBytes(18).toString("base64url");
  const ticket = await insertTicket(tx, {
    id: randomUUID(),
    serviceCode: service.code,
    day,
    seq,
    number: formatTicketNumber(service.prefix, seq),
    status: "waiting",
    phone: input.phone || null,
    enterpriseId: remote ? actor.enterpriseId : null,
    userId: remote ? actor.id : null,
    accessCodeHash: hashAccessCode(accessCode),
    issuedAt: now,
  });
  ctx.emit({ type: "queue.ticket", ticket, called: false });
  return { ticket, accessCode };
}
