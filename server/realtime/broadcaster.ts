/**
 * Domain event → Socket.IO rooms, after commit. Every socket gets the projection its
 * actor would get over HTTP; sockets are grouped by projection key so a case is
 * presented once per group, not once per socket.
 */
import { randomUUID } from "node:crypto";
import { getTableColumns, type Table } from "drizzle-orm";
import type { Server } from "socket.io";
import type { CaseEventDto, ClientToServerEvents, ServerToClientEvents } from "../../models/contracts.ts";
import { listActiveAssignments } from "../../models/queries/cases.ts";
import { caseEvents, cases, phoneReads, type CaseEventRow, type CaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import type { AppDeps } from "../context.ts";
import type { DomainEvent } from "../events.ts";
import { readerKeysOf, scopeKey } from "../../models/readerScope.ts";
import { canReadCase, isStaff, scopeOf } from "../policies/case.ts";
import { isHallStaff } from "../policies/ticket.ts";
import { assignmentsOf, presentCase, presentEvent, seesFullPhone } from "../presenters/case.ts";

/** Server → client events (the shared contract, including the removal notice to a department that lost a case). */
export type ServerEvents = ServerToClientEvents;

/** Messages between OneWindow instances (through the Redis adapter): a domain event to fan out locally. */
export interface InterServerEvents {
  "ow:domain": (payload: string) => void;
  /** A service-centre ticket change (realtime/hall.ts). */
  "ow:queue": (payload: string) => void;
  /** Forget a user in the actor cache (their access changed); the ack tells the sender it is done. */
  "ow:evict": (userId: string, ack: (done: boolean) => void) => void;
}

/** What the server keeps on each socket. */
export interface SocketData {
  actor: Actor;
  /** Everything the projection and the read policy depend on; sockets with equal keys get identical payloads. */
  key: string;
}

/** The typed Socket.IO server of OneWindow. */
export type RealtimeServer = Server<ClientToServerEvents, ServerEvents, InterServerEvents, SocketData>;

type CaseDomainEvent = Exclude<DomainEvent, { type: "user.access_changed" } | { type: "queue.ticket" }>;

/** The room of the staff who work the service-centre hall (queue.called, queue.updated, queue.ticket). */
export const HALL_ROOM = "hall";

/**
 * The projection key of an actor: presentCase depends on role, department and scope, canReadCase on the scope,
 * and presentEvent shows a reader outside the staff its own actor id only.
 */
export function projectionKey(actor: Actor): string {
  return [actor.role, actor.departmentId ?? "", actor.enterpriseId ?? "", isStaff(actor) ? "" : actor.id].join("|");
}

/** The rooms a socket joins at connection: its user's, and its reader scope's (models/readerScope.ts). */
export function scopeRooms(actor: Actor): string[] {
  const rooms = [`user:${actor.id}`];
  const key = scopeKey(scopeOf(actor));
  if (key) rooms.push(key);
  if (isHallStaff(actor)) rooms.push(HALL_ROOM);
  return rooms;
}

/** The rooms that may hold readers of a case: the room of every scope that reads it, and its watchers. */
function caseRooms(kase: CaseRow, departmentIds: Iterable<string>): string[] {
  return [...readerKeysOf(kase, departmentIds), `case:${kase.id}`];
}

interface Group {
  actor: Actor;
  socketIds: string[];
  userIds: Set<string>;
}

/** The local sockets in any of the rooms, grouped by projection key (each socket once). */
function groupSockets(io: RealtimeServer, rooms: string[]): Map<string, Group> {
  const nsp = io.sockets;
  const seen = new Set<string>();
  const groups = new Map<string, Group>();
  for (const room of rooms) {
    for (const id of nsp.adapter.rooms.get(room) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const socket = nsp.sockets.get(id);
      if (!socket?.data.actor) continue;
      let group = groups.get(socket.data.key);
      if (!group) groups.set(socket.data.key, (group = { actor: socket.data.actor, socketIds: [], userIds: new Set() }));
      group.socketIds.push(id);
      if (socket.data.actor.kind === "user") group.userIds.add(socket.data.actor.id);
    }
  }
  return groups;
}

/** An internal event as a non-staff user may learn of it: that it happened, not who did what. */
function withheld(event: CaseEventRow): CaseEventDto {
  return { id: event.id, caseId: event.caseId, seq: event.seq, action: event.action, actorId: null, actorRole: event.actorRole, at: event.at.toISOString(), data: {}, public: false };
}

/** Sends one domain event to this instance's sockets. */
async function deliver(io: RealtimeServer, deps: AppDeps, e: CaseDomainEvent): Promise<void> {
  const kase = e.case;
  // The committed assignments: the lead, co-departments and their sign state drive visibility and `actions`.
  const assignments = assignmentsOf(await listActiveAssignments(deps.database.db, [kase.id]), kase.id);
  const departments = new Set<string>([...e.coDepartmentIds, ...assignments.map((a) => a.departmentId)]);
  if (kase.departmentId) departments.add(kase.departmentId);
  const lost = new Set(e.type === "case.updated" ? e.previousDepartmentIds.filter((d) => !departments.has(d)) : []);
  const groups = groupSockets(io, [...caseRooms(kase, departments), ...[...lost].map((d) => `department:${d}`)]);
  const now = deps.clock.now();
  const phoneReaders: string[] = [];
  for (const { actor, socketIds, userIds } of groups.values()) {
    const to = io.local.to(socketIds);
    if (!canReadCase(actor, kase, assignments)) {
      // A department that just lost the case learns only that: the id it already had, nothing about where it went.
      if (actor.departmentId && lost.has(actor.departmentId)) to.emit("case.removed", { caseId: kase.id });
      continue;
    }
    if (e.type === "case.deadline") {
      if (isStaff(actor)) to.emit("case.deadline", { caseId: kase.id, kind: e.kind, state: e.state });
      continue;
    }
    // Enterprises and integration clients see public events only. An internal step that changes the case
    // (a closing callback, a return, a rejected reply) still reaches them as the new case with the event's
    // content withheld, so their page never goes stale; internal comments change nothing they see.
    const internal = !isStaff(actor) && !e.event.public;
    if (internal && e.event.action === "comment") continue;
    const dto = presentCase(kase, actor, assignments, now);
    if (e.type === "case.created") to.emit("case.created", { case: dto });
    else to.emit("case.updated", { case: dto, event: internal ? withheld(e.event) : presentEvent(e.event, actor) });
    if (isStaff(actor) && seesFullPhone(actor, kase)) phoneReaders.push(...userIds);
  }
  // An unmasked phone pushed to staff is a read like one over HTTP, and is logged the same way.
  if (phoneReaders.length) {
    await deps.database.db.insert(phoneReads).values(phoneReaders.map((userId) => ({ id: randomUUID(), caseId: kase.id, userId, at: now })));
  }
}

const DATE_KEYS = new Map<string, string[]>([
  ["case", dateKeys(cases)],
  ["event", dateKeys(caseEvents)],
]);

function dateKeys(table: Table): string[] {
  return Object.entries(getTableColumns(table))
    .filter(([, column]) => column.dataType === "date")
    .map(([key]) => key);
}

/** Serialises a domain event for the other instances (the search vector is not needed to present a case). */
export function encodeDomainEvent(e: CaseDomainEvent): string {
  return JSON.stringify({ ...e, case: { ...e.case, searchTokens: null } });
}

/** Parses a relayed domain event, turning its timestamps back into Dates; null when malformed. */
export function decodeDomainEvent(raw: unknown): CaseDomainEvent | null {
  if (typeof raw !== "string") return null;
  try {
    const e = JSON.parse(raw) as Record<string, Record<string, unknown>> & { type: string };
    if (!["case.created", "case.updated", "case.deadline"].includes(e.type) || typeof e.case?.id !== "string") return null;
    for (const [field, keys] of DATE_KEYS) {
      const obj = e[field];
      if (!obj) continue;
      for (const key of keys) if (typeof obj[key] === "string") obj[key] = new Date(obj[key] as string);
    }
    return e as unknown as CaseDomainEvent;
  } catch {
    return null;
  }
}

/** The running broadcaster. */
export interface Broadcaster {
  /** Stops listening and waits for deliveries in flight. */
  stop(): Promise<void>;
}

/**
 * Subscribes to the domain bus and fans events out to this instance's sockets; with
 * `relay`, also forwards them to the other instances, which fan out to theirs.
 */
export function startBroadcaster(io: RealtimeServer, deps: AppDeps, opts: { relay: boolean }): Broadcaster {
  // One chain per case keeps a case's events in order while different cases proceed in parallel.
  const chains = new Map<string, Promise<void>>();
  let stopped = false;
  const enqueue = (e: CaseDomainEvent) => {
    if (stopped) return;
    const id = e.case.id;
    const next = (chains.get(id) ?? Promise.resolve())
      .then(() => deliver(io, deps, e))
      .catch((err: unknown) => deps.log.error({ err, caseId: id, type: e.type }, "realtime delivery failed"));
    chains.set(id, next);
    void next.then(() => {
      if (chains.get(id) === next) chains.delete(id);
    });
  };
  const unsubscribe = deps.bus.subscribe((e) => {
    if (e.type === "user.access_changed" || e.type === "queue.ticket") return; // io.ts disconnects the user's sockets cluster-wide; hall.ts serves the queue
    enqueue(e);
    if (opts.relay) io.serverSideEmit("ow:domain", encodeDomainEvent(e));
  });
  io.on("ow:domain", (raw: unknown) => {
    const e = decodeDomainEvent(raw);
    if (e) enqueue(e);
    else deps.log.warn("ignored a malformed relayed domain event");
  });
  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      await Promise.allSettled([...chains.values()]);
    },
  };
}
