/** HMAC-SHA256 request and delivery signatures (docs/integration.md, "Signing"); pure, shared by the server, the worker and the test receiver. */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** How far a signed timestamp may be from the server's clock, in seconds. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** A new random secret for HMAC signatures (256 bits, base64url). */
export function newSigningSecret(prefix = "ows_"): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** The `sha256=<hex>` signature of `timestamp + "." + body`. */
export function signPayload(secret: string, timestamp: string | number, body: string | Buffer): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest("hex")}`;
}

/** The headers of a signed request or delivery sent now. */
export function signatureHeaders(secret: string, body: string, nowMs = Date.now()): { "X-OneWindow-Timestamp": string; "X-OneWindow-Signature": string } {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { "X-OneWindow-Timestamp": timestamp, "X-OneWindow-Signature": signPayload(secret, timestamp, body) };
}

/** Why a signature is refused, or null when it is good (replay is checked separately, it needs shared state). */
export function signatureProblem(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string | Buffer,
  nowMs: number,
): "missing" | "stale" | "mismatch" | null {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "stale";
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return "stale";
  if (!/^sha256=[0-9a-f]{64}$/i.test(signature)) return "mismatch";
  const expected = Buffer.from(signPayload(secret, timestamp, body).toLowerCase());
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : "mismatch";
}
