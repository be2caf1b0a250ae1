/** The transaction frame of hall commands, and where a ticket stands in its line. */
import type { TicketRow } from "../../../models/schema/index.ts";
import { countAhead, linePace } from "../../../models/queries/serviceCentre.ts";
import type { AppDeps } from "../../context.ts";
import type { Executor, Tx } from "../../db.ts";
import type { DomainEvent } from "../../events.ts";
import type { TicketPosition } from "../../presenters/serviceCentre.ts";
import { estimateWaitMinutes, OPEN_WINDOW_MINUTES } from "../../rules/ticketQueue.ts";

/** What a hall command needs; a case CommandContext is one too (the intake finishes a ticket inside its own). */
export interface HallContext {
  tx: Tx;
  now: Date;
  emit(event: DomainEvent): void;
}

/** Runs fn in one transaction with no actor (the kiosk); events are published after commit only. */
export async function withHallTransaction<T>(deps: AppDeps, fn: (ctx: HallContext) => Promise<T>): Promise<T> {
  const buffered: DomainEvent[] = [];
  const result = await deps.database.db.transaction(async (tx) => fn({ tx, now: deps.clock.now(), emit: (e) => buffered.push(e) }));
  for (const event of buffered) deps.bus.publish(event);
  return result;
}

/** How many wait ahead of a ticket and the estimated wait (api.md; the formula is in rules/ticketQueue.ts). */
export async function ticketPosition(ex: Executor, row: TicketRow, now: Date): Promise<TicketPosition> {
  if (row.status !== "waiting") return { aheadCount: 0, estimatedWaitMinutes: 0 };
  const aheadCount = await countAhead(ex, row);
  const pace = await linePace(ex, row.serviceCode, row.day, now, OPEN_WINDOW_MINUTES);
  return { aheadCount, estimatedWaitMinutes: estimateWaitMinutes(aheadCount, pace.avgServiceMinutes, pace.openWindows) };
}
