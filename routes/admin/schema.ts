import Joi from "joi";
import { CASE_TYPES, DEPARTMENT_LEVELS, ROLES } from "../../models/enums.ts";
import { CASE_LIMIT_RANGES, isValidCreditCode, normalizeCreditCode } from "../../models/validation.ts";

export const id = Joi.string().trim().min(1).max(64);

/** A unified social credit code: upper-cased, then checked (GB 32100-2015). */
export const creditCode = Joi.string()
  .trim()
  .uppercase()
  .custom((value, helpers) => (isValidCreditCode(value) ? normalizeCreditCode(value) : helpers.error("creditCode.invalid")));

const username = Joi.string().trim().pattern(/^[A-Za-z0-9._-]{3,50}$/).messages({
  "string.pattern.base": "{{#label}} must be 3–50 letters, digits, dots, dashes or underscores",
});
const password = Joi.string().min(8).max(200);

export const idParams = Joi.object({ id: id.required() });

export const createUserBody = Joi.object({
  username: username.required(),
  displayName: Joi.string().trim().min(1).max(100).required(),
  password: password.required(),
  role: Joi.string().valid(...ROLES).required(),
  departmentId: id.allow(null),
  enterpriseId: id.allow(null),
});

export const updateUserBody = Joi.object({
  displayName: Joi.string().trim().min(1).max(100),
  role: Joi.string().valid(...ROLES),
  departmentId: id.allow(null),
  enterpriseId: id.allow(null),
  active: Joi.boolean(),
  password,
}).min(1);

export const createDepartmentBody = Joi.object({
  code: Joi.string().trim().pattern(/^[a-z][a-z0-9_-]{1,30}$/).required(),
  name: Joi.string().trim().min(1).max(100).required(),
  level: Joi.string().valid(...DEPARTMENT_LEVELS).required(),
  parentId: id.allow(null),
});

export const updateDepartmentBody = Joi.object({
  name: Joi.string().trim().min(1).max(100),
  level: Joi.string().valid(...DEPARTMENT_LEVELS),
  parentId: id.allow(null),
  active: Joi.boolean(),
}).min(1);

export const categoryParams = Joi.object({ code: Joi.string().trim().pattern(/^[a-z][a-z0-9_.-]{1,60}$/).required() });

const limit = (key: keyof typeof CASE_LIMIT_RANGES) => {
  const { min, max } = CASE_LIMIT_RANGES[key];
  return key === "warningShare" ? Joi.number().min(min).max(max).precision(2) : Joi.number().integer().min(min).max(max);
};

/** Any of a category's limits (models/contracts.ts CaseLimits); each one is optional, the defaults fill the rest. */
export const limitsBody = Joi.object({
  ...Object.fromEntries((Object.keys(CASE_LIMIT_RANGES) as (keyof typeof CASE_LIMIT_RANGES)[]).filter((k) => k !== "replyDays").map((k) => [k, limit(k)])),
  replyDays: Joi.object(Object.fromEntries(CASE_TYPES.map((t) => [t, limit("replyDays")]))),
});

export const categoryBody = Joi.object({
  name: Joi.string().trim().min(1).max(100).required(),
  departmentId: id.allow(null).required(),
  signHours: Joi.number().integer().min(1).max(72).required(),
  replyDays: Joi.number().integer().min(1).max(60).required(),
  limits: limitsBody,
});

export const integrationClientBody = Joi.object({ name: Joi.string().trim().min(1).max(100).required() });

export const createEnterpriseBody = Joi.object({
  name: Joi.string().trim().min(1).max(200).required(),
  creditCode: creditCode.required(),
});

export const enterpriseQuery = Joi.object({ q: Joi.string().trim().min(1).max(100).required() });
