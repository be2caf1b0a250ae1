import { randomBytes } from "node:crypto";
import { ensureSetting } from "../../models/queries/accounts.ts";
import type { Db } from "../db.ts";
import type { Env } from "../env.ts";

const SETTING_KEY = "signing_secret";

/**
 * The secret that signs session cookies and bearer tokens: SESSION_SECRET when configured (always in production),
 * else one generated from 48 random bytes at the first start and kept in the database, so that it stays with the
 * data (an embedded database keeps it in DATA_DIR) and every instance on one database shares it.
 * Needs the migrations applied.
 */
export async function resolveSigningSecret(db: Db, env: Env): Promise<string> {
  if (env.sessionSecret) return env.sessionSecret;
  return ensureSetting(db, SETTING_KEY, randomBytes(48).toString("base64url"));
}
