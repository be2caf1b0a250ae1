import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import Joi from "joi";
import type { Logger } from "pino";
import { loggableUrl } from "../logger.ts";
import { AppError, type Message } from "../errors.ts";

/** Picks the message language from Accept-Language (default zh-CN). */
export function languageOf(req: Request): "zh" | "en" {
  const preferred = req.acceptsLanguages("zh-CN", "zh", "en-US", "en");
  return typeof preferred === "string" && preferred.startsWith("en") ? "en" : "zh";
}

/** Sends an error in the contract's shape. */
function send(req: Request, res: Parameters<ErrorRequestHandler>[2], err: AppError): void {
  const body: { code: string; message: string; details?: unknown[] } = {
    code: err.code,
    message: err.localized[languageOf(req)],
  };
  if (err.details) body.details = err.details;
  res.status(err.status).json({ error: body });
}

/** Driver and PostgreSQL codes meaning "the database cannot serve now" (connection, shutdown, not accepting, too many). */
const DB_UNAVAILABLE = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "57P01", "57P02", "57P03", "55000", "53300", "3D000", "08000", "08003", "08006", "08001", "08004"]);

/** Translates whatever was thrown into an AppError; unknown errors become null (a 500). */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (Joi.isError(err)) {
    return new AppError(
      "validation_failed",
      undefined,
      err.details.map((d) => ({ path: d.path.join("."), message: d.message })),
    );
  }
  // Drizzle wraps driver errors ("Failed query: …"); the PostgreSQL code is on the cause.
  const outer = err as { cause?: unknown; code?: string };
  const e = (outer?.code === undefined && outer?.cause ? outer.cause : err) as { type?: string; status?: number; code?: string; message?: string };
  if (e?.type === "entity.too.large" || e?.status === 413) return new AppError("payload_too_large");
  // Body-parser and router failures (bad JSON, charset, encoding, undecodable path) are the client's.
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) {
    if (e.status === 404) return new AppError("not_found");
    const message: Message =
      e.type === "entity.parse.failed"
        ? { zh: "请求体不是有效的 JSON", en: "The request body is not valid JSON" }
        : { zh: "无法读取请求", en: "The request could not be read" };
    return new AppError("validation_failed", message, [{ path: e.type === undefined ? "path" : "body", message: message.en }]);
  }
  if (err instanceof URIError) return new AppError("not_found");
  // Unique violations, serialisation failures and deadlocks: the client may retry.
  if (e?.code === "23505" || e?.code === "40001" || e?.code === "40P01") return new AppError("conflict");
  // Invalid text representation, bad UTF-8, bad datetime, program limits: the input was unusable.
  if (["22P02", "22P05", "22021", "22007", "22008", "22009", "54000", "22001", "2201B"].includes(e?.code ?? "")) {
    return new AppError("validation_failed", undefined, [{ path: "", message: "Invalid value" }]);
  }
  if (e?.code && DB_UNAVAILABLE.has(e.code)) return new AppError("unavailable");
  if (typeof e?.message === "string" && /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Query read timeout|Client has encountered a connection error/i.test(e.message)) {
    return new AppError("unavailable");
  }
  return null;
}

/** The last middleware: contract-shaped errors, and a logged generic 500 for the unknown. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    const appError = toAppError(err);
    if (appError) {
      if (appError.code === "unavailable") log.warn({ err }, "database unavailable");
      send(req, res, appError);
      return;
    }
    log.error({ err, method: req.method, url: loggableUrl(req.originalUrl) }, "unhandled error");
    send(req, res, new AppError("internal"));
  };
}

/** 404 for any /api route nobody answered. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError("not_found"));
