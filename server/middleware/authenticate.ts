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
    /** The user's session epoch at sign-in; a session from an earlier epoch has been ended. */
    epoch?: number;
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
  const claims = await deps.tokens.verify(credential);
  if (!claims) return null;
  const actor = await actorCache(deps).get(claims.userId);
  return actor && actor.sessionEpoch === claims.epoch ? { actor } : null;
}

/** Resolves a bearer credential (user token or integration API key) to an actor. */
export async function actorFromBearer(deps: AppDeps, credential: string): Promise<Actor | null> {
  return (await resolveBearer(deps, credential))?.actor ?? null;
}

/** The actor of a browser session, unless the session began in an epoch of the user that has since ended. */
export function sessionActor(user: unknown, session: { epoch?: number } | undefined): Actor | null {
  const actor = user as Actor | undefined;
  return actor && session && actor.sessionEpoch === session.epoch ? actor : null;
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
    const actor = sessionActor(req.user, req.session);
    if (actor) {
      req.actor = actor;
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

/** What a user whose password an admin set may still do: see who they are, sign out, change the password. */
const OPEN_TO_PASSWORD_CHANGE = new Set(["/auth/me", "/auth/logout", "/auth/password", "/auth/login"]);

/** Refuses everything else (403) to a user who must change the password an admin set. */
export const requirePasswordChanged: RequestHandler = (req, _res, next) => {
  if (!req.actor?.mustChangePassword || OPEN_TO_PASSWORD_CHANGE.has(req.path)) return next();
  next(forbidden({ zh: "请先修改管理员设置的密码", en: "You must change the password an administrator set before doing anything else" }));
};

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
