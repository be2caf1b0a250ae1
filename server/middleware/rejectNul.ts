import type { RequestHandler } from "express";
import { validationFailed } from "../errors.ts";

/** The path of the first string containing a NUL character (PostgreSQL text cannot store it), or null. */
export function findNul(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key].join(".");
    const found = findNul(inner, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Rejects bodies and queries carrying NUL characters with a 400 before anything reaches the database. */
export const rejectNul: RequestHandler = (req, _res, next) => {
  const inBody = findNul(req.body);
  const inQuery = findNul(req.query, ["query"]);
  const path = inBody ?? inQuery;
  next(path === null ? undefined : validationFailed([{ path, message: `${path} must not contain NUL characters` }]));
};
