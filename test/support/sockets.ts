import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { createApp, createSessionMiddleware } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { startRealtime, type Realtime, type RealtimeOptions } from "../../server/realtime/io.ts";

/** An app with Socket.IO listening on an ephemeral port. */
export interface TestServer {
  app: Express;
  http: HttpServer;
  realtime: Realtime;
  url: string;
  close(): Promise<void>;
}

/** Starts createApp + startRealtime on 127.0.0.1:0 with one shared session middleware. */
export async function startTestServer(deps: AppDeps, opts: Omit<RealtimeOptions, "sessionMiddleware"> = {}): Promise<TestServer> {
  const sessionMiddleware = createSessionMiddleware(deps);
  const app = createApp(deps, sessionMiddleware);
  const http = createServer(app);
  const realtime = await startRealtime(http, deps, { ...opts, sessionMiddleware });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    app,
    http,
    realtime,
    url,
    close: async () => {
      await realtime.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** One received server event. */
export interface Received {
  name: string;
  payload: any;
}

/** A connected client that records every server event it receives. */
export interface TestClient {
  socket: ClientSocket;
  received: Received[];
  /** Events about one case (by payload.case.id or payload.caseId). */
  about(caseId: string): Received[];
  /** Resolves with the first event (already received or future) matching the predicate. */
  waitFor(predicate: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
}

const caseIdOf = (r: Received): string | undefined => r.payload?.case?.id ?? r.payload?.caseId;

/** Connects a socket.io-client (websocket unless told) and resolves once connected; rejects with the connect_error. */
export function connectClient(url: string, opts: { token?: string; cookie?: string; headers?: Record<string, string>; transports?: string[] } = {}): Promise<TestClient> {
  const socket = connect(url, {
    transports: opts.transports ?? ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: opts.token !== undefined ? { token: opts.token } : {},
    extraHeaders: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...opts.headers },
  });
  const received: Received[] = [];
  const waiters: { predicate: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  socket.onAny((name: string, payload: unknown) => {
    const r = { name, payload };
    received.push(r);
    for (const w of [...waiters]) {
      if (w.predicate(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  });
  const client: TestClient = {
    socket,
    received,
    about: (caseId) => received.filter((r) => caseIdOf(r) === caseId),
    waitFor: (predicate, timeoutMs = 3000) => {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${received.map((r) => r.name).join(", ") || "nothing"}`)), timeoutMs);
        waiters.push({ predicate, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(client));
    socket.once("connect_error", (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the connect_error message of a refused connection (fails if it connects). */
export async function connectError(url: string, opts: Parameters<typeof connectClient>[1] = {}): Promise<string> {
  try {
    const client = await connectClient(url, opts);
    client.socket.close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("connected, but it should have been refused");
}

/** Emits with an ack and resolves with the ack's argument. */
export function emitWithAck<T = unknown>(socket: ClientSocket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(3000).emitWithAck(event, ...args) as Promise<T>;
}

/** Waits so that an event that should not come has had every chance to arrive. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
