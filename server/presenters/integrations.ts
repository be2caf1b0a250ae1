import type { IntegrationClientRow, WebhookDeliveryRow, WebhookRow } from "../../models/schema/index.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An integration client as the admin page shows it (never its key hash or signing secret). */
export function presentIntegrationClient(c: IntegrationClientRow) {
  return {
    id: c.id,
    name: c.name,
    active: c.active,
    requireSignature: c.requireSignature,
    hasSigningSecret: !!c.signingSecret,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** A webhook subscription (never its secret, which is shown once at creation). */
export function presentWebhook(w: WebhookRow) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    integrationClientId: w.integrationClientId,
    active: w.active,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** One delivery of the outbox with its state, last answer and timing. */
export function presentDelivery(d: WebhookDeliveryRow) {
  return {
    id: d.id,
    webhookId: d.webhookId,
    caseId: d.caseId,
    event: d.event,
    status: d.status as "pending" | "succeeded" | "failed",
    attempts: d.attempts,
    responseCode: d.responseCode,
    durationMs: d.durationMs,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    deliveredAt: iso(d.deliveredAt),
    giveUpAt: d.giveUpAt.toISOString(),
  };
}
