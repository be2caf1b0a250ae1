import type { Logger } from "pino";
import { CalendarService } from "./calendarService.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { AppDeps } from "./context.ts";
import { openDatabase, type Database } from "./db.ts";
import type { Env } from "./env.ts";
import { DomainBus } from "./events.ts";
import { resolveSigningSecret } from "./auth/secret.ts";
import { TokenService } from "./auth/tokens.ts";

/** Opens the database, applies the migrations, resolves the signing secret and builds the shared services. */
export async function createDeps(env: Env, log: Logger, clock: Clock = systemClock): Promise<AppDeps> {
  const database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: env.dbPoolSize, queryTimeoutMs: env.dbQueryTimeoutMs });
  try {
    await database.migrate();
    return buildDeps(database, env, log, clock, await resolveSigningSecret(database.db, env));
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}

/** The shared services over an opened database with a known signing secret (tests and benchmarks build theirs with it). */
export function buildDeps(database: Database, env: Env, log: Logger, clock: Clock, signingSecret: string): AppDeps {
  return {
    env,
    database,
    log,
    clock,
    calendar: new CalendarService(database.db),
    bus: new DomainBus(),
    signingSecret,
    tokens: new TokenService(signingSecret, env.tokenTtlSeconds),
  };
}
