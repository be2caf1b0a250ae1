import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../db.ts";
import { webhookDeliveries, webhooks, type WebhookDeliveryRow, type WebhookRow } from "../schema/index.ts";

export function listWebhooks(ex: Executor): Promise<WebhookRow[]> {
  return ex.select().from(webhooks).orderBy(asc(webhooks.createdAt), asc(webhooks.id));
}

export function listActiveWebhooks(ex: Executor): Promise<WebhookRow[]> {
  return ex.select().from(webhooks).where(eq(webhooks.active, true));
}

export async function findWebhook(ex: Executor, id: string): Promise<WebhookRow | undefined> {
  const rows = await ex.select().from(webhooks).where(eq(webhooks.id, id)).limit(1);
  return rows[0];
}

export async function insertWebhook(ex: Executor, row: typeof webhooks.$inferInsert): Promise<WebhookRow> {
  const [created] = await ex.insert(webhooks).values(row).returning();
  return created;
}

export async function updateWebhook(ex: Executor, id: string, patch: Partial<typeof webhooks.$inferInsert>): Promise<WebhookRow | undefined> {
  const [row] = await ex
    .update(webhooks)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(webhooks.id, id))
    .returning();
  return row;
}

/** Deletes a subscription and its deliveries; false when it did not exist. */
export async function deleteWebhook(ex: Executor, id: string): Promise<boolean> {
  const rows = await ex.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
  return rows.length > 0;
}

/** Writes outbox rows (inside the transaction of the change). */
export async function insertDeliveries(ex: Executor, rows: (typeof webhookDeliveries.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(webhookDeliveries).values(rows);
}

/** A webhook's deliveries, newest first, keyset-paged by seq. */
export function listDeliveries(ex: Executor, webhookId: string, f: { status?: string; before?: number; limit: number }): Promise<WebhookDeliveryRow[]> {
  return ex
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), f.status ? eq(webhookDeliveries.status, f.status) : undefined, f.before ? lt(webhookDeliveries.seq, f.before) : undefined))
    .orderBy(desc(webhookDeliveries.seq))
    .limit(f.limit);
}

/** Puts a delivery back in the queue now, with a fresh retry window (same id, so receivers can dedupe). */
export async function requeueDelivery(ex: Executor, id: string, now: Date, giveUpAt: Date): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await ex
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, giveUpAt, lockedUntil: null, lastError: null })
    .where(eq(webhookDeliveries.id, id))
    .returning();
  return row;
}

/** A claimed delivery with what the worker needs to send it. */
export interface ClaimedDelivery {
  id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  giveUpAt: Date;
  url: string;
  secret: string;
}

/**
 * Leases up to `limit` due deliveries of active webhooks: pending, due, not leased by another worker, and the
 * earliest pending one of their webhook and case (a case's next delivery waits for the one before it). Rows
 * other workers are claiming are skipped (SKIP LOCKED), so several instances never take the same row at once.
 */
export async function claimDueDeliveries(ex: Executor, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
  const rows = await queryRows<{ id: string; event: string; payload: Record<string, unknown> | string; attempts: number; give_up_at: Date | string; url: string; secret: string }>(
    ex,
    sql`update ${webhookDeliveries} d
        set attempts = d.attempts + 1, locked_until = ${leaseUntil}, last_attempt_at = ${now}
        from (
          select c.id from ${webhookDeliveries} c
          join ${webhooks} h on h.id = c.webhook_id and h.active
          where c.status = 'pending' and c.next_attempt_at <= ${now} and (c.locked_until is null or c.locked_until < ${now})
            and not exists (
              select 1 from ${webhookDeliveries} p
              where p.webhook_id = c.webhook_id and p.case_id = c.case_id and p.status = 'pending' and p.seq < c.seq)
          order by c.next_attempt_at, c.seq
          limit ${limit}
          for update of c skip locked
        ) due, ${webhooks} w
        where d.id = due.id and w.id = d.webhook_id
        returning d.id, d.event, d.payload, d.attempts, d.give_up_at, w.url, w.secret`,
  );
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload,
    attempts: r.attempts,
    giveUpAt: new Date(r.give_up_at),
    url: r.url,
    secret: r.secret,
  }));
}

/** The outcome of one attempt. */
export interface AttemptResult {
  status: "pending" | "succeeded" | "failed";
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: Date;
  at: Date;
}

/**
 * Records attempts in one statement, each only while the row is still that worker's claim (same attempt number):
 * a worker whose lease ran out must not overwrite the outcome of the worker that took the row over.
 */
export async function recordAttempts(ex: Executor, results: { id: string; attempt: number; result: AttemptResult }[]): Promise<void> {
  if (!results.length) return;
  const values = sql.join(
    results.map(
      ({ id, attempt, result: r }) =>
        sql`(${id}, ${attempt}::int, ${r.status}, ${r.responseCode}::int, ${r.durationMs}::int, ${r.error}::text, ${r.nextAttemptAt}::timestamptz, ${r.status === "succeeded" ? r.at : null}::timestamptz)`,
    ),
    sql`, `,
  );
  await ex.execute(sql`update ${webhookDeliveries} d
    set status = v.status, response_code = v.code, duration_ms = v.ms, last_error = v.err, next_attempt_at = v.next, locked_until = null, delivered_at = v.delivered
    from (values ${values}) as v(id, attempt, status, code, ms, err, next, delivered)
    where d.id = v.id and d.attempts = v.attempt`);
}
