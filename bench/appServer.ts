/**
 * OneWindow as the benchmarks run it: a child process booted like server/main.ts
 * (createDeps, which migrates → createApp → HTTP server → startRealtime), production
 * settings, listening on 127.0.0.1 on a free port. Background jobs (the sweeper)
 * are not started: bench/sweeper.ts measures them on their own; the webhook worker
 * runs when BENCH_WEBHOOKS is set (bench/webhooks.ts).
 *
 * The parent has already migrated and seeded the database. Reports
 * `{type: "ready", port, tokens, departments, users}` over IPC: bearer tokens of
 * the demo users and the department ids by code.
 */
import { createServer } from "node:http";
import { createApp } from "../server/app.ts";
import { createDeps } from "../server/deps.ts";
import { loadEnv } from "../server/env.ts";
import { createLogger } from "../server/logger.ts";
import { startRealtime } from "../server/realtime/io.ts";
import { startWebhookWorker } from "../server/jobs/webhookWorker.ts";
import { DEMO_USERS } from "../server/seed.ts";
import { listDepartments, findUserByUsername } from "../models/queries/directory.ts";
import { childLifecycle } from "./support.ts";

async function main(): Promise<void> {
  const env = loadEnv({
    ...process.env,
    NODE_ENV: "production",
    SESSION_SECRET: "onewindow-benchmark-secret-0123456789",
    HOST: "127.0.0.1",
    PORT: "0",
    SERVE_CLIENT: "0",
    SEED_DEMO: "false",
    SWEEP_INTERVAL_SECONDS: "0",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || "info",
  });
  const log = createLogger(env.logLevel);
  const deps = await createDeps(env, log);

  const app = createApp(deps);
  const server = createServer(app);
  const realtime = await startRealtime(server, deps);
  // bench/webhooks.ts runs the webhook worker in the server, as production does.
  const webhooks = process.env.BENCH_WEBHOOKS ? startWebhookWorker(deps) : null;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    const user = await findUserByUsername(deps.database.db, u.username);
    if (!user) continue;
    tokens[u.username] = await deps.tokens.issue(user.id, user.sessionEpoch);
    users[u.username] = user.id;
  }
  const departments = Object.fromEntries((await listDepartments(deps.database.db)).map((d) => [d.code, d.id]));

  childLifecycle({ port, tokens, users, departments, pid: process.pid }, async () => {
    await webhooks?.stop();
    await realtime.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await deps.database.close();
  });
}

main().catch((err) => {
  process.send?.({ type: "error", message: String(err?.stack ?? err) });
  console.error(err);
  process.exit(1);
});
