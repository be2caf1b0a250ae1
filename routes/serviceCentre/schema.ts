import Joi from "joi";
import { TICKET_OUTCOMES, TICKET_STATUSES, TICKET_STEPS } from "../../models/enums.ts";
import { isValidPhone, normalizePhone } from "../../models/validation.ts";
import { id } from "../admin/schema.ts";

/** A line's code: lower-case letters, digits, dots, dashes, underscores. */
export const serviceCode = Joi.string().trim().pattern(/^[a-z0-9][a-z0-9._-]{0,39}$/).messages({
  "string.pattern.base": "{{#label}} must be 1–40 lower-case letters, digits, dots, dashes or underscores",
});

/** A window's label as painted in the hall: 1–10 letters or digits ("3", "A12"). */
const windowLabel = Joi.string().trim().pattern(/^[A-Za-z0-9]{1,10}$/).messages({ "string.pattern.base": "{{#label}} must be 1–10 letters or digits" });

export const serviceParams = Joi.object({ code: serviceCode.required() });

export const serviceBody = Joi.object({
  name: Joi.string().trim().min(1).max(50).required(),
  prefix: Joi.string().trim().uppercase().pattern(/^[A-Z]{1,3}$/).required().messages({ "string.pattern.base": "{{#label}} must be 1–3 letters" }),
  active: Joi.boolean().default(true),
  sort: Joi.number().integer().min(0).max(10_000),
});

export const issueBody = Joi.object({
  serviceCode: serviceCode.required(),
  phone: Joi.string()
    .trim()
    .custom((value, helpers) => (isValidPhone(value) ? normalizePhone(value) : helpers.error("phone.invalid")))
    .allow(null, ""),
});

export const ticketParams = Joi.object({ id: id.required() });
export const stepParams = Joi.object({ id: id.required(), step: Joi.string().valid(...TICKET_STEPS).required() });

export const ticketQuery = Joi.object({ accessCode: Joi.string().trim().max(100) });

export const listTicketsQuery = Joi.object({
  status: Joi.custom((value, helpers) => {
    const list: unknown[] = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === "string" ? v.split(",") : [v]));
    return list.every((s) => (TICKET_STATUSES as readonly unknown[]).includes(s)) ? list : helpers.error("any.only", { valids: TICKET_STATUSES });
  }),
  mine: Joi.boolean().default(false),
  limit: Joi.number().integer().min(1).max(500).default(200),
});

/** Only finish has a body: the outcome, and the case when it was turned into (or linked to) one. */
export const STEP_BODIES = {
  recall: Joi.object({}),
  start: Joi.object({}),
  skip: Joi.object({}),
  cancel: Joi.object({}),
  finish: Joi.object({
    outcome: Joi.string().valid(...TICKET_OUTCOMES).required(),
    caseId: id.when("outcome", { is: "case", then: Joi.required(), otherwise: Joi.forbidden() }),
  }),
} as const;

export const windowParams = Joi.object({ window: windowLabel.required() });
export const callNextBody = Joi.object({ serviceCodes: Joi.array().items(serviceCode).min(1).max(20).unique().required() });

const realDate = (v: string) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
export const statsQuery = Joi.object({
  date: Joi.string()
    .pattern(/^\d{4}-\d{2}-\d{2}$/)
    .custom((v: string, helpers) => (realDate(v) ? v : helpers.error("any.invalid")))
    .messages({ "string.pattern.base": "{{#label}} must be yyyy-mm-dd", "any.invalid": "{{#label}} is not a date" }),
});
