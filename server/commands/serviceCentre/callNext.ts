/** 叫号: the oldest waiting ticket of the clerk's lines, called to their window. */
import type { TicketRow } from "../../../models/schema/index.ts";
import { claimOldestWaiting, findService, updateTicket } from "../../../models/queries/serviceCentre.ts";
import type { Actor } from "../../auth/actor.ts";
import { notFound, validationFailed } from "../../errors.ts";
import { shanghaiDate } from "../../rules/workCalendar.ts";
import type { HallContext } from "./hallContext.ts";

/**
 * Calls the oldest ticket waiting today on any of the lines to the window. The row is taken with
 * FOR UPDATE SKIP LOCKED, so clerks calling at the same moment each get a different ticket (or 404).
 */
export async function callNext(ctx: HallContext, actor: Actor, window: string, serviceCodes: string[]): Promise<TicketRow> {
  const { tx, now } = ctx;
  for (const [i, code] of serviceCodes.entries()) {
    if (!(await findService(tx, code))) throw validationFailed([{ path: `serviceCodes.${i}`, message: "unknown service" }]);
  }
  const next = await claimOldestWaiting(tx, shanghaiDate(now), serviceCodes);
  if (!next) throw notFound({ zh: "当前没有等候的号", en: "Nobody is waiting" });
  const ticket = await updateTicket(tx, next.id, { status: "called", window, calledAt: now, lastCalledAt: now, calledBy: actor.id });
  ctx.emit({ type: "queue.ticket", ticket, called: true });
  return ticket;
}
