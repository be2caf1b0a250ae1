/** Open311 responses in JSON or XML (GeoReport v2 "Format Support") and its error format. */
import type { ErrorRequestHandler, Response } from "express";
import { XMLBuilder } from "fast-xml-parser";
import type { Logger } from "pino";
import { type AppError } from "../../server/errors.ts";
import { toAppError } from "../../server/middleware/errorHandler.ts";

export type Format = "json" | "xml";

const builder = new XMLBuilder({ format: true, suppressEmptyNode: true, processEntities: true });

/** Splits "requests.json" into its name and format; null when the format is not json or xml. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf(".");
  const format = file.slice(dot + 1).toLowerCase();
  return dot > 0 && (format === "json" || format === "xml") ? { name: file.slice(0, dot), format } : null;
}

/** XML null and empty values as empty elements; nested lists become repeated elements. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forXml(v)]));
  return value;
}

/**
 * Sends a list (JSON: an array; XML: <root><item>…</item></root>) or one object (JSON: the object; XML: <root>…</root>).
 * XML lists inside an object are given as { wrapper: { item: [...] } } by the caller.
 */
export function send(res: Response, format: Format, xml: { root: string; item?: string }, body: unknown, status = 200): void {
  res.status(status);
  if (format === "json") return void res.type("application/json; charset=utf-8").send(JSON.stringify(body));
  const content = xml.item ? ((body as unknown[]).length ? { [xml.item]: forXml(body) } : "") : forXml(body);
  res.type("text/xml; charset=utf-8").send(`<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [xml.root]: content })}`);
}

/** An Open311 error: `code` is the HTTP status; several descriptions may be returned at once. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly descriptions: string[],
  ) {
    super(descriptions.join("; "));
  }
}

const OPEN311_STATUS: Record<string, number> = { validation_failed: 400, unauthenticated: 401, forbidden: 403, not_found: 404, payload_too_large: 413, rate_limited: 429, unavailable: 503 };

/** Errors of /open311/v2 in the specification's format, in the format the URL asked for (XML when unknown). */
export function open311ErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status = 500;
    let descriptions = ["Internal error"];
    if (err instanceof Open311Error) ({ status, descriptions } = err);
    else {
      const app: AppError | null = toAppError(err);
      if (app) {
        status = OPEN311_STATUS[app.code] ?? 400;
        descriptions = app.details?.length ? app.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)) : [app.localized.en];
      } else log.error({ err }, "open311 request failed");
    }
    const format: Format = /\.json(\?|$)/i.test(req.path) ? "json" : "xml";
    send(res, format, { root: "errors", item: "error" }, descriptions.map((description) => ({ code: status, description })), status);
  };
}
