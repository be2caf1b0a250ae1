import type { Logger } from "pino";
import { CalendarService } from "./calendarService.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { AppDeps } from "./context.ts";
import { openDatabase } from "./db.ts";
import type { Env } from "./env.ts";
import { DomainBus } from "./events.ts";
import { TokenService } from "./auth/tokens.ts";

/** Opens the database and builds the shared services. */
export async function createDeps(env: Env, log: Logger, clock: Clock = systemClock): Promise<AppDeps> {
  const database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, poolSize: env.dbPoolSize, queryTimeoutMs: env.dbQueryTimeoutMs });
  return {
    env,
    database,
    log,
    clock,
    calendar: new CalendarService(database.db),
    bus: new DomainBus(),
    tokens: new TokenService(env.sessionSecret, env.tokenTtlSeconds),
  };
}
