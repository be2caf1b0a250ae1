import { randomBytes, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import type { Role } from "../../models/enums.ts";
import { findIntegrationClientByKeyHash } from "../../models/queries/directory.ts";
import type { Actor } from "../auth/actor.ts";
import { actorCache } from "../auth/actorCache.ts";
import { API_KEY_PREFIX, hashApiKey } from "../auth/tokens.ts";
import type { AppDeps } from "../context.ts";
import { AppError, forbidden, unauthenticated } from "../errors.ts";
import { assertSignedRequest } from "../integrations/signedRequests.ts";
import type { IntegrationClientRow } from "../../models/schema/index.ts";

declare module "express-serve-static-core" {
  interface Request {
    actor?: Actor;
    authMethod?: "session" | "bearer";
  }
}

declare module "express-session" {
  interface SessionData {
    csrfToken?: string;
  }
}

/** The actor of an integration client row. */
export function actorOfClient(client: IntegrationClientRow): Actor {
  return { kind: "integration", id: client.id, role: "integration", username: client.name, displayName: client.name, departmentId: null, enterpriseId: null };
}

/** Resolves a bearer credential to an actor, with the client row when it is an integration API key. */
export async function resolveBearer(deps: AppDeps, credential: string): Promise<{ actor: Actor; client?: IntegrationClientRow } | null> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const client = await findIntegrationClientByKeyHash(deps.database.db, hashApiKey(credential));
    return client?.active ? { actor: actorOfClient(client), client } : null;
  }
  const userId = await deps.tokens.verify(credential);
  const actor = userId ? await actorCache(deps).get(userId) : null;
  return actor ? { actor } : null;
}

/** Resolves a bearer credential (user token or integration API key) to an actor. */
export async function actorFromBearer(deps: AppDeps, credential: string): Promise<Actor | null> {
  return (await resolveBearer(deps, credential))?.actor ?? null;
}

/** Sets req.actor from a bearer token or the passport session; never rejects by itself. */
export function identify(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const resolved = match ? await resolveBearer(deps, match[1]) : null;
      if (!resolved) return next(unauthenticated({ zh: "登录凭证无效或已过期", en: "Invalid or expired credentials" }));
      // Every request of a client that must sign is checked here, whatever endpoint it calls.
      if (resolved.client) await assertSignedRequest(deps, resolved.client, req);
      req.actor = resolved.actor;
      req.authMethod = "bearer";
      return next();
    }
    const user = req.user as Express.User | undefined;
    if (user) {
      req.actor = user as Actor;
      req.authMethod = "session";
    }
    next();
  };
}

/** Rejects requests without an actor (401). */
export const requireActor: RequestHandler = (req, _res, next) => next(req.actor ? undefined : unauthenticated());

/** Rejects actors whose role is not listed (403). */
export function requireRole(...roles: (Role | "integration")[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) return next(unauthenticated());
    next(roles.includes(req.actor.role) ? undefined : forbidden());
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A fresh CSRF token for a session. */
export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Synchroniser-token CSRF defence: a state-changing request authenticated by the
 * session cookie must echo the session's token in the X-CSRF-Token header.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.authMethod !== "session") return next();
  const expected = req.session?.csrfToken;
  const given = req.get("x-csrf-token");
  const ok =
    typeof expected === "string" &&
    typeof given === "string" &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  next(ok ? undefined : new AppError("forbidden", { zh: "缺少或无效的 CSRF 令牌", en: "Missing or invalid CSRF token" }));
};
