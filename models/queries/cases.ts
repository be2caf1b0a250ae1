import { and, asc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db.ts";
import type { CaseType, Channel, Status } from "../enums.ts";
import type { ReaderScope, RequesterKey } from "../readerScope.ts";
import { caseAssignments, caseEvents, caseNumbers, cases, deadlineKey, OPEN_STATUS_LIST, phoneReads, type CaseAssignmentRow, type CaseEventRow, type CaseRow, type NewCaseRow } from "../schema/index.ts";

/** The SQL condition for the cases a reader of this scope may see: `readerKeysOf` (models/readerScope.ts) in SQL. */
export function visibleTo(scope: ReaderScope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "department":
      // Every dispatch gives the lead an active assignment too, so one semi-join covers lead and co-handling.
      return sql`${cases.id} in (select a.case_id from ${caseAssignments} a where a.department_id = ${scope.departmentId} and a.active)`;
    case "requester":
      return or(ownedBy(scope.key), sql`${cases.mergedRequesters} @> array[${scope.key}]::text[]`);
    case "channel":
      return eq(cases.channel, scope.channel);
    case "none":
      return sql`false`;
  }
}

/** The cases this requester raised itself (`ownRequesterKeys` in SQL). */
function ownedBy(key: RequesterKey): SQL {
  return key.startsWith("enterprise:") ? eq(cases.enterpriseId, key.slice("enterprise:".length)) : eq(cases.clientKey, key);
}

/** A case the reader may see, optionally locked for update. */
export async function findCaseForReader(ex: Executor, id: string, scope: ReaderScope, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | undefined> {
  const q = ex.select().from(cases).where(and(eq(cases.id, id), visibleTo(scope))).limit(1);
  const rows = opts.forUpdate ? await q.for("update") : await q;
  return rows[0];
}

export async function findCaseById(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow | undefined> {
  const q = ex.select().from(cases).where(eq(cases.id, id)).limit(1);
  const rows = opts.forUpdate ? await q.for("update") : await q;
  return rows[0];
}

/** The case this client's external reference or idempotency key already created (never another client's). */
export async function findCaseByIdempotency(ex: Executor, key: { clientKey: string; externalRef?: string | null; idempotencyKey?: string | null }) {
  const conditions: SQL[] = [];
  if (key.externalRef) conditions.push(eq(cases.externalRef, key.externalRef));
  if (key.idempotencyKey) conditions.push(eq(cases.idempotencyKey, key.idempotencyKey));
  if (!conditions.length) return undefined;
  const rows = await ex.select().from(cases).where(and(eq(cases.clientKey, key.clientKey), or(...conditions))).limit(1);
  return rows[0];
}

/** Serialises concurrent intakes of one idempotency key until the transaction ends. */
export async function lockIdempotencyKey(ex: Executor, key: string): Promise<void> {
  await ex.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 42))`);
}

/** The next number of the day's sequence (gap-free: rolled back with its transaction). */
export async function nextCaseSequence(ex: Executor, day: string): Promise<number> {
  const [row] = await ex
    .insert(caseNumbers)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: caseNumbers.day, set: { last: sql`${caseNumbers.last} + 1` } })
    .returning({ last: caseNumbers.last });
  return row.last;
}

export async function insertCase(ex: Executor, row: NewCaseRow, lexemes: string[]): Promise<CaseRow> {
  const [created] = await ex
    .insert(cases)
    .values({ ...row, searchTokens: sql`array_to_tsvector(${toTextArray(lexemes)})` as unknown as string })
    .returning();
  return created;
}

/** A text[] literal parameter that both drivers pass through unchanged. */
function toTextArray(values: string[]): SQL {
  return sql`${"{" + values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",") + "}"}::text[]`;
}

/** Active assignments of the given cases. */
export async function listActiveAssignments(ex: Executor, caseIds: string[]): Promise<CaseAssignmentRow[]> {
  if (!caseIds.length) return [];
  return ex
    .select()
    .from(caseAssignments)
    .where(and(inArray(caseAssignments.caseId, caseIds), eq(caseAssignments.active, true)))
    .orderBy(asc(caseAssignments.role), asc(caseAssignments.departmentId));
}

export async function insertAssignments(ex: Executor, rows: (typeof caseAssignments.$inferInsert)[]): Promise<void> {
  if (rows.length) await ex.insert(caseAssignments).values(rows);
}

export async function deactivateAssignments(ex: Executor, caseId: string): Promise<void> {
  await ex.update(caseAssignments).set({ active: false }).where(and(eq(caseAssignments.caseId, caseId), eq(caseAssignments.active, true)));
}

export async function markAssignmentSigned(ex: Executor, id: string, at: Date, userId: string): Promise<void> {
  await ex.update(caseAssignments).set({ signedAt: at, signedBy: userId }).where(eq(caseAssignments.id, id));
}

/**
 * Writes a locked case's patch together with the head of its event chain, but only while the stored head is
 * still `expectedSeq` (the event was chained to it); undefined otherwise. Bumps the version unless told not to.
 */
export async function updateCaseChained(ex: Executor, id: string, expectedSeq: number, patch: Partial<NewCaseRow>, opts: { bumpVersion: boolean }): Promise<CaseRow | undefined> {
  const [row] = await ex
    .update(cases)
    .set(opts.bumpVersion ? { ...patch, version: sql`${cases.version} + 1` } : patch)
    .where(and(eq(cases.id, id), eq(cases.lastEventSeq, expectedSeq)))
    .returning();
  return row;
}

export async function insertEvent(ex: Executor, row: CaseEventRow): Promise<void> {
  await ex.insert(caseEvents).values(row);
}

/** A case's timeline, public events only when asked. */
export function listEvents(ex: Executor, caseId: string, opts: { publicOnly: boolean }) {
  return ex
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), opts.publicOnly ? eq(caseEvents.public, true) : undefined))
    .orderBy(asc(caseEvents.seq));
}

/** The sequence number of the case's latest event of an action, or null when it has none. */
export async function latestEventSeq(ex: Executor, caseId: string, action: string): Promise<number | null> {
  const [row] = await ex.select({ seq: sql<number>`max(${caseEvents.seq})` }).from(caseEvents).where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.action, action)));
  return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
}

/** Cases merged into the given one (the survivor lists their requesters). */
export function listMergedInto(ex: Executor, caseId: string) {
  return ex.select().from(cases).where(eq(cases.mergedIntoId, caseId)).orderBy(asc(cases.receivedAt));
}

/** Records reads of unmasked phones by staff. */
export async function logPhoneReads(ex: Executor, userId: string, caseIds: string[], at: Date): Promise<void> {
  if (!caseIds.length) return;
  await ex.insert(phoneReads).values(caseIds.map((caseId) => ({ id: crypto.randomUUID(), caseId, userId, at })));
}

export interface CaseListFilter {
  status?: Status[];
  type?: CaseType;
  channel?: Channel;
  departmentId?: string;
  enterpriseId?: string;
  overdue?: boolean;
  escalated?: boolean;
  pendingExtension?: boolean;
  tsquery?: string | null;
  phone?: string;
  /** The reader sees confidential and anonymous requesters' phones masked: they never match a phone. */
  protectedPhonesMasked?: boolean;
  updatedSince?: Date;
  sort: "received" | "deadline" | "updated";
  cursor?: { k: string | null; id: string };
  limit: number;
}

const DEADLINE_KEY = deadlineKey(cases);

/** A page of the cases the reader may see, filtered, with keyset pagination. */
export async function listCases(ex: Executor, scope: ReaderScope, f: CaseListFilter, now: Date): Promise<{ rows: CaseRow[]; next: { k: string | null; id: string } | null }> {
  const conditions: (SQL | undefined)[] = [visibleTo(scope)];
  // A requester follows the cases merged into its own, but must not learn who raised them by probing text or phones.
  if (scope.kind === "requester" && (f.tsquery || f.phone)) conditions.push(ownedBy(scope.key));
  if (f.status?.length) conditions.push(inArray(cases.status, f.status));
  if (f.type) conditions.push(eq(cases.type, f.type));
  if (f.channel) conditions.push(eq(cases.channel, f.channel));
  if (f.departmentId) conditions.push(eq(cases.departmentId, f.departmentId));
  if (f.enterpriseId) conditions.push(eq(cases.enterpriseId, f.enterpriseId));
  if (f.overdue) {
    conditions.push(
      sql`((${cases.status} = 'dispatched' and ${cases.signBy} < ${now}) or (${cases.status} in ('dispatched','return_review','in_progress') and ${cases.replyBy} < ${now}) or (${cases.status} = 'replied' and ${cases.callbackBy} < ${now}))`,
    );
  }
  if (f.overdue && f.sort === "deadline") {
    // Implied by the overdue condition (an overdue case is open and its next deadline has passed), and said
    // outright so that PostgreSQL reads cases_open_deadline_idx in order from its start instead of sorting
    // every overdue case (1 M cases: 270 ms → 0.1 ms in SQL).
    conditions.push(sql`${cases.status} in ${OPEN_STATUS_LIST} and ${DEADLINE_KEY} < ${now}`);
  }
  if (f.escalated) conditions.push(sql`${cases.escalation} > 0 and ${cases.status} in ${OPEN_STATUS_LIST}`);
  if (f.pendingExtension !== undefined) conditions.push(f.pendingExtension ? isNotNull(cases.pendingExtensionDays) : isNull(cases.pendingExtensionDays));
  if (f.tsquery) conditions.push(sql`${cases.searchTokens} @@ ${f.tsquery}::tsquery`);
  if (f.updatedSince) conditions.push(gt(cases.updatedAt, f.updatedSince));
  if (f.phone) {
    conditions.push(eq(cases.requesterPhone, f.phone));
    // A reader who sees protected phones masked must not learn who a confidential or anonymous requester is by probing numbers.
    if (f.protectedPhonesMasked) conditions.push(notProtected());
  }

  let order: SQL[];
  if (f.sort === "deadline") {
    if (f.cursor) conditions.push(sql`(${DEADLINE_KEY}, ${cases.id}) > (coalesce(${f.cursor.k}::timestamptz, 'infinity'::timestamptz), ${f.cursor.id})`);
    order = [sql`${DEADLINE_KEY} asc`, asc(cases.id)];
  } else if (f.sort === "updated") {
    if (f.cursor) conditions.push(sql`(${cases.updatedAt}, ${cases.id}) > (${f.cursor.k}::timestamptz, ${f.cursor.id})`);
    order = [asc(cases.updatedAt), asc(cases.id)];
  } else {
    if (f.cursor) conditions.push(sql`(${cases.receivedAt}, ${cases.id}) < (${f.cursor.k}::timestamptz, ${f.cursor.id})`);
    // "desc nulls last" matches the *_received_idx indexes exactly, so newest-first lists read them instead of sorting.
    order = [sql`${cases.receivedAt} desc nulls last`, sql`${cases.id} desc nulls last`];
  }
  const rows = await ex
    .select({ row: cases, deadlineMs: sql<number | string>`(extract(epoch from ${DEADLINE_KEY}) * 1000)::float8` })
    .from(cases)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  let next: { k: string | null; id: string } | null = null;
  if (rows.length > f.limit && last) {
    const deadline = Number(last.deadlineMs); // Infinity when the case has no deadline
    const k = f.sort === "deadline" ? (Number.isFinite(deadline) ? new Date(deadline).toISOString() : null) : f.sort === "updated" ? last.row.updatedAt.toISOString() : last.row.receivedAt.toISOString();
    next = { k, id: last.row.id };
  }
  return { rows: page.map((r) => r.row), next };
}

/** Requesters whose phone is protected (confidential or anonymous). */
function notProtected(): SQL {
  return sql`not (${cases.confidential} or ${cases.anonymous})`;
}

/**
 * Open cases of the last days sharing the credit code or phone, and those matching the text, excluding one case.
 * `protectedPhonesMasked`: the reader sees protected phones masked, so a phone match involving one is never made
 * (it would tell them the number); `requesterPhone` is then null when the case's own phone is protected.
 */
export async function findDuplicateCandidates(
  ex: Executor,
  scope: ReaderScope,
  c: { id: string; creditCode: string | null; requesterPhone: string | null; tsquery: string | null; since: Date; protectedPhonesMasked: boolean },
): Promise<CaseRow[]> {
  const scoped = and(
    visibleTo(scope),
    sql`${cases.id} <> ${c.id}`,
    inArray(cases.status, ["registered", "dispatched", "return_review", "in_progress", "replied"]),
    gt(cases.receivedAt, c.since),
  );
  const strong: SQL[] = [];
  if (c.creditCode) strong.push(eq(cases.creditCode, c.creditCode));
  if (c.requesterPhone) strong.push(c.protectedPhonesMasked ? and(eq(cases.requesterPhone, c.requesterPhone), notProtected())! : eq(cases.requesterPhone, c.requesterPhone));
  // Strong matches are searched on their own so that many similar texts cannot crowd them out.
  const [byRequester, byText] = await Promise.all([
    strong.length ? ex.select().from(cases).where(and(scoped, or(...strong))).orderBy(sql`${cases.receivedAt} desc nulls last`).limit(50) : [],
    c.tsquery ? ex.select().from(cases).where(and(scoped, sql`${cases.searchTokens} @@ ${c.tsquery}::tsquery`)).orderBy(sql`${cases.receivedAt} desc nulls last`).limit(50) : [],
  ]);
  const seen = new Set<string>();
  return [...byRequester, ...byText].filter((row) => !seen.has(row.id) && seen.add(row.id));
}
