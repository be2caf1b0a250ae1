import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** The fields of an event that its hash covers. */
export interface HashedEvent {
  caseId: string;
  seq: number;
  action: string;
  actorId: string | null;
  actorRole: string;
  at: Date;
  data: unknown;
  public: boolean;
}

/** JSON with object keys sorted at every depth, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** hash = sha256(prevHash ‖ canonical event). */
export function eventHash(prevHash: string, e: HashedEvent): string {
  const canonical = canonicalJson({
    caseId: e.caseId,
    seq: e.seq,
    action: e.action,
    actorId: e.actorId,
    actorRole: e.actorRole,
    at: e.at.toISOString(),
    data: e.data,
    public: e.public,
  });
  return createHash("sha256").update(prevHash).update(canonical).digest("hex");
}

/** Checks a case's events in seq order; returns the first broken seq, or null when the chain holds. */
export function findBrokenLink(events: (HashedEvent & { prevHash: string; hash: string })[]): number | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq || e.prevHash !== prev || eventHash(prev, e) !== e.hash) return e.seq;
    prev = e.hash;
    expectedSeq++;
  }
  return null;
}
