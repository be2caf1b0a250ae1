import type { AppDeps } from "../context.ts";
import { sweepOnce } from "./deadlineSweeper.ts";
import { startWebhookWorker } from "./webhookWorker.ts";

/** Background jobs of one instance. */
export interface Jobs {
  /** Stops scheduling and waits for a sweep in flight (so the database can be closed after it). */
  stop(): Promise<void>;
}

/** Starts the webhook worker (WEBHOOK_POLL_MS, 0 = off) and the deadline sweeper. */
export function startJobs(deps: AppDeps): Jobs {
  const webhooks = startWebhookWorker(deps);
  const sweeper = startSweeper(deps);
  return {
    stop: async () => {
      await Promise.all([webhooks.stop(), sweeper.stop()]);
    },
  };
}

/** Runs the deadline sweeper every SWEEP_INTERVAL_SECONDS (0 = off); sweeps never overlap within an instance. */
function startSweeper(deps: AppDeps): Jobs {
  const seconds = deps.env.sweepIntervalSeconds;
  if (seconds <= 0) return { stop: async () => {} };
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    running = sweepOnce(deps)
      .then((r) => {
        if (r.steps) deps.log.info({ steps: r.steps, cases: r.cases }, "deadline sweep");
      })
      .catch((err: unknown) => deps.log.error({ err }, "deadline sweep failed; retrying at the next interval"))
      .finally(() => {
        running = null;
        if (!stopped) schedule(seconds * 1000);
      });
  };
  // A first sweep soon after boot catches up on whatever fell due while no instance was running.
  schedule(Math.min(seconds, 5) * 1000);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
