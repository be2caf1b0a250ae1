import { pino } from "pino";
import { FakeClock, systemClock, type Clock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { openDatabase, type Database } from "../../server/db.ts";
import { loadEnv, type Env } from "../../server/env.ts";
import { buildDeps } from "../../server/deps.ts";
import { resolveSigningSecret } from "../../server/auth/secret.ts";
import { seedReferenceData } from "../../server/seed.ts";

let shared: Promise<Database> | null = null;

/** The test run's database: PostgreSQL when DATABASE_URL is set, else one in-memory PGlite shared by all tests. */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || null, dataDir: "memory://", poolSize: 20 });
    await database.migrate();
    await seedReferenceData(database.db);
    return database;
  })();
  return shared;
}

/** Closes the shared database at the end of the run. */
export async function closeTestDatabase(): Promise<void> {
  if (!shared) return;
  const database = await shared;
  shared = null;
  await database.close();
}

/** Test configuration: quiet logs, no client, fast limits; overrides win. */
export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", SERVE_CLIENT: "0", SEED_DEMO: "false", SWEEP_INTERVAL_SECONDS: "0", LOGIN_RATE_LIMIT: "1000", ...overrides });
}

/**
 * Deps over the shared test database with a fresh bus; a FakeClock when a start time is given. The signing secret
 * is resolved as the server does (generated once and kept in the database), so every instance of a run shares it.
 */
export async function testDeps(opts: { env?: Record<string, string>; clock?: Clock | string } = {}): Promise<AppDeps> {
  const database = await testDatabase();
  const clock = typeof opts.clock === "string" ? new FakeClock(new Date(opts.clock)) : (opts.clock ?? systemClock);
  const env = testEnv(opts.env);
  return buildDeps(database, env, pino({ level: "silent" }), clock, await resolveSigningSecret(database.db, env));
}
