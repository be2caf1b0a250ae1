/** Integration clients, webhook subscriptions and their deliveries (admin). */
import { del, get, patch, post } from "./http.ts";

export interface IntegrationClient {
  id: string;
  name: string;
  active: boolean;
  requireSignature: boolean;
  hasSigningSecret: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  integrationClientId: string | null;
  active: boolean;
  createdAt: string;
}

export interface Delivery {
  id: string;
  caseId: string;
  event: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export const WEBHOOK_EVENTS = ["case.created", "case.updated", "case.deadline"] as const;

export const listIntegrationClients = () => get<IntegrationClient[]>("/integration-clients");
export const createIntegrationClient = (name: string) => post<{ id: string; name: string; apiKey: string; signingSecret: string }>("/integration-clients", { name });
export const updateIntegrationClient = (id: string, p: Partial<{ name: string; active: boolean; requireSignature: boolean }>) =>
  patch<{ client: IntegrationClient }>(`/integration-clients/${encodeURIComponent(id)}`, p);
export const rotateIntegrationClient = (id: string) => post<{ apiKey: string; signingSecret: string }>(`/integration-clients/${encodeURIComponent(id)}/rotate`);

export const listWebhooks = () => get<Webhook[]>("/webhooks");
export const createWebhook = (w: { url: string; events: string[]; integrationClientId: string | null; active: boolean }) => post<{ webhook: Webhook; secret: string }>("/webhooks", w);
export const updateWebhook = (id: string, p: Partial<{ url: string; events: string[]; active: boolean }>) => patch<{ webhook: Webhook }>(`/webhooks/${encodeURIComponent(id)}`, p);
export const deleteWebhook = (id: string) => del<void>(`/webhooks/${encodeURIComponent(id)}`);
export const listDeliveries = (id: string) => get<{ items: Delivery[]; nextBefore: number | null }>(`/webhooks/${encodeURIComponent(id)}/deliveries?limit=50`);
export const redeliver = (deliveryId: string) => post<{ delivery: Delivery }>(`/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
