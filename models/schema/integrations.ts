import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./columns.ts";
import { integrationClients } from "./directory.ts";

/** A subscription: case events POSTed, signed, to a URL; bound to an integration client it carries that client's cases only. */
export const webhooks = pgTable("webhooks", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  events: jsonb("events").notNull().$type<string[]>(),
  integrationClientId: text("integration_client_id").references(() => integrationClients.id),
  active: boolean("active").notNull().default(true),
  /** The HMAC key of the deliveries' signatures (shown once at creation). */
  secret: text("secret").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * The outbox: one row per (event, subscription), written in the transaction of the change. `seq` orders a
 * case's deliveries (a case's changes are serialised by its row lock, so seq order is commit order per case).
 * `status` is pending until a 2xx answer (succeeded) or the retry window ends (failed); a claimed row is
 * leased with `lockedUntil` so that a worker killed mid-send leaves it to be sent again.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    caseId: text("case_id").notNull(),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull().$type<Record<string, unknown>>(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    lockedUntil: ts("locked_until"),
    lastAttemptAt: ts("last_attempt_at"),
    responseCode: integer("response_code"),
    durationMs: integer("duration_ms"),
    lastError: text("last_error"),
    createdAt: ts("created_at").notNull(),
    /** Retries stop at this instant (created + 24 h, or a redelivery + 24 h). */
    giveUpAt: ts("give_up_at").notNull(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [
    // The worker's claim: due pending rows in order.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt, t.seq).where(sql`${t.status} = 'pending'`),
    // The per-case order check: an earlier pending delivery of the same webhook and case blocks a later one.
    index("webhook_deliveries_case_order_idx").on(t.webhookId, t.caseId, t.seq).where(sql`${t.status} = 'pending'`),
    // The admin page: a webhook's deliveries, newest first.
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.seq.desc()),
  ],
);

/** Signatures of signed integration requests seen within the replay window (shared by all instances). */
export const requestSignatures = pgTable(
  "request_signatures",
  {
    signature: text("signature").primaryKey(),
    clientId: text("client_id").notNull(),
    seenAt: ts("seen_at").notNull(),
  },
  (t) => [index("request_signatures_seen_idx").on(t.seenAt)],
);

export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
