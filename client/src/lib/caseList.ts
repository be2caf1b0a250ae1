/** Keeping a live list of cases in step with pushed changes: filters as predicates, upsert/remove. */
import type { CaseDto } from "../../../models/contracts.ts";
import { OPEN_STATUSES, type CaseType, type Channel, type Status } from "../../../models/enums.ts";
import { isOverdueNow } from "./deadline.ts";

/** The query of a case list, as sent to GET /api/cases (all optional). */
export interface CaseFilter {
  status?: Status;
  /** Several statuses (sent comma-separated). */
  statuses?: Status[];
  type?: CaseType;
  channel?: Channel;
  departmentId?: string;
  overdue?: boolean;
  escalated?: boolean;
  /** Only cases with (true) or without (false) an extension request awaiting a decision. */
  pendingExtension?: boolean;
  q?: string;
  /** Exact requester phone (the caller's earlier cases; staff who see full phones). */
  phone?: string;
  /** Server order: newest received (default), soonest deadline, or last updated. */
  sort?: "received" | "deadline" | "updated";
}

/** Query-string pairs for one request of a filter (statuses are split by the caller). */
export function filterToQuery(f: CaseFilter, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  const put = (k: string, v: string | number | boolean | undefined) => {
    if (v !== undefined && v !== "" && v !== false) params.set(k, String(v));
  };
  put("status", f.statuses && f.statuses.length ? f.statuses.join(",") : f.status);
  put("type", f.type);
  put("channel", f.channel);
  put("departmentId", f.departmentId);
  put("overdue", f.overdue ? "true" : undefined);
  put("escalated", f.escalated ? "true" : undefined);
  put("pendingExtension", f.pendingExtension === undefined ? undefined : String(f.pendingExtension));
  put("q", f.q?.trim());
  put("phone", f.phone?.trim());
  put("sort", f.sort);
  for (const [k, v] of Object.entries(extra)) put(k, v);
  return params.toString();
}

/** Whether a case (as pushed) belongs in a list with this filter; free-text `q` is left to the server. */
export function matchesFilter(c: CaseDto, f: CaseFilter, now: number = Date.now()): boolean {
  if (f.status && c.status !== f.status) return false;
  if (f.statuses && !f.statuses.includes(c.status)) return false;
  if (f.type && c.type !== f.type) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.departmentId && c.departmentId !== f.departmentId) return false;
  if (f.overdue && !isOverdueNow(c, now)) return false;
  if (f.escalated && !(OPEN_STATUSES.includes(c.status) && c.escalation > 0)) return false;
  if (f.pendingExtension !== undefined && (c.pendingExtension !== null) !== f.pendingExtension) return false;
  return true;
}

/** Whether `incoming` is at least as new as `current` (pushed events may arrive after a refetch). */
export function isNewer(incoming: CaseDto, current: CaseDto | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  return Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

/**
 * Applies a pushed case to a list: replaces it (if newer), inserts it (if it now matches)
 * or drops it (if it no longer matches). Returns the same array when nothing changed.
 */
export function applyCase(list: CaseDto[], incoming: CaseDto, f: CaseFilter, now: number = Date.now()): CaseDto[] {
  const i = list.findIndex((c) => c.id === incoming.id);
  const current = i >= 0 ? list[i] : undefined;
  if (!isNewer(incoming, current)) return list;
  // Free-text and phone matching are the server's (phones may be masked): a searched list only updates cases it already shows.
  if (!current && ((f.q && f.q.trim()) || (f.phone && f.phone.trim()))) return list;
  const fits = matchesFilter(incoming, f, now);
  if (i >= 0 && !fits) return list.filter((c) => c.id !== incoming.id);
  if (i >= 0) {
    const next = list.slice();
    next[i] = incoming;
    return next;
  }
  return fits ? [incoming, ...list] : list;
}

/** Merges pages of cases by id, keeping the newest copy of each. */
export function mergeCases(...lists: CaseDto[][]): CaseDto[] {
  const byId = new Map<string, CaseDto>();
  for (const list of lists) {
    for (const c of list) if (isNewer(c, byId.get(c.id))) byId.set(c.id, c);
  }
  return [...byId.values()];
}
