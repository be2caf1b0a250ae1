import type { RequestHandler } from "express";
import type Joi from "joi";
import { AppError } from "../errors.ts";
import { languageOf } from "./errorHandler.ts";
import { validateIn } from "./joiMessages.ts";

export interface Validated {
  body?: any;
  query?: any;
  params?: any;
}

declare module "express-serve-static-core" {
  interface Request {
    valid: Validated;
  }
}


/** Validates body, query and params with joi; the converted values land in req.valid. */
export function validate(schemas: { body?: Joi.Schema; query?: Joi.Schema; params?: Joi.Schema }): RequestHandler {
  return (req, _res, next) => {
    const valid: Validated = {};
    const details: { path: string; message: string }[] = [];
    const language = languageOf(req);
    for (const part of ["params", "query", "body"] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const input = part === "body" && req.body === undefined ? {} : req[part];
      const { value, error } = validateIn(schema, input, language);
      if (error) {
        for (const d of error.details) details.push({ path: [part === "body" ? null : part, ...d.path].filter((p) => p !== null).join("."), message: d.message });
      } else valid[part] = value;
    }
    if (details.length) return next(new AppError("validation_failed", undefined, details));
    req.valid = valid;
    next();
  };
}
