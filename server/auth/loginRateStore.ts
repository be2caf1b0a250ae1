import type { Store } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import { createClient } from "redis";
import type { AppDeps } from "../context.ts";
import { withTimeout } from "../withTimeout.ts";

/** A sign-in must not wait on a slow Redis: past this the attempt is let through uncounted (and logged). */
const COMMAND_TIMEOUT_MS = 1_000;

type RedisClient = ReturnType<typeof createClient>;
/** One connection per Redis URL in the process, shared by every app instance built in it (tests build many). */
const clients = new Map<string, RedisClient>();

function redisClient(deps: AppDeps, url: string): RedisClient {
  let client = clients.get(url);
  if (!client) {
    // Commands wait for the connection (the first sign-ins after a start), at most COMMAND_TIMEOUT_MS each; the
    // queue is capped so that a long outage cannot pile them up.
    const created: RedisClient = createClient({ url, commandsQueueMaxLength: 1_000, socket: { reconnectStrategy: (retries: number) => Math.min(200 * (retries + 1), 5_000) } });
    created.on("error", (err: Error) => deps.log.warn({ err: err.message }, "redis (sign-in rate limit) unreachable; sign-ins are counted by nothing meanwhile"));
    created.connect().then(
      () => created.unref(),
      () => {},
    );
    clients.set(url, (client = created));
  }
  return client;
}

/**
 * The rate-limit-redis store, except that a failed command also reloads its Lua script: the library loads the
 * script once, at start, and a Redis that was down then would otherwise leave every later count failing.
 */
class ResilientRedisStore extends RedisStore {
  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (err) {
      this.incrementScriptSha = this.loadIncrementScript();
      this.incrementScriptSha.catch(() => {});
      throw err;
    }
  }
}

/**
 * Where sign-in attempts are counted: in this process (the default), or in Redis (LOGIN_RATE_STORE=redis), so that
 * several instances behind one address share one count per client and user name. Counting fails open: when Redis
 * does not answer, the attempt goes through and the failure is logged.
 */
export function loginRateStore(deps: AppDeps): Store | undefined {
  if (deps.env.loginRateStore !== "redis" || !deps.env.redisUrl) return undefined;
  const client = redisClient(deps, deps.env.redisUrl);
  return new ResilientRedisStore({
    prefix: "onewindow:login:",
    sendCommand: (...args: string[]) => withTimeout(client.sendCommand(args), COMMAND_TIMEOUT_MS, "redis") as Promise<never>,
  });
}

/** Closes the shared Redis connections (tests; the server process exits instead). */
export async function closeLoginRateStores(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.allSettled(open.map((c) => (c.isReady ? c.close() : Promise.resolve(c.destroy()))));
}
