/** Pure rules of the service-centre queue: numbers, step transitions and the estimated wait. */
import type { TicketStatus, TicketStep } from "../../models/enums.ts";


/** Service minutes assumed before a line has served anyone today. */
export const DEFAULT_SERVICE_MINUTES = 6;

/** A window that called a ticket within this many minutes counts as open. */
export const OPEN_WINDOW_MINUTES = 60;

/** The number shown and announced: the line's prefix and the day's sequence, at least three digits (A001, A1000). */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, "0")}`;
}

/** From which statuses each step may be taken, and the status it leads to (recall keeps "called"). */
export const TICKET_TRANSITIONS: Record<TicketStep, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  // A no-show who turns up later is called back to the window that skipped them.
  recall: { from: ["called", "missed"], to: "called" },
  start: { from: ["called"], to: "serving" },
  skip: { from: ["called"], to: "missed" },
  finish: { from: ["serving"], to: "done" },
  cancel: { from: ["waiting", "called"], to: "cancelled" },
};

/** Whether a step is allowed from a status. */
export function canTakeStep(status: TicketStatus, step: TicketStep): boolean {
  return TICKET_TRANSITIONS[step].from.includes(status);
}

/** Whether a ticket is still in the hall (may yet be served). */
export function isActiveTicket(status: TicketStatus): boolean {
  return status === "waiting" || status === "called" || status === "serving";
}

/**
 * Estimated wait in whole minutes: the line's average service time today (DEFAULT_SERVICE_MINUTES
 * before anyone was served) × the tickets ahead ÷ the windows open for that line (at least one), rounded up.
 */
export function estimateWaitMinutes(aheadCount: number, avgServiceMinutes: number | null, openWindows: number): number {
  if (aheadCount <= 0) return 0;
  const perTicket = avgServiceMinutes && avgServiceMinutes > 0 ? avgServiceMinutes : DEFAULT_SERVICE_MINUTES;
  return Math.ceil((aheadCount * perTicket) / Math.max(1, openWindows));
}
