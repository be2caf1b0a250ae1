/** The one Socket.IO connection of the signed-in user, with a tiny subscription hub. */
import { io, type Socket } from "socket.io-client";
import type { CaseDto, CaseEventDto, ClientToServerEvents, QueueCalledPayload, QueueUpdatedPayload, ServerToClientEvents, TicketDto } from "../../../models/contracts.ts";
import type { DeadlineKind, DeadlineState } from "../../../models/enums.ts";

export type RealtimeMessage =
  | { type: "case.created"; case: CaseDto }
  | { type: "case.updated"; case: CaseDto; event: CaseEventDto }
  | { type: "case.deadline"; caseId: string; kind: DeadlineKind; state: DeadlineState }
  /** This user can no longer see the case (its department lost it). */
  | { type: "case.removed"; caseId: string }
  /** The service-centre hall (staff) and one's own remote ticket (enterprise). */
  | { type: "queue.called"; call: QueueCalledPayload }
  | { type: "queue.updated"; update: QueueUpdatedPayload }
  | { type: "queue.ticket"; ticket: TicketDto }
  /** The connection came back after a gap: lists must catch up on changes since `since`. */
  | { type: "resync"; since: string };

export type ConnectionState = "connecting" | "online" | "offline";

type Listener = (m: RealtimeMessage) => void;
type StateListener = (s: ConnectionState) => void;

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
const listeners = new Set<Listener>();
const stateListeners = new Set<StateListener>();
const watched = new Set<string>();
let state: ConnectionState = "offline";
/** When the last message or connection was seen, to ask for changes since then after a gap. */
let lastSeen: string | null = null;
let everConnected = false;

function setState(s: ConnectionState) {
  state = s;
  for (const l of stateListeners) l(s);
}

function emit(m: RealtimeMessage) {
  for (const l of listeners) l(m);
}

function watch(caseId: string) {
  socket?.emit("case:watch", { caseId }, () => undefined);
}

/** Opens the connection (idempotent); the session cookie authenticates it. */
export function connectRealtime(): void {
  if (socket) return;
  everConnected = false;
  setState("connecting");
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io({ withCredentials: true, reconnectionDelayMax: 10_000 });
  socket = s;
  s.on("connect", () => {
    setState("online");
    for (const id of watched) watch(id);
    if (everConnected && lastSeen) emit({ type: "resync", since: lastSeen });
    everConnected = true;
    lastSeen = new Date().toISOString();
  });
  s.on("case.removed", (p) => {
    emit({ type: "case.removed", caseId: p.caseId });
  });
  s.on("disconnect", (reason) => {
    // The server drops sockets when the user's access changes; come back with the new scope (or fail as unauthorized).
    if (reason === "io server disconnect") window.setTimeout(() => socket === s && s.connect(), 1000);
    // Keep a little margin so nothing committed around the drop is missed.
    lastSeen = new Date(Date.now() - 5000).toISOString();
    setState("offline");
  });
  s.on("connect_error", () => setState("offline"));
  s.on("case.created", (p) => {
    emit({ type: "case.created", case: p.case });
  });
  s.on("case.updated", (p) => {
    emit({ type: "case.updated", case: p.case, event: p.event });
  });
  s.on("queue.called", (call) => emit({ type: "queue.called", call }));
  s.on("queue.updated", (update) => emit({ type: "queue.updated", update }));
  s.on("queue.ticket", (p) => emit({ type: "queue.ticket", ticket: p.ticket }));
  s.on("case.deadline", (p) => {
    emit({ type: "case.deadline", caseId: p.caseId, kind: p.kind, state: p.state });
  });
}

/** Closes the connection (on sign-out). */
export function disconnectRealtime(): void {
  socket?.disconnect();
  socket = null;
  watched.clear();
  lastSeen = null;
  setState("offline");
}

/** Subscribes to pushed messages; returns the unsubscribe function. */
export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function subscribeState(l: StateListener): () => void {
  stateListeners.add(l);
  l(state);
  return () => stateListeners.delete(l);
}

/** Joins one case's room now and after every reconnect; returns the function that stops watching. */
export function watchCase(caseId: string): () => void {
  watched.add(caseId);
  if (socket?.connected) watch(caseId);
  return () => {
    watched.delete(caseId);
    socket?.emit("case:unwatch", { caseId });
  };
}
