import type { Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { AppDeps } from "../context.ts";
import { AppError } from "../errors.ts";
import { loginRateStore } from "./loginRateStore.ts";

/**
 * A user name as the limiter counts it: Unicode NFKC (full-width letters, ideographic spaces), trimmed and
 * lower-cased, so that " Admin", "ADMIN" and "ａｄｍｉｎ" share one count.
 */
export function normaliseUsername(raw: unknown): string {
  return String(raw ?? "").normalize("NFKC").trim().toLowerCase().slice(0, 100);
}

/** The client address as counted: req.ip (the socket address unless TRUST_PROXY names the proxy), IPv6 by /56. */
function clientAddress(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? "unknown");
}

/** A limiter of failed attempts (successful requests are not counted) answering 429 `rate_limited`. */
function failureLimiter(deps: AppDeps, limit: number, key: (req: Request) => string): RequestHandler {
  const logProblem = (err: unknown, message?: string) =>
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, message ?? "sign-in rate limit problem");
  return rateLimit({
    windowMs: deps.env.loginRateWindowSeconds * 1000,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: loginRateStore(deps),
    // A Redis that does not answer must not lock everyone out: the attempt goes through, and the store logs it.
    passOnStoreError: true,
    logger: { error: logProblem, warn: logProblem },
    keyGenerator: key,
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next) => next(new AppError("rate_limited", { zh: "尝试次数过多，请稍后再试", en: "Too many attempts, try again later" })),
  });
}

/**
 * The sign-in limits, in order: failed sign-ins from one client address across all user names
 * (LOGIN_ADDRESS_RATE_LIMIT), then failed sign-ins of one normalised user name from that address (LOGIN_RATE_LIMIT).
 * The first stops one address spraying many names early, before it costs a password hash each; neither slows
 * anybody signing in from another address.
 */
export function signInLimiters(deps: AppDeps): RequestHandler[] {
  return [
    failureLimiter(deps, deps.env.loginAddressRateLimit, (req) => `addr|${clientAddress(req)}`),
    failureLimiter(deps, deps.env.loginRateLimit, (req) => `user|${clientAddress(req)}|${normaliseUsername(req.body?.username)}`),
  ];
}

/** Wrong current passwords per signed-in user (LOGIN_RATE_LIMIT): a stolen session cannot guess the password. */
export function passwordChangeLimiter(deps: AppDeps): RequestHandler {
  return failureLimiter(deps, deps.env.loginRateLimit, (req) => `password|${req.actor?.id ?? clientAddress(req)}`);
}
