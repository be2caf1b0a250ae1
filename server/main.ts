/** Boot: env → database (+migrations, signing secret, seed) → HTTP + Socket.IO → listen; graceful shutdown. */
import { createServer } from "node:http";
import { createApp, createSessionMiddleware } from "./app.ts";
import { buildClientIfNeeded } from "./buildClient.ts";
import { createDeps } from "./deps.ts";
import { loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { DataDirLockedError } from "./db.ts";
import { isEmpty, seedDemoData, seedReferenceData, DEMO_PASSWORD } from "./seed.ts";
import { startRealtime } from "./realtime/io.ts";
import { startJobs } from "./jobs/index.ts";

const env = loadEnv();
const log = createLogger(env.logLevel);

let deps;
try {
  deps = await createDeps(env, log);
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const { database } = deps;
await seedReferenceData(database.db);
if (env.seedDemo && (await isEmpty(database.db))) {
  await seedDemoData(database.db);
  log.info(`demo accounts created (password "${DEMO_PASSWORD}"): admin, operator, clerk, supervisor, handler.env, handler.market, enterprise`);
}
if (env.serveClient) await buildClientIfNeeded(log);

// One session middleware for HTTP and the Socket.IO handshake.
const sessionMiddleware = createSessionMiddleware(deps);
const app = createApp(deps, sessionMiddleware);
const server = createServer(app);
const realtime = await startRealtime(server, deps, { sessionMiddleware });
const jobs = startJobs(deps);

server.listen(env.port, env.host, () => {
  const engine = env.databaseUrl ? "PostgreSQL" : `embedded PGlite in ${env.dataDir}`;
  log.info(`OneWindow listening on http://localhost:${env.port} (${engine})`);
  // A person at a terminal gets a plain banner; log collectors get the JSON line above.
  if (process.stdout.isTTY || env.logLevel === "silent") {
    console.log(`\n  OneWindow 一窗通  →  http://localhost:${env.port}\n  database: ${engine}`);
    if (env.seedDemo) console.log(`  demo accounts: admin, operator, clerk, supervisor, handler.env, handler.market, enterprise (password "${DEMO_PASSWORD}")\n`);
  }
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
  const force = setTimeout(() => {
    log.warn("in-flight requests did not finish in 10 s; closing anyway");
    server.closeAllConnections();
  }, 10_000);
  force.unref();
  await jobs.stop();
  await realtime.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  await database.close();
  log.info("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
