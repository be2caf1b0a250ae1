/** Cases: intake, lists, one case with its timeline, duplicates and actions. */
import type { CaseDto, CaseEventDto, DuplicateCandidateDto } from "../../../models/contracts.ts";
import type { CaseAction, CaseType, Channel, Priority } from "../../../models/enums.ts";
import { filterToQuery, type CaseFilter } from "../lib/caseList.ts";
import { get, post } from "./http.ts";

export interface NewCaseBody {
  channel?: Channel;
  type: CaseType;
  title: string;
  description: string;
  categoryCode?: string;
  priority: Priority;
  requester?: {
    name?: string;
    phone?: string;
    enterpriseName?: string;
    creditCode?: string;
    anonymous?: boolean;
    confidential?: boolean;
  };
  location?: string;
  /** The hall ticket being served at the clerk's window, finished into this case (转为工单). */
  ticketId?: string;
}

export interface CasePage {
  items: CaseDto[];
  nextCursor: string | null;
}

export interface MergedCaseSummary {
  id: string;
  number: string;
  requester: CaseDto["requester"];
  receivedAt: string;
  title?: string;
}

export interface CaseDetail {
  case: CaseDto;
  timeline: CaseEventDto[];
  /** Cases folded into this one (a summary each, as the server sends it). */
  mergedCases?: MergedCaseSummary[];
}

/** Registers a case; the idempotency key makes a double-submit create one case. */
export const createCase = (body: NewCaseBody, idempotencyKey: string) =>
  post<{ case: CaseDto }>("/cases", body, { headers: { "Idempotency-Key": idempotencyKey } });

/** One page of a list. */
export function listCasesPage(f: CaseFilter, opts: { cursor?: string | null; limit?: number; updatedSince?: string; signal?: AbortSignal } = {}) {
  const qs = filterToQuery(f, { cursor: opts.cursor ?? undefined, limit: opts.limit ?? 50, updatedSince: opts.updatedSince });
  return get<CasePage>(`/cases?${qs}`, { signal: opts.signal });
}

/** Everything changed since a time (for catching up after a reconnect), up to `maxPages` pages. */
export async function listChangedSince(since: string, maxPages = 5): Promise<CaseDto[]> {
  const out: CaseDto[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: CasePage = await listCasesPage({}, { cursor, limit: 100, updatedSince: since });
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export const getCase = (id: string) => get<CaseDetail>(`/cases/${encodeURIComponent(id)}`);
export const getDuplicates = (id: string) => get<DuplicateCandidateDto[]>(`/cases/${encodeURIComponent(id)}/duplicates`);

/** Takes one action on a case; `version` guards against acting on a stale view. */
export const caseAction = (id: string, action: CaseAction, body: Record<string, unknown>, version?: number) =>
  post<{ case: CaseDto; event: CaseEventDto }>(`/cases/${encodeURIComponent(id)}/actions/${action}`, version === undefined ? body : { ...body, version });

/** One finding of a reply check (POST /api/cases/:id/reply-check). */
export interface ReplyFindingDto {
  code: string;
  severity: "block" | "warn";
  message: string;
  span?: [number, number];
}
/** Checks a draft reply of the lead handler. */
export const checkReplyDraft = (id: string, body: { content: string; articleId?: string }, signal?: AbortSignal) =>
  post<{ ok: boolean; findings: ReplyFindingDto[] }>(`/cases/${encodeURIComponent(id)}/reply-check`, body, { signal });
