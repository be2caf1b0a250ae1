import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "../models/schema/index.ts";
import { AppError } from "./errors.ts";

import type { Db } from "../models/db.ts";
export type { Db, Executor, Tx } from "../models/db.ts";
export { queryRows } from "../models/db.ts";

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies the committed migrations. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "models", "migrations");

/** Opens PostgreSQL when a URL is given, else embedded PGlite in dataDir (or in memory for "memory://"). */
export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string; poolSize?: number; queryTimeoutMs?: number }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.queryTimeoutMs ?? 5000) : openPglite(opts.dataDir);
}

async function openPostgres(url: string, max: number, queryTimeoutMs: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30000,
    // A partitioned network must fail requests fast (503), not hang them on a pooled connection.
    query_timeout: queryTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 5000,
    // JIT compilation costs more than it saves on OneWindow's short report queries (measured: metrics 2.9 → 2.1 s at 1M cases).
    options: "-c jit=off",
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  db.transaction = poolTransaction(pool);
  return {
    db,
    kind: "postgres",
    migrate: async () => {
      // Serialise migrations of several instances starting at once.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(4242001)");
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS });
      } finally {
        await client.query("select pg_advisory_unlock(4242001)").catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

/**
 * Transactions on a pooled connection that is closed instead of reused when the database failed under it.
 * Drizzle's own pool transaction leaks the connection when BEGIN fails (it is never released) and returns
 * it to the pool when ROLLBACK fails, possibly still inside the transaction or with a late answer in flight;
 * both happen when the network drops packets and queries time out. Here the transaction runs on one checked-out
 * client and the client is destroyed unless the transaction committed, or rolled back cleanly for an AppError.
 */
function poolTransaction(pool: pg.Pool): Db["transaction"] {
  const onClient = new WeakMap<pg.PoolClient, Db>();
  return async (fn, config) => {
    const client = await pool.connect();
    let reusable = false;
    try {
      let db = onClient.get(client);
      if (!db) onClient.set(client, (db = drizzlePg({ client, schema }) as unknown as Db));
      const result = await db.transaction(fn, config);
      reusable = true;
      return result;
    } catch (err) {
      // An AppError comes from the command itself after drizzle's ROLLBACK succeeded: the connection is sound.
      reusable = err instanceof AppError;
      throw err;
    } finally {
      client.release(!reusable);
    }
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  let releaseLock = () => {};
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : dataDir);
  } catch (err) {
    releaseLock();
    throw err;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    migrate: async () => {
      await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: MIGRATIONS });
    },
    ping: async () => {
      await client.query("select 1");
    },
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/** Raised when another live process holds the embedded database. */
export class DataDirLockedError extends Error {}

/**
 * Takes an exclusive lock file in the data directory: PGlite has no inter-process
 * locking, and two processes writing one directory corrupt it.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(path.resolve(dataDir), "onewindow.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(lockPath, "utf8").trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `The embedded database in ${path.resolve(dataDir)} is in use by another OneWindow process (pid ${holder}). ` +
            `Stop that process, or set DATA_DIR to another directory or DATABASE_URL to a PostgreSQL server.`,
        );
      }
      if (holder === process.pid) {
        throw new DataDirLockedError(`The embedded database in ${path.resolve(dataDir)} is already open in this process.`);
      }
      // The holder died without cleaning up (kill -9): the lock is stale.
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

