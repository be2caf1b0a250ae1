/**
 * Who may read which case: the one description of a reader's scope. The SQL filter (`visibleTo` in
 * models/queries/cases.ts), the read check (`canRead`) and the socket rooms (server/realtime) are all derived
 * from it, so that a new path cannot see more than the others.
 *
 * Every case has a set of reader keys (`readerKeysOf`): "all", its channel, each department taking part, its
 * requester, and the requesters of the cases merged into it. A reader's scope has one key; the reader sees the
 * case when the case's keys hold it. The subject of a case (被反映对象) is never a key.
 */
import type { Channel } from "./enums.ts";

/** A requester key: an enterprise that raised cases, or an integration client that pushed them. */
export type RequesterKey = `enterprise:${string}` | `integration:${string}`;

/** What a reader may see of the queue. */
export type ReaderScope =
  | { kind: "all" }
  | { kind: "department"; departmentId: string }
  | { kind: "requester"; key: RequesterKey }
  | { kind: "channel"; channel: Channel }
  | { kind: "none" };

/** The facts of a case that decide who reads it. */
export interface CaseReaderFacts {
  channel: string;
  enterpriseId: string | null;
  clientKey: string;
  mergedRequesters: string[];
}

/** The scope's key (also the name of its socket room); null for a scope that reads nothing. */
export function scopeKey(scope: ReaderScope): string | null {
  switch (scope.kind) {
    case "all":
      return "all";
    case "department":
      return `department:${scope.departmentId}`;
    case "requester":
      return scope.key;
    case "channel":
      return `channel:${scope.channel}`;
    case "none":
      return null;
  }
}

/** The requester keys of the case itself: the enterprise that raised it, the integration client that pushed it. */
export function ownRequesterKeys(c: Pick<CaseReaderFacts, "enterpriseId" | "clientKey">): RequesterKey[] {
  const keys: RequesterKey[] = [];
  if (c.enterpriseId) keys.push(`enterprise:${c.enterpriseId}`);
  if (c.clientKey.startsWith("integration:")) keys.push(c.clientKey as RequesterKey);
  return keys;
}

/** Every key that reads the case: its scopes' rooms too. `departmentIds`: the departments taking part now. */
export function readerKeysOf(c: CaseReaderFacts, departmentIds: Iterable<string>): string[] {
  const keys = ["all", `channel:${c.channel}`];
  for (const d of departmentIds) keys.push(`department:${d}`);
  return [...keys, ...ownRequesterKeys(c), ...c.mergedRequesters];
}

/** Whether the reader of this scope may read the case. */
export function canRead(scope: ReaderScope, c: CaseReaderFacts, departmentIds: Iterable<string>): boolean {
  const key = scopeKey(scope);
  return key !== null && readerKeysOf(c, departmentIds).includes(key);
}

/** Whether the case was raised by this requester itself (not merely merged into a case it raised). */
export function isOwnRequester(scope: ReaderScope, c: Pick<CaseReaderFacts, "enterpriseId" | "clientKey">): boolean {
  return scope.kind === "requester" && ownRequesterKeys(c).includes(scope.key);
}
