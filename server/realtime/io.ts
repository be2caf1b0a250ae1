/** Socket.IO on the HTTP server: handshake authentication, scope rooms, case watching, and the Redis adapter. */
import type { IncomingHttpHeaders, IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { createAdapter } from "@socket.io/redis-adapter";
import type { RequestHandler } from "express";
import { compile as compileTrust } from "proxy-addr";
import { createClient } from "redis";
import { Server, type Socket } from "socket.io";
import { findCaseForReader } from "../../models/queries/cases.ts";
import { scopeOf } from "../policies/case.ts";
import { createSessionMiddleware } from "../app.ts";
import type { Actor } from "../auth/actor.ts";
import { createPassport } from "../auth/passport.ts";
import type { AppDeps } from "../context.ts";
import { actorFromBearer, sessionActor } from "../middleware/authenticate.ts";
import type { Env } from "../env.ts";
import { actorCache } from "../auth/actorCache.ts";
import { withTimeout } from "../withTimeout.ts";
import { tokenBucket } from "../rules/tokenBucket.ts";
import { projectionKey, scopeRooms, startBroadcaster, type InterServerEvents, type RealtimeServer, type ServerEvents, type SocketData } from "./broadcaster.ts";
import type { ClientToServerEvents } from "../../models/contracts.ts";
import { startHall } from "./hall.ts";

/** The running realtime server. */
export interface Realtime {
  io: RealtimeServer;
  /** Disconnects this instance's sockets, stops the broadcaster and the Redis clients; leaves the HTTP server open. */
  close(): Promise<void>;
}

/** Options of startRealtime. */
export interface RealtimeOptions {
  /** The express-session middleware the HTTP app uses (one is built from deps when absent). */
  sessionMiddleware?: RequestHandler;
  /** Prefix of the Redis pub/sub channels; instances that should talk share it (tests isolate with their own). */
  redisKey?: string;
}

type AppSocket = Socket<ClientToServerEvents, ServerEvents, InterServerEvents, SocketData>;

/** Cases one socket may watch at a time, so a client cannot grow the room table without bound. */
const MAX_WATCHED = 200;
/** case:watch calls one socket may make at once, and per second after that (a page opens a few cases at a time). */
const WATCH_BURST = 20;
const WATCH_PER_SECOND = 5;
const REDIS_CONNECT_WAIT_MS = 3000;
/** Longest a revocation waits for the other instances to confirm they forgot the user. */
const EVICTION_WAIT_MS = 2000;

/** Runs an HTTP middleware on the handshake request only (not on every polling request of the session). */
function onlyForHandshake(middleware: RequestHandler) {
  return (req: IncomingMessage & { _query?: Record<string, string> }, res: ServerResponse, next: (err?: unknown) => void) => {
    if (req._query?.sid === undefined) (middleware as unknown as (q: IncomingMessage, s: ServerResponse, n: typeof next) => void)(req, res, next);
    else next();
  };
}

/** Whether a peer address is a proxy TRUST_PROXY names (as express decides for `req.ip`); never, by default. */
function proxyTrust(trust: Env["trustProxy"]): (address: string) => boolean {
  if (trust === false) return () => false;
  if (typeof trust === "number") return () => trust > 0;
  const isTrusted = compileTrust(trust);
  return (address) => isTrusted(address, 0);
}

/**
 * A cookie-authenticated browser handshake must come from this site (defence against cross-site WebSocket hijacking).
 * X-Forwarded-Host counts only from a trusted proxy: anyone else could name any host in it.
 */
function sameOrigin(headers: IncomingHttpHeaders, fromTrustedProxy: boolean): boolean {
  const origin = headers.origin;
  if (!origin) return true;
  const forwarded = fromTrustedProxy ? (headers["x-forwarded-host"] as string | undefined)?.split(",")[0]?.trim() : undefined;
  const host = forwarded || headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The actor of a handshake: `auth.token` or an Authorization header (bearer token or API key), else the session
 * (unless it was ended, or the page is another site's).
 */
async function handshakeActor(deps: AppDeps, socket: AppSocket, isTrustedProxy: (address: string) => boolean): Promise<Actor | null> {
  const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
  if (token !== undefined) return typeof token === "string" && token.length > 0 && token.length <= 4096 ? actorFromBearer(deps, token) : null;
  const header = socket.handshake.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? actorFromBearer(deps, match[1]) : null;
  }
  const request = socket.request as IncomingMessage & { user?: Actor; session?: { epoch?: number } };
  const actor = sessionActor(request.user, request.session);
  return actor && sameOrigin(socket.handshake.headers, isTrustedProxy(socket.handshake.address)) ? actor : null;
}

function isCaseId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 100;
}

function ackOf(ack: unknown): (res: { ok: boolean; error?: string }) => void {
  return typeof ack === "function" ? (ack as (res: { ok: boolean; error?: string }) => void) : () => {};
}

/** Joins the socket's scope rooms and serves case:watch / case:unwatch. */
function onConnection(deps: AppDeps, socket: AppSocket): void {
  const actor = socket.data.actor;
  void socket.join(scopeRooms(actor));
  const mayWatch = tokenBucket(WATCH_BURST, WATCH_PER_SECOND);
  socket.on("case:watch", async (payload: unknown, rawAck?: unknown) => {
    const ack = ackOf(rawAck);
    if (!mayWatch()) return ack({ ok: false, error: "rate_limited" });
    const caseId = (payload as { caseId?: unknown } | null)?.caseId;
    if (!isCaseId(caseId)) return ack({ ok: false, error: "validation_failed" });
    if (socket.rooms.has(`case:${caseId}`)) return ack({ ok: true });
    if ([...socket.rooms].filter((r) => r.startsWith("case:")).length >= MAX_WATCHED) return ack({ ok: false, error: "too_many" });
    try {
      const kase = await findCaseForReader(deps.database.db, caseId, scopeOf(actor));
      if (!kase) return ack({ ok: false, error: "not_found" });
      await socket.join(`case:${caseId}`);
      ack({ ok: true });
    } catch (err) {
      deps.log.error({ err, caseId }, "case:watch failed");
      ack({ ok: false, error: "unavailable" });
    }
  });
  socket.on("case:unwatch", async (payload: unknown, rawAck?: unknown) => {
    const ack = ackOf(rawAck);
    const caseId = (payload as { caseId?: unknown } | null)?.caseId;
    if (!isCaseId(caseId)) return ack({ ok: false, error: "validation_failed" });
    await socket.leave(`case:${caseId}`);
    ack({ ok: true });
  });
}

/**
 * Relays actor-cache evictions between instances and waits for every other instance's acknowledgement, so that a
 * revoked token or session is refused everywhere before the revocation is answered, not up to the cache TTL later.
 */
function relayEvictions(io: RealtimeServer, deps: AppDeps): () => void {
  io.on("ow:evict", (userId: unknown, ack: unknown) => {
    if (typeof userId === "string") actorCache(deps).forget(userId);
    if (typeof ack === "function") ack(true);
  });
  return actorCache(deps).addRelay(async (userId) => {
    try {
      await withTimeout(io.serverSideEmitWithAck("ow:evict", userId), EVICTION_WAIT_MS, "the eviction relay");
    } catch (err) {
      // Redis is down or an instance is stuck: that instance's cache still expires within its TTL.
      deps.log.warn({ err: (err as Error).message, userId }, "could not confirm the actor-cache eviction on every instance");
    }
  });
}

/** Redis clients whose failures are logged, never thrown: the adapter fires commands without catching them. */
async function connectRedis(deps: AppDeps, url: string) {
  const pub = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(200 * (retries + 1), 5000) } });
  const sub = pub.duplicate();
  const clients = [pub, sub];
  let closing = false;
  for (const client of clients) {
    client.on("error", (err: Error) => closing || deps.log.warn({ err: err.message }, "redis connection problem; live events reach only this instance's clients meanwhile"));
    const loose = client as unknown as Record<string, unknown>;
    for (const method of ["publish", "subscribe", "pSubscribe", "unsubscribe", "pUnsubscribe"]) {
      const original = loose[method] as (...args: unknown[]) => Promise<unknown>;
      loose[method] = (...args: unknown[]) => Promise.resolve(original.apply(client, args)).catch((err: Error) => closing || deps.log.warn({ err: err.message, method }, "redis command failed"));
    }
  }
  const ready = Promise.all(clients.map((c) => c.connect()));
  const connected = await Promise.race([ready.then(() => true, () => false), delay(REDIS_CONNECT_WAIT_MS).then(() => false)]);
  if (!connected) deps.log.error({ url: url.replace(/\/\/[^@]*@/, "//***@") }, "Redis is unreachable; starting anyway and retrying in the background");
  return {
    pub,
    sub,
    close: async () => {
      closing = true;
      await Promise.allSettled(clients.map((c) => (c.isReady ? c.close() : Promise.resolve(c.destroy()))));
    },
  };
}

/** Starts Socket.IO on the HTTP server (default namespace) with its rooms, broadcaster and, when REDIS_URL is set, the Redis adapter. */
export async function startRealtime(httpServer: HttpServer, deps: AppDeps, opts: RealtimeOptions = {}): Promise<Realtime> {
  const io: RealtimeServer = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const passport = createPassport(deps);
  io.engine.use(onlyForHandshake(opts.sessionMiddleware ?? createSessionMiddleware(deps)));
  io.engine.use(onlyForHandshake(passport.initialize()));
  io.engine.use(onlyForHandshake(passport.session()));
  const isTrustedProxy = proxyTrust(deps.env.trustProxy);
  io.use(async (socket, next) => {
    try {
      const actor = await handshakeActor(deps, socket, isTrustedProxy);
      if (!actor) return next(new Error("unauthorized"));
      // Someone whose password an admin set may do nothing but change it: no live events either.
      if (actor.mustChangePassword) return next(new Error("forbidden"));
      socket.data.actor = actor;
      socket.data.key = projectionKey(actor);
      next();
    } catch (err) {
      deps.log.error({ err }, "socket handshake failed");
      next(new Error("unavailable"));
    }
  });
  io.on("connection", (socket) => onConnection(deps, socket));

  const redis = deps.env.redisUrl ? await connectRedis(deps, deps.env.redisUrl) : null;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { key: opts.redisKey ?? "onewindow" }));
  const broadcaster = startBroadcaster(io, deps, { relay: !!redis });
  const hall = startHall(io, deps, { relay: !!redis });
  // Through the adapter this reaches the user's sockets on every instance.
  const unsubscribe = deps.bus.subscribe((e) => {
    if (e.type === "user.access_changed") io.in(`user:${e.userId}`).disconnectSockets(true);
  });
  const unrelay = redis ? relayEvictions(io, deps) : () => {};

  return {
    io,
    close: async () => {
      unsubscribe();
      unrelay();
      await broadcaster.stop();
      await hall.stop();
      io.local.disconnectSockets(true);
      // Not io.close(): that would also close the HTTP server under requests still in flight.
      await io.sockets.adapter.close();
      io.engine.close();
      await redis?.close();
    },
  };
}
