import { randomUUID } from "node:crypto";
import { Router } from "express";
import { findIntegrationClientById } from "../../models/queries/integrations.ts";
import { deleteWebhook, findWebhook, insertWebhook, listDeliveries, listWebhooks, requeueDelivery, updateWebhook } from "../../models/queries/webhooks.ts";
import type { AppDeps } from "../../server/context.ts";
import { notFound, validationFailed } from "../../server/errors.ts";
import { subscriptionCache } from "../../server/integrations/outbox.ts";
import { newSigningSecret } from "../../server/integrations/signature.ts";
import { requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { presentDelivery, presentWebhook } from "../../server/presenters/integrations.ts";
import { idParams } from "../admin/schema.ts";
import { createWebhookBody, deliveriesQuery, updateWebhookBody } from "./schema.ts";

/** Webhook subscriptions and their deliveries (admin). */
export function webhooksRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const admin = requireRole("admin");
  const cache = subscriptionCache(deps);

  const assertClient = async (id: string | null | undefined) => {
    if (id && !(await findIntegrationClientById(db, id))) throw validationFailed([{ path: "integrationClientId", message: "unknown integration client" }]);
  };

  router.post("/webhooks", admin, validate({ body: createWebhookBody }), async (req, res) => {
    const body = req.valid.body;
    await assertClient(body.integrationClientId);
    const secret = newSigningSecret("whsec_");
    const webhook = await insertWebhook(db, { id: randomUUID(), url: body.url, events: body.events, integrationClientId: body.integrationClientId ?? null, active: body.active, secret });
    cache.invalidate();
    // The secret is shown once, here.
    res.status(201).json({ webhook: presentWebhook(webhook), secret });
  });

  router.get("/webhooks", admin, async (_req, res) => {
    res.json((await listWebhooks(db)).map(presentWebhook));
  });

  router.get("/webhooks/:id", admin, validate({ params: idParams }), async (req, res) => {
    const webhook = await findWebhook(db, req.valid.params.id);
    if (!webhook) throw notFound();
    res.json({ webhook: presentWebhook(webhook) });
  });

  router.patch("/webhooks/:id", admin, validate({ params: idParams, body: updateWebhookBody }), async (req, res) => {
    await assertClient(req.valid.body.integrationClientId);
    const webhook = await updateWebhook(db, req.valid.params.id, req.valid.body);
    if (!webhook) throw notFound();
    cache.invalidate();
    res.json({ webhook: presentWebhook(webhook) });
  });

  router.delete("/webhooks/:id", admin, validate({ params: idParams }), async (req, res) => {
    if (!(await deleteWebhook(db, req.valid.params.id))) throw notFound();
    cache.invalidate();
    res.status(204).end();
  });

  router.get("/webhooks/:id/deliveries", admin, validate({ params: idParams, query: deliveriesQuery }), async (req, res) => {
    if (!(await findWebhook(db, req.valid.params.id))) throw notFound();
    const rows = await listDeliveries(db, req.valid.params.id, req.valid.query);
    const last = rows[rows.length - 1];
    res.json({ items: rows.map(presentDelivery), nextBefore: rows.length === req.valid.query.limit && last ? last.seq : null });
  });

  router.post("/webhooks/deliveries/:id/redeliver", admin, validate({ params: idParams }), async (req, res) => {
    const now = deps.clock.now();
    const row = await requeueDelivery(db, req.valid.params.id, now, new Date(now.getTime() + deps.env.webhookRetryHours * 3600_000));
    if (!row) throw notFound();
    res.json({ delivery: presentDelivery(row) });
  });

  return router;
}
