import Joi from "joi";
import { WEBHOOK_EVENTS } from "../../server/integrations/outbox.ts";
import { id } from "../admin/schema.ts";

export const clientPatchBody = Joi.object({
  name: Joi.string().trim().min(1).max(100),
  active: Joi.boolean(),
  requireSignature: Joi.boolean(),
}).min(1);

const url = Joi.string()
  .trim()
  .max(2000)
  .uri({ scheme: ["http", "https"] });

export const createWebhookBody = Joi.object({
  url: url.required(),
  events: Joi.array().items(Joi.string().valid(...WEBHOOK_EVENTS)).min(1).unique().required(),
  integrationClientId: id.allow(null),
  active: Joi.boolean().default(true),
});

export const updateWebhookBody = Joi.object({
  url,
  events: Joi.array().items(Joi.string().valid(...WEBHOOK_EVENTS)).min(1).unique(),
  integrationClientId: id.allow(null),
  active: Joi.boolean(),
}).min(1);

export const deliveriesQuery = Joi.object({
  status: Joi.string().valid("pending", "succeeded", "failed"),
  limit: Joi.number().integer().min(1).max(200).default(50),
  // The seq of the last delivery of the previous page (newest first).
  before: Joi.number().integer().min(1),
});
