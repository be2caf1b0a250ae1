/**
 * The service-centre hall, live: ticket changes (after commit) → hall staff, the ticket's signed-in owner and
 * the public `/board` namespace. The board gets calls and waiting counts only, never a phone or a name.
 * Like the case broadcaster, every instance fans out to its own sockets; with Redis, changes are relayed.
 */
import { getTableColumns } from "drizzle-orm";
import type { Namespace } from "socket.io";
import { tickets, type TicketRow } from "../../models/schema/index.ts";
import { linePace, remoteWaiting, waitingCounts } from "../../models/queries/serviceCentre.ts";
import { ticketPosition } from "../commands/serviceCentre/hallContext.ts";
import type { AppDeps } from "../context.ts";
import { presentCall, presentTicket } from "../presenters/serviceCentre.ts";
import { estimateWaitMinutes, OPEN_WINDOW_MINUTES } from "../rules/ticketQueue.ts";
import { shanghaiDate } from "../rules/workCalendar.ts";
import { HALL_ROOM, type RealtimeServer } from "./broadcaster.ts";

/** The public namespace of the hall's display board. */
export const BOARD_NAMESPACE = "/board";

type TicketEvent = { ticket: TicketRow; called: boolean };

const TICKET_DATES = Object.entries(getTableColumns(tickets))
  .filter(([, column]) => column.dataType === "date")
  .map(([key]) => key);

/** Serialises a ticket change for the other instances. */
export function encodeTicketEvent(e: TicketEvent): string {
  return JSON.stringify({ ticket: e.ticket, called: e.called });
}

/** Parses a relayed ticket change, turning its timestamps back into Dates; null when malformed. */
export function decodeTicketEvent(raw: unknown): TicketEvent | null {
  if (typeof raw !== "string") return null;
  try {
    const e = JSON.parse(raw) as { ticket?: Record<string, unknown>; called?: unknown };
    if (!e.ticket || typeof e.ticket.id !== "string" || typeof e.called !== "boolean") return null;
    for (const key of TICKET_DATES) if (typeof e.ticket[key] === "string") e.ticket[key] = new Date(e.ticket[key] as string);
    return e as TicketEvent;
  } catch {
    return null;
  }
}

/** The running hall fan-out. */
export interface HallRealtime {
  board: Namespace;
  stop(): Promise<void>;
}

/** Opens /board (no sign-in, nothing to send to the server) and fans ticket changes out; `relay` through the adapter. */
export function startHall(io: RealtimeServer, deps: AppDeps, opts: { relay: boolean }): HallRealtime {
  const db = deps.database.db;
  const centreId = deps.env.serviceCentreId;
  // A board only listens: the namespace has no handshake check and no client events.
  const board = io.of(BOARD_NAMESPACE);
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  // Counts and positions are refreshed once per burst of changes to a line, not once per change.
  const dirtyLines = new Set<string>();
  let refreshing: Promise<void> | null = null;

  const track = (p: Promise<void>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  async function refresh(): Promise<void> {
    while (dirtyLines.size && !stopped) {
      const lines = [...dirtyLines];
      dirtyLines.clear();
      const now = deps.clock.now();
      const day = shanghaiDate(now);
      const waiting = await waitingCounts(db, day);
      io.local.to(HALL_ROOM).emit("queue.updated", { centreId, waiting });
      board.local.emit("queue.updated", { centreId, waiting });
      for (const line of lines) {
        const holders = await remoteWaiting(db, line, day);
        if (!holders.length) continue;
        const pace = await linePace(db, line, day, now, OPEN_WINDOW_MINUTES);
        for (const t of holders) {
          const position = { aheadCount: t.ahead, estimatedWaitMinutes: estimateWaitMinutes(t.ahead, pace.avgServiceMinutes, pace.openWindows) };
          io.local.to(`user:${t.userId}`).emit("queue.ticket", { ticket: presentTicket(t, position) });
        }
      }
    }
  }

  function scheduleRefresh(line: string) {
    dirtyLines.add(line);
    if (refreshing) return;
    refreshing = refresh()
      .catch((err: unknown) => deps.log.error({ err }, "hall refresh failed"))
      .finally(() => {
        refreshing = null;
        if (dirtyLines.size && !stopped) scheduleRefresh([...dirtyLines][0]);
      });
    track(refreshing);
  }

  async function deliver(e: TicketEvent): Promise<void> {
    const t = e.ticket;
    if (e.called && t.window) {
      const call = { centreId, ...presentCall(t) };
      io.local.to(HALL_ROOM).emit("queue.called", call);
      board.local.emit("queue.called", call);
    }
    const dto = presentTicket(t, await ticketPosition(db, t, deps.clock.now()));
    const rooms = [HALL_ROOM, ...(t.userId ? [`user:${t.userId}`] : [])];
    io.local.to(rooms).emit("queue.ticket", { ticket: dto });
    scheduleRefresh(t.serviceCode);
  }

  // One chain per ticket keeps its changes in order (the position query may be slower for one than the next).
  const chains = new Map<string, Promise<void>>();
  const enqueue = (e: TicketEvent) => {
    if (stopped) return;
    const id = e.ticket.id;
    const next = (chains.get(id) ?? Promise.resolve()).then(() => deliver(e)).catch((err: unknown) => deps.log.error({ err, ticketId: id }, "hall delivery failed"));
    chains.set(id, next);
    track(next.then(() => void (chains.get(id) === next && chains.delete(id))));
  };
  const unsubscribe = deps.bus.subscribe((e) => {
    if (e.type !== "queue.ticket") return;
    enqueue(e);
    if (opts.relay) io.serverSideEmit("ow:queue", encodeTicketEvent(e));
  });
  io.on("ow:queue", (raw: unknown) => {
    const e = decodeTicketEvent(raw);
    if (e) enqueue(e);
    else deps.log.warn("ignored a malformed relayed ticket change");
  });
  return {
    board,
    stop: async () => {
      stopped = true;
      unsubscribe();
      await Promise.allSettled([...inFlight]);
      board.local.disconnectSockets(true);
    },
  };
}
