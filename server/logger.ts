import pino, { type Logger } from "pino";

/** The process logger (JSON lines; secrets and cookies redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]', "password"],
  });
}
