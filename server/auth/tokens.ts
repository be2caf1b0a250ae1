import { createHash, randomBytes } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";

const ISSUER = "onewindow";
const ALGORITHM = "HS256";
/** The claim carrying the user's session epoch when the token was issued (see users.session_epoch). */
const EPOCH_CLAIM = "sep";

/** Who a verified token names, and the session epoch it was issued in. */
export interface TokenClaims {
  userId: string;
  epoch: number;
}

/** Signs and verifies bearer tokens (HS256 JWT) for scripts and sockets. */
export class TokenService {
  // Imported once: jose would otherwise import a raw secret again on every sign and verify.
  private readonly key: Promise<CryptoKey>;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
  }

  /** A signed token naming the user and their current session epoch, expiring after the configured time. */
  async issue(userId: string, epoch: number): Promise<string> {
    return new SignJWT({ [EPOCH_CLAIM]: epoch })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + this.ttlSeconds)
      .sign(await this.key);
  }

  /** The claims of a valid token: our issuer, HS256, unexpired, with an expiry at all; else null. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
        requiredClaims: ["exp", "sub", EPOCH_CLAIM],
      });
      const epoch = payload[EPOCH_CLAIM];
      return typeof payload.sub === "string" && Number.isInteger(epoch) ? { userId: payload.sub, epoch: epoch as number } : null;
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
