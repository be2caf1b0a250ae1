/**
 * The webhook worker: sends the outbox after commit, apart from requests, so slow or dead receivers never slow
 * intake or actions. Deliveries are claimed with FOR UPDATE SKIP LOCKED and a lease (several instances never
 * send a row at once; a worker killed mid-send leaves its rows to be sent again when the lease ends, with the
 * same delivery id), in order per case, signed, with a timeout per attempt, and retried with exponential
 * backoff and jitter until the retry window ends, then marked failed. It wakes on this instance's commits and
 * polls for the others'.
 */
import { claimDueDeliveries, recordAttempts, type AttemptResult, type ClaimedDelivery } from "../../models/queries/webhooks.ts";
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

/** Sends one claimed delivery; returns its outcome (recorded in batches by the worker). */
async function send(deps: AppDeps, d: ClaimedDelivery, signal: AbortSignal): Promise<AttemptResult> {
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
  if (!error) return { status: "succeeded", responseCode, durationMs, error: null, nextAttemptAt: at, at };
  const next = new Date(at.getTime() + backoffMs(d.attempts, env.webhookRetryBaseMs, env.webhookRetryMaxMs));
  return { status: next > d.giveUpAt ? "failed" : "pending", responseCode, durationMs, error, nextAttemptAt: next, at };
}

/** Outcomes wait this long to be written together (one UPDATE for many deliveries). */
const RECORD_BATCH_MS = 10;
/** After a claim that found less than it could take, the next waits this long, so that a burst of commits shares one claim. */
const CLAIM_COALESCE_MS = 20;

/** Starts the worker (WEBHOOK_POLL_MS = 0 turns it off); `pollMs` overrides the environment (tests). */
export function startWebhookWorker(deps: AppDeps, opts: { pollMs?: number } = {}): WebhookWorker {
  const pollMs = opts.pollMs ?? deps.env.webhookPollMs;
  if (pollMs <= 0) return { wake: () => {}, stop: async () => {} };
  /** Claimed deliveries not yet recorded (sending, or waiting for the batch write). */
  let busy = 0;
  const sends = new Set<Promise<void>>();
  const outcomes: { id: string; attempt: number; result: AttemptResult }[] = [];
  let flushing: Promise<void> | null = null;
  const abort = new AbortController();
  let stopped = false;
  let woken = false;
  let resolveSleep: (() => void) | null = null;

  const wake = () => {
    woken = true;
    resolveSleep?.();
  };
  const sleep = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      if ((wakeable && woken) || stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      timer.unref();
      if (wakeable)
        resolveSleep = () => {
          clearTimeout(timer);
          resolve();
        };
    }).finally(() => (resolveSleep = null));

  const flush = async () => {
    const batch = outcomes.splice(0);
    try {
      await recordAttempts(deps.database.db, batch);
    } catch (err) {
      deps.log.error({ err, deliveries: batch.length }, "recording webhook deliveries failed; they are sent again when their lease ends");
    }
    busy -= batch.length;
    wake(); // free slots, and possibly the next delivery of the same cases
  };
  const scheduleFlush = () => {
    flushing ??= new Promise<void>((resolve) => setTimeout(resolve, RECORD_BATCH_MS))
      .then(flush)
      .finally(() => {
        flushing = null;
        if (outcomes.length) scheduleFlush();
      });
  };

  // The lease outlasts an attempt (timeout) with room for recording it; a killed worker's rows return after it.
  const claimAndSend = async (): Promise<boolean> => {
    const free = deps.env.webhookConcurrency - busy;
    if (free <= 0) return false;
    const now = deps.clock.now();
    const claimed = await claimDueDeliveries(deps.database.db, now, new Date(now.getTime() + 2 * deps.env.webhookTimeoutMs), free);
    busy += claimed.length;
    for (const d of claimed) {
      const p: Promise<void> = send(deps, d, abort.signal).then((result) => {
        outcomes.push({ id: d.id, attempt: d.attempts, result });
        sends.delete(p);
        scheduleFlush();
      });
      sends.add(p);
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
      if (more) continue;
      await sleep(CLAIM_COALESCE_MS, false);
      await sleep(pollMs, true);
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
      await Promise.allSettled([...sends]);
      await flushing;
      if (outcomes.length) await flush();
    },
  };
}
