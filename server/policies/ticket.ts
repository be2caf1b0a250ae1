/** Who may read a service-centre ticket and take which step on it. */
import { createHash, timingSafeEqual } from "node:crypto";
import type { TicketStep } from "../../models/enums.ts";
import type { TicketRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { forbidden, invalidTransition } from "../errors.ts";
import { canTakeStep } from "../rules/ticketQueue.ts";

/** The roles that work the hall and see every ticket: clerks, supervisors, operators, admins. */
export function isHallStaff(actor: Actor | null | undefined): boolean {
  return !!actor && (actor.role === "clerk" || actor.role === "supervisor" || actor.role === "operator" || actor.role === "admin");
}

/** The stored form of a kiosk ticket's access code. */
export function hashAccessCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

function codeMatches(row: TicketRow, code: string | undefined): boolean {
  if (!code || !row.accessCodeHash) return false;
  const given = Buffer.from(hashAccessCode(code), "hex");
  const stored = Buffer.from(row.accessCodeHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Whether the actor took this ticket remotely (the user, or another user of the same enterprise). */
export function ownsTicket(actor: Actor | null | undefined, row: TicketRow): boolean {
  if (!actor) return false;
  return row.userId === actor.id || (actor.role === "enterprise" && !!actor.enterpriseId && row.enterpriseId === actor.enterpriseId);
}

/** Hall staff, the enterprise that took it, or whoever holds its access code. */
export function canReadTicket(actor: Actor | null | undefined, row: TicketRow, accessCode?: string): boolean {
  return isHallStaff(actor) || ownsTicket(actor, row) || codeMatches(row, accessCode);
}

/**
 * Guards a step on a ticket the actor can read: clerks take every step, but only on a ticket called to
 * their own window (cancel excepted); the enterprise that took a ticket may cancel it while it waits.
 */
export function assertTicketStep(actor: Actor, row: TicketRow, step: TicketStep): void {
  const clerk = actor.role === "clerk";
  const ownerCancelling = step === "cancel" && ownsTicket(actor, row) && !isHallStaff(actor);
  if (!clerk && !ownerCancelling) throw forbidden({ zh: "只有窗口人员可以执行此操作", en: "Only a window clerk may do this" });
  if (clerk && step !== "cancel" && row.calledBy && row.calledBy !== actor.id) {
    throw forbidden({ zh: "该号已由其他窗口叫号", en: "This ticket was called to another window" });
  }
  if (ownerCancelling && row.status !== "waiting") throw invalidTransition(row.status, step);
  if (!canTakeStep(row.status, step)) throw invalidTransition(row.status, step);
}
