import { randomUUID } from "node:crypto";
import { Router } from "express";
import { insertIntegrationClient, listIntegrationClients } from "../../models/queries/directory.ts";
import { findIntegrationClientById, updateIntegrationClient } from "../../models/queries/integrations.ts";
import { newApiKey } from "../../server/auth/tokens.ts";
import type { AppDeps } from "../../server/context.ts";
import { notFound, validationFailed } from "../../server/errors.ts";
import { newSigningSecret } from "../../server/integrations/signature.ts";
import { requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { presentIntegrationClient } from "../../server/presenters/integrations.ts";
import { idParams, integrationClientBody } from "../admin/schema.ts";
import { clientPatchBody } from "./schema.ts";

/** Integration clients (admin): issue, list, rename, disable/enable, require signatures, rotate credentials. */
export function integrationClientsRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const admin = requireRole("admin");
  // Its open sockets go at once (through the Redis adapter on every instance); requests are refused from now on.
  const cutOff = (id: string) => deps.bus.publish({ type: "user.access_changed", userId: id });

  router.post("/integration-clients", admin, validate({ body: integrationClientBody }), async (req, res) => {
    const { apiKey, keyHash } = newApiKey();
    const signingSecret = newSigningSecret();
    const client = await insertIntegrationClient(db, { id: randomUUID(), name: req.valid.body.name, keyHash, signingSecret });
    // The key and the signing secret are shown once, here; only their hash / the secret for HMAC are stored.
    res.status(201).json({ id: client.id, name: client.name, apiKey, signingSecret });
  });

  router.get("/integration-clients", admin, async (_req, res) => {
    res.json((await listIntegrationClients(db)).map(presentIntegrationClient));
  });

  router.patch("/integration-clients/:id", admin, validate({ params: idParams, body: clientPatchBody }), async (req, res) => {
    const current = await findIntegrationClientById(db, req.valid.params.id);
    if (!current) throw notFound();
    const patch = req.valid.body as { name?: string; active?: boolean; requireSignature?: boolean };
    if (patch.requireSignature && !current.signingSecret) {
      throw validationFailed([{ path: "requireSignature", message: "this client has no signing secret yet: rotate its credentials first" }]);
    }
    const client = await updateIntegrationClient(db, current.id, patch);
    if (patch.active === false || (patch.requireSignature && !current.requireSignature)) cutOff(current.id);
    res.json({ client: presentIntegrationClient(client!) });
  });

  router.post("/integration-clients/:id/rotate", admin, validate({ params: idParams }), async (req, res) => {
    const current = await findIntegrationClientById(db, req.valid.params.id);
    if (!current) throw notFound();
    const { apiKey, keyHash } = newApiKey();
    const signingSecret = newSigningSecret();
    // Keys are looked up by hash on every request, so the old key is refused from this commit on, on every instance.
    await updateIntegrationClient(db, current.id, { keyHash, signingSecret });
    cutOff(current.id);
    res.json({ apiKey, signingSecret });
  });

  return router;
}
