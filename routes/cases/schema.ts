import Joi from "joi";
import { ACTIONS, CASE_TYPES, CHANNELS, PRIORITIES, RETURN_REASONS, STATUSES } from "../../models/enums.ts";
import { isValidPhone, normalizePhone, TEXT_LIMITS as L } from "../../models/validation.ts";
import { creditCode, id } from "../admin/schema.ts";
import { instant, visibleText } from "../fields.ts";

const text = visibleText;
const phone = Joi.string()
  .trim()
  .custom((value, helpers) => (isValidPhone(value) ? normalizePhone(value) : helpers.error("phone.invalid")));

export const createCaseBody = Joi.object({
  channel: Joi.string().valid(...CHANNELS),
  type: Joi.string().valid(...CASE_TYPES).required(),
  title: text(L.title).required(),
  description: text(L.description).required(),
  categoryCode: Joi.string().trim().max(64).allow(null),
  priority: Joi.string().valid(...PRIORITIES).default("normal"),
  requester: Joi.object({
    name: Joi.string().trim().max(L.name).allow(null, ""),
    phone: phone.allow(null, ""),
    enterpriseName: Joi.string().trim().max(L.enterpriseName).allow(null, ""),
    creditCode: creditCode.allow(null, ""),
    anonymous: Joi.boolean().default(false),
    confidential: Joi.boolean(),
  }).default({}),
  location: Joi.string().trim().max(L.location).allow(null, ""),
  // Who the matter is about (被反映对象): never a reason for that enterprise to see the case.
  subject: Joi.object({
    enterpriseName: Joi.string().trim().max(L.enterpriseName).allow(null, ""),
    creditCode: creditCode.allow(null, ""),
  }).allow(null),
  externalRef: Joi.string().trim().min(1).max(100).allow(null),
  // Extension: the service-centre ticket being served at the clerk's window, finished into this case (转为工单).
  ticketId: id.allow(null),
  // The provincial platform's own reply deadline for its ticket (integration clients only); kept as sent.
  upstreamReplyBy: instant.allow(null),
});

export const idempotencyHeader = Joi.string().trim().min(1).max(200);

export const caseParams = Joi.object({ id: id.required() });
export const actionParams = Joi.object({ id: id.required(), action: Joi.string().valid(...ACTIONS).required() });

const version = Joi.number().integer().min(1);
const note = Joi.string().trim().max(L.note).allow("");

/** The body of each action (api.md, Actions), all with an optional version. */
export const ACTION_BODIES: Record<(typeof ACTIONS)[number], Joi.ObjectSchema> = {
  dispatch: Joi.object({ version, departmentId: id.required(), coDepartmentIds: Joi.array().items(id).max(10).unique(), note, notePublic: Joi.boolean(), categoryCode: Joi.string().trim().max(64) }),
  answer: Joi.object({ version, answer: text(L.text).required(), disposal: Joi.string().valid("informed_statutory_channel", "explained"), articleId: id }),
  sign: Joi.object({ version }),
  return: Joi.object({ version, reason: Joi.string().valid(...RETURN_REASONS).required(), note: text(L.note).required(), suggestedDepartmentId: id }),
  "decide-return": Joi.object({ version, approve: Joi.boolean().required(), note }),
  "request-extension": Joi.object({ version, days: Joi.number().integer().min(1).max(60).required(), reason: text(L.note).required() }),
  "decide-extension": Joi.object({ version, approve: Joi.boolean().required(), note }),
  // A reply is always public (domain.md): `public: true` or absent; internal remarks are comments.
  reply: Joi.object({ version, content: text(L.text).required(), public: Joi.boolean().valid(true), articleId: id }),
  "reject-reply": Joi.object({ version, reason: text(L.note).required() }),
  callback: Joi.object({ version, reached: Joi.boolean().required(), satisfaction: Joi.number().integer().min(1).max(5), comment: Joi.string().trim().max(L.note).allow("") }),
  rate: Joi.object({ version, satisfaction: Joi.number().integer().min(1).max(5).required(), comment: Joi.string().trim().max(L.note).allow("") }),
  reopen: Joi.object({ version, reason: text(L.note).required() }),
  urge: Joi.object({ version, note: text(L.note).required() }),
  supervise: Joi.object({ version, note: text(L.note).required() }),
  list: Joi.object({ version, note: text(L.note).required() }),
  merge: Joi.object({ version, intoCaseId: id.required() }),
  cancel: Joi.object({ version, reason: text(L.note).required() }),
  comment: Joi.object({ version, content: text(L.text).required(), internal: Joi.boolean() }),
};

export const listQuery = Joi.object({
  // One status, a comma-separated list, or the parameter repeated.
  status: Joi.custom((value, helpers) => {
    const list: unknown[] = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === "string" ? v.split(",") : [v]));
    return list.every((s) => (STATUSES as readonly unknown[]).includes(s)) ? list : helpers.error("any.only", { valids: STATUSES });
  }).messages({ "any.only": "{{#label}} must be one or more of " + STATUSES.join(", ") }),
  type: Joi.string().valid(...CASE_TYPES),
  channel: Joi.string().valid(...CHANNELS),
  departmentId: id,
  enterpriseId: id,
  overdue: Joi.boolean(),
  escalated: Joi.boolean(),
  // Cases with (true) or without (false) an extension request waiting for a supervisor's decision.
  pendingExtension: Joi.boolean(),
  q: Joi.string().trim().max(100).allow(""),
  // Exact requester phone (the caller's earlier cases); handlers never match confidential or anonymous requesters.
  phone: Joi.string().trim().pattern(/^[0-9-]{5,20}$/),
  updatedSince: instant,
  sort: Joi.string().valid("received", "deadline", "updated"),
  cursor: Joi.string().max(500),
  limit: Joi.number().integer().min(1).max(100).default(20),
});

