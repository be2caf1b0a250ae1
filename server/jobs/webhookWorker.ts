/**
 * The webhook worker: sends the outbox after commit, apart from requests, so slow or dead receivers never slow
 * intake or actions. Deliveries are claimed with FOR UPDATE SKIP LOCKED and a lease (several instances never
 * send a row at once; a worker killed mid-send leaves its rows to be sent again when the lease ends, with the
 * same delivery id), in order per case, signed, with a timeout per attempt, and retried with exponential
 * backoff and jitter until the retry window ends, then marked failed. It wakes on this instance's commits and
 * polls for the others'.
 */
import { claimDueDeliveries, recordAttempt, type AttemptResult, type ClaimedDelivery } from "../../models/queries/webhooks.ts";
import type { AppDeps } from "../context.ts";
import { signatureHeaders } from "../integrations/signature.ts";

/** A running worker. */
export interface WebhookWorker {
  /** Looks for due deliveries now (after a commit on this instance). */
  wake(): void;
  /** Stops claiming, aborts sends in flight (they are retried later) and waits for their records. */
  stop(): Promise<void>;
}

/** The delay before attempt n+1 after n failed ones: exponential, capped, with "equal jitter" (half fixed, half random). */
export function backoffMs(failedAttempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

const MAX_ERROR_LENGTH = 500;

/** Sends one claimed delivery and records the outcome. */
async function send(deps: AppDeps, d: ClaimedDelivery, signal: AbortSignal): Promise<void> {
  const { env } = deps;
  const body = JSON.stringify(d.payload);
  const started = performance.now();
  let responseCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(d.url, {
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "user-agent": "OneWindow-Webhooks/1",
        "X-OneWindow-Event": d.event,
        "X-OneWindow-Delivery": d.id,
        ...signatureHeaders(d.secret, body, deps.clock.now().getTime()),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.any([signal, AbortSignal.timeout(env.webhookTimeoutMs)]),
    });
    responseCode = res.status;
    await res.body?.cancel().catch(() => {});
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (err) {
    error = ((err as Error).name === "TimeoutError" ? `timeout after ${env.webhookTimeoutMs} ms` : String((err as Error).cause ?? (err as Error).message)).slice(0, MAX_ERROR_LENGTH);
  }
  const at = deps.clock.now();
  const durationMs = Math.round(performance.now() - started);
  let result: AttemptResult;
  if (!error) result = { status: "succeeded", responseCode, durationMs, error: null, nextAttemptAt: at, at };
  else {
    const next = new Date(at.getTime() + backoffMs(d.attempts, env.webhookRetryBaseMs, env.webhookRetryMaxMs));
    result = { status: next > d.giveUpAt ? "failed" : "pending", responseCode, durationMs, error, nextAttemptAt: next, at };
  }
  await recordAttempt(deps.database.db, d.id, d.attempts, result);
}

/** Starts the worker (WEBHOOK_POLL_MS = 0 turns it off); `pollMs` overrides the environment (tests). */
export function startWebhookWorker(deps: AppDeps, opts: { pollMs?: number } = {}): WebhookWorker {
  const pollMs = opts.pollMs ?? deps.env.webhookPollMs;
  if (pollMs <= 0) return { wake: () => {}, stop: async () => {} };
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  let stopped = false;
  let woken = false;
  let resolveSleep: (() => void) | null = null;

  const wake = () => {
    woken = true;
    resolveSleep?.();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(resolve, pollMs);
      timer.unref();
      resolveSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (resolveSleep = null));

  // The lease outlasts an attempt (timeout) with room for recording it; a killed worker's rows return after it.
  const claimAndSend = async (): Promise<boolean> => {
    const free = deps.env.webhookConcurrency - inFlight.size;
    if (free <= 0) return false;
    const now = deps.clock.now();
    const claimed = await claimDueDeliveries(deps.database.db, now, new Date(now.getTime() + 2 * deps.env.webhookTimeoutMs), free);
    for (const d of claimed) {
      const p: Promise<void> = send(deps, d, abort.signal)
        .catch((err: unknown) => deps.log.error({ err, delivery: d.id }, "recording a webhook delivery failed; it is sent again when its lease ends"))
        .finally(() => {
          inFlight.delete(p);
          wake(); // a free slot, and possibly the next delivery of the same case
        });
      inFlight.add(p);
    }
    return claimed.length === free;
  };

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let more = false;
      try {
        more = await claimAndSend();
      } catch (err) {
        deps.log.error({ err }, "claiming webhook deliveries failed; retrying at the next poll");
      }
      if (!more) await sleep();
    }
  })();

  const unsubscribe = deps.bus.subscribe((e) => {
    if (e.type !== "user.access_changed") wake();
  });
  return {
    wake,
    stop: async () => {
      stopped = true;
      unsubscribe();
      wake();
      await loop;
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
