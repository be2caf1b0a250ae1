/** Enforces signed requests for integration clients that require them (api.md "Integrations"). */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Request } from "express";
import { forgetSignaturesBefore, rememberSignature } from "../../models/queries/integrations.ts";
import type { IntegrationClientRow } from "../../models/schema/index.ts";
import type { AppDeps } from "../context.ts";
import { unauthenticated } from "../errors.ts";
import { SIGNATURE_WINDOW_SECONDS, signatureProblem } from "./signature.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** The exact bytes of the body, captured by the body parsers for signature checks. */
    rawBody?: Buffer;
  }
}

/** The body parsers' `verify` hook: keeps the raw bytes the signature was computed over. */
export function captureRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf;
}

const PURGE_EVERY_MS = 60_000;

/**
 * What a replay repeats. A signature over a body is used once, wherever it is sent. The signature of a request
 * without a body covers only its timestamp, so two different bodiless requests (say two pages of a GET) signed in
 * the same second share it: for those the method and URL are part of the key, and only the same request again is
 * refused.
 */
function replayKey(req: Request, signature: string): string {
  const sig = signature.toLowerCase();
  return req.rawBody?.length ? sig : createHash("sha256").update(`${req.method} ${req.originalUrl}\n${sig}`).digest("hex");
}
const lastPurge = new WeakMap<AppDeps, number>();

const MESSAGES = {
  missing: { zh: "该接入方须签名请求：缺少 X-OneWindow-Timestamp 或 X-OneWindow-Signature", en: "This client must sign its requests: X-OneWindow-Timestamp or X-OneWindow-Signature is missing" },
  stale: { zh: "签名时间戳超出 300 秒窗口", en: "The signature timestamp is more than 300 s away" },
  mismatch: { zh: "请求签名不正确", en: "The request signature does not match" },
  replay: { zh: "该签名已被使用（重放）", en: "This signature was already used (replay)" },
};

/**
 * Throws 401 unless the request is signed correctly for a client with requireSignature: a good HMAC over
 * timestamp + "." + raw body, a timestamp within 300 s, and a signature not seen before in that window
 * (seen signatures are kept in the database, so a replay to another instance is refused too).
 */
export async function assertSignedRequest(deps: AppDeps, client: IntegrationClientRow, req: Request): Promise<void> {
  if (!client.requireSignature) return;
  const now = deps.clock.now();
  const signature = req.get("x-onewindow-signature");
  const problem = client.signingSecret
    ? signatureProblem(client.signingSecret, { timestamp: req.get("x-onewindow-timestamp"), signature }, req.rawBody ?? Buffer.alloc(0), now.getTime())
    : "mismatch";
  if (problem) throw unauthenticated(MESSAGES[problem]);
  const db = deps.database.db;
  if (!(await rememberSignature(db, client.id, replayKey(req, signature!), now))) throw unauthenticated(MESSAGES.replay);
  if (now.getTime() - (lastPurge.get(deps) ?? 0) > PURGE_EVERY_MS) {
    lastPurge.set(deps, now.getTime());
    // Twice the window: a timestamp up to 300 s in the future stays replay-protected until it is stale.
    await forgetSignaturesBefore(db, new Date(now.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000));
  }
}
