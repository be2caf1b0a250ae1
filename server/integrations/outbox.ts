/**
 * The transactional outbox of webhooks: withTransaction calls writeOutbox before commit, so a delivery row
 * exists exactly when its change does. The payload is the case as the webhook's reader reads it: the bound
 * integration client (its own cases only, with the upper platform's step), or a strict external reader.
 */
import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { CaseDto } from "../../models/contracts.ts";
import { listActiveAssignments } from "../../models/queries/cases.ts";
import { insertDeliveries, listActiveWebhooks } from "../../models/queries/webhooks.ts";
import { departments, type CaseAssignmentRow, type CaseRow, type WebhookRow, type webhookDeliveries } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import type { AppDeps } from "../context.ts";
import type { Tx } from "../db.ts";
import type { DomainEvent } from "../events.ts";
import { canReadCase } from "../policies/case.ts";
import { assignmentsOf, presentCase, presentEvent } from "../presenters/case.ts";
import { presentExternalCase } from "../presenters/external.ts";
import { upstreamStepOf } from "./steps.ts";

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ["case.created", "case.updated", "case.deadline"] as const;

type CaseEvent = Extract<DomainEvent, { case: CaseRow }>;

/**
 * The active subscriptions of one instance, read at most once per TTL (outside the transaction: PGlite has one
 * session) so that a change with no subscriber costs nothing. A change made on this instance invalidates it at
 * once; other instances see it within the TTL.
 */
export class SubscriptionCache {
  private rows: WebhookRow[] | null = null;
  private at = 0;
  private loading: Promise<WebhookRow[]> | null = null;

  constructor(private readonly deps: AppDeps) {}

  async get(): Promise<WebhookRow[]> {
    if (this.rows && Date.now() - this.at < this.deps.env.webhookCacheMs) return this.rows;
    this.loading ??= listActiveWebhooks(this.deps.database.db)
      .then((rows) => {
        this.rows = rows;
        this.at = Date.now();
        return rows;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  invalidate(): void {
    this.rows = null;
  }
}

const caches = new WeakMap<AppDeps, SubscriptionCache>();

/** The subscription cache of one app instance. */
export function subscriptionCache(deps: AppDeps): SubscriptionCache {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new SubscriptionCache(deps)));
  return cache;
}

/** The reader a bound webhook reads as: its integration client. */
function clientReader(clientId: string): Actor {
  return { kind: "integration", id: clientId, role: "integration", username: clientId, displayName: clientId, departmentId: null, enterpriseId: null };
}

/** What a delivery says about the change itself; event data only when the event is public. */
function changeOf(e: CaseEvent) {
  if (e.type === "case.deadline") return { kind: e.kind, state: e.state };
  // Outside systems get no staff ids, and the data of internal events stays inside.
  const event = { ...presentEvent(e.event), actorId: null };
  return e.event.public ? event : { ...event, data: {} };
}

/** The status-back block for the upper platform: its step code, the public reply, the department and the deadlines. */
function upstreamOf(e: CaseEvent, dto: CaseDto, departmentName: string | null) {
  return {
    externalRef: e.case.externalRef,
    step: e.type === "case.deadline" ? null : upstreamStepOf(e.event),
    department: dto.departmentId ? { id: dto.departmentId, name: departmentName } : null,
    publicReply: dto.reply ?? dto.answer ?? null,
    deadlines: { ...dto.deadlines, upstreamReplyBy: e.case.upstreamReplyBy?.toISOString() ?? null },
  };
}

/** Inserts one delivery per (buffered case event, matching active subscription), in the caller's transaction. */
export async function writeOutbox(tx: Tx, subscriptions: WebhookRow[], buffered: DomainEvent[], now: Date, retryWindowMs: number): Promise<void> {
  const work: { e: CaseEvent; hooks: WebhookRow[] }[] = [];
  for (const e of buffered) {
    if (!("case" in e)) continue;
    const hooks = subscriptions.filter((w) => w.events.includes(e.type) && (!w.integrationClientId || e.case.createdBy === w.integrationClientId));
    if (hooks.length) work.push({ e, hooks });
  }
  if (!work.length) return;
  // A new case has no assignments yet: intake needs no extra read.
  const needAssignments = [...new Set(work.filter((w) => w.e.type !== "case.created").map((w) => w.e.case.id))];
  const assignments: CaseAssignmentRow[] = needAssignments.length ? await listActiveAssignments(tx, needAssignments) : [];
  const departmentIds = [...new Set(work.filter((w) => w.hooks.some((h) => h.integrationClientId) && w.e.case.departmentId).map((w) => w.e.case.departmentId!))];
  const names = new Map(
    departmentIds.length ? (await tx.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds))).map((d) => [d.id, d.name]) : [],
  );
  const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const { e, hooks } of work) {
    const views = assignmentsOf(assignments, e.case.id);
    for (const hook of hooks) {
      const id = randomUUID();
      let body: Record<string, unknown>;
      if (hook.integrationClientId) {
        const reader = clientReader(hook.integrationClientId);
        // The policy's own check as well as the createdBy filter above: a bound webhook carries its client's cases only.
        if (!canReadCase(reader, e.case, views)) continue;
        const dto = presentCase(e.case, reader, views, now);
        body = { id, event: e.type, occurredAt: now.toISOString(), case: dto, change: changeOf(e), upstream: upstreamOf(e, dto, names.get(dto.departmentId ?? "") ?? null) };
      } else {
        body = { id, event: e.type, occurredAt: now.toISOString(), case: presentExternalCase(e.case, views, now), change: changeOf(e) };
      }
      rows.push({ id, webhookId: hook.id, caseId: e.case.id, event: e.type, payload: body, nextAttemptAt: now, createdAt: now, giveUpAt: new Date(now.getTime() + retryWindowMs) });
    }
  }
  await insertDeliveries(tx, rows);
}
