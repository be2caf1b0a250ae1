import pino, { type Logger } from "pino";

/**
 * A URL as the log keeps it: the path and the names of its query parameters, never their values (a caller's phone,
 * a search for a person's name).
 */
export function loggableUrl(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => `${pair.split("=")[0]}=~`);
  return `${url.slice(0, at)}?${names.join("&")}`;
}

/** An error as the log keeps it: a failed query's parameter values (phones, names) are cut from message and stack. */
function loggableError(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ["message", "stack"]) {
    if (typeof out[key] === "string") out[key] = (out[key] as string).replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, "\nparams: [redacted]");
  }
  return out;
}

/** The process logger (JSON lines; secrets, cookies, passwords and query values redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]', "password"],
    serializers: { err: loggableError },
  });
}
