import { createHash, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";

const ISSUER = "onewindow";

/** Signs and verifies bearer tokens (HS256 JWT) for scripts and sockets. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A signed token naming the user, expiring after the configured time. */
  async issue(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(this.key);
  }

  /** The user id of a valid, unexpired token, else null. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ["HS256"] });
      return typeof payload.sub === "string" ? payload.sub : null;
    } catch {
      return null;
    }
  }
}

export const API_KEY_PREFIX = "owk_";

/** A new integration API key and the hash stored for it. */
export function newApiKey(): { apiKey: string; keyHash: string } {
  const apiKey = API_KEY_PREFIX + randomBytes(24).toString("base64url");
  return { apiKey, keyHash: hashApiKey(apiKey) };
}

/** The stored form of an API key (keys have enough entropy for a plain SHA-256). */
export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex");
}
