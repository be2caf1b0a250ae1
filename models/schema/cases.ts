import { type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { CaseLimitsInput } from "../contracts.ts";
import { OPEN_STATUSES, type CaseType, type Channel, type Priority, type Status } from "../enums.ts";
import { ts, tsvector } from "./columns.ts";
import { departments, enterprises, users } from "./directory.ts";

/**
 * The instant a case's next deadline falls due, the order of every deadline-sorted queue: the sign or reply
 * deadline while dispatched, the callback deadline once replied, otherwise the reply deadline; none sorts last.
 * Built from the columns it is given so that the index below and the queries in models/queries/cases.ts
 * use the very same expression, which PostgreSQL needs before it reads the index for the order.
 */
export function deadlineKey(c: { status: AnyPgColumn; signBy: AnyPgColumn; replyBy: AnyPgColumn; callbackBy: AnyPgColumn }): SQL {
  return sql`coalesce(case when ${c.status} = 'dispatched' then least(${c.signBy}, ${c.replyBy}) when ${c.status} = 'replied' then ${c.callbackBy} else ${c.replyBy} end, 'infinity'::timestamptz)`;
}

/** The statuses of a case still being worked on, as an SQL list (partial indexes, and queries that must match them). */
export const OPEN_STATUS_LIST = sql.raw(`(${OPEN_STATUSES.map((s) => `'${s}'`).join(",")})`);

/** One case of the single queue, whatever channel it came through. */
export const cases = pgTable(
  "cases",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull(),
    channel: text("channel").$type<Channel>().notNull(),
    type: text("type").$type<CaseType>().notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    categoryCode: text("category_code"),
    priority: text("priority").$type<Priority>().notNull(),
    status: text("status").$type<Status>().notNull(),
    previousStatus: text("previous_status").$type<Status>(),
    requesterName: text("requester_name"),
    requesterPhone: text("requester_phone"),
    enterpriseName: text("enterprise_name"),
    creditCode: text("credit_code"),
    anonymous: boolean("anonymous").notNull().default(false),
    confidential: boolean("confidential").notNull().default(false),
    location: text("location"),
    enterpriseId: text("enterprise_id").references(() => enterprises.id),
    departmentId: text("department_id").references(() => departments.id),
    assigneeId: text("assignee_id").references(() => users.id),
    createdBy: text("created_by"),
    /**
     * The client that sent the case and owns its externalRef and Idempotency-Key: `integration:<id>`,
     * `enterprise:<id>` or `user:<id>` (api.md, Intake). Another client's reference never finds this case.
     */
    clientKey: text("client_key").notNull(),
    externalRef: text("external_ref"),
    idempotencyKey: text("idempotency_key"),
    /** sha256 of the intake request as validated, so a reused reference or key with another body is refused (422). */
    requestHash: text("request_hash"),
    /** Who the case is about (被反映对象); never a reason for anyone to see the case. */
    subjectName: text("subject_name"),
    subjectCreditCode: text("subject_credit_code"),
    subjectEnterpriseId: text("subject_enterprise_id").references(() => enterprises.id),
    /**
     * The requesters of the cases merged into this one (transitively), as reader keys `enterprise:<id>` /
     * `integration:<id>`: they read and follow this case as requesters (domain.md, merge).
     */
    mergedRequesters: text("merged_requesters").array().notNull().default(sql`'{}'::text[]`),
    /** The seq of the latest reply (or direct answer) and of the reply last rated: one rating per reply. */
    lastReplySeq: integer("last_reply_seq"),
    ratedReplySeq: integer("rated_reply_seq"),
    signBy: ts("sign_by"),
    replyBy: ts("reply_by"),
    returnBy: ts("return_by"),
    callbackBy: ts("callback_by"),
    /** The upper (provincial) platform's own reply deadline for a ticket it sent; authoritative for it. */
    upstreamReplyBy: ts("upstream_reply_by"),
    /** Per deadline kind: 0 none, 1 warning announced, 2 overdue announced (sweeper bookkeeping). */
    signState: smallint("sign_state").notNull().default(0),
    replyState: smallint("reply_state").notNull().default(0),
    callbackState: smallint("callback_state").notNull().default(0),
    /** The next instant at which the sweeper has something to do for this case. */
    nextSweepAt: ts("next_sweep_at"),
    replyOverdueAt: ts("reply_overdue_at"),
    /** When the running reply clock started: the dispatch, or the reopen (重办); null means at dispatch. */
    replyStartedAt: ts("reply_started_at"),
    /**
     * Which limit set the reply clock (type | urgent | critical | reopened); on a registered case, `reopened`
     * means its next dispatch gets the reopened limit (a case closed at intake and reopened).
     */
    replyLimit: text("reply_limit"),
    /** The category's limits when the latest clock started (dispatch, reopen, reply); null means the defaults. */
    limits: jsonb("limits").$type<CaseLimitsInput>(),
    escalation: smallint("escalation").notNull().default(0),
    pendingExtensionDays: smallint("pending_extension_days"),
    pendingExtensionReason: text("pending_extension_reason"),
    extensionDaysUsed: smallint("extension_days_used").notNull().default(0),
    satisfaction: smallint("satisfaction"),
    callbackAttempts: smallint("callback_attempts").notNull().default(0),
    reopenCount: smallint("reopen_count").notNull().default(0),
    mergedIntoId: text("merged_into_id"),
    answer: text("answer"),
    replyContent: text("reply_content"),
    /** The knowledge-base article version the answer or reply cited (issue #13). */
    citedArticle: jsonb("cited_article").$type<{ id: string; version: number; title: string; public: boolean }>(),
    searchTokens: tsvector("search_tokens"),
    receivedAt: ts("received_at").notNull(),
    dispatchedAt: ts("dispatched_at"),
    signedAt: ts("signed_at"),
    repliedAt: ts("replied_at"),
    closedAt: ts("closed_at"),
    updatedAt: ts("updated_at").notNull(),
    version: integer("version").notNull().default(1),
    /** The head of the timeline's hash chain, so a truncated history is detectable too. */
    lastEventSeq: integer("last_event_seq").notNull().default(0),
    lastEventHash: text("last_event_hash"),
  },
  (t) => [
    uniqueIndex("cases_number_key").on(t.number),
    uniqueIndex("cases_client_external_ref_key").on(t.clientKey, t.externalRef),
    uniqueIndex("cases_client_idempotency_key").on(t.clientKey, t.idempotencyKey),
    index("cases_client_received_idx").on(t.clientKey, t.receivedAt.desc(), t.id.desc()),
    index("cases_merged_requesters_idx").using("gin", t.mergedRequesters),
    index("cases_received_idx").on(t.receivedAt.desc(), t.id.desc()),
    index("cases_department_status_reply_idx").on(t.departmentId, t.status, t.replyBy),
    index("cases_department_received_idx").on(t.departmentId, t.receivedAt.desc(), t.id.desc()),
    index("cases_enterprise_received_idx").on(t.enterpriseId, t.receivedAt.desc(), t.id.desc()),
    index("cases_status_received_idx").on(t.status, t.receivedAt.desc(), t.id.desc()),
    index("cases_next_sweep_idx").on(t.nextSweepAt).where(sql`${t.nextSweepAt} is not null`),
    index("cases_updated_idx").on(t.updatedAt, t.id),
    index("cases_credit_code_idx").on(t.creditCode, t.receivedAt),
    index("cases_phone_idx").on(t.requesterPhone, t.receivedAt),
    index("cases_merged_into_idx").on(t.mergedIntoId),
    index("cases_search_idx").using("gin", t.searchTokens),
    // The overdue list and the metrics' "deadline fell in the period".
    // The metrics read the status and reply time of the period's deadlines from it too (index-only).
    index("cases_reply_by_idx").on(t.replyBy, t.departmentId, t.status, t.repliedAt),
    // The metrics' open cases overdue now (index-only).
    index("cases_open_reply_by_idx").on(t.replyBy, t.departmentId).where(sql`${t.status} in ('dispatched', 'return_review', 'in_progress')`),
    index("cases_open_sign_by_idx").on(t.signBy).where(sql`${t.status} = 'dispatched'`),
    index("cases_open_callback_by_idx").on(t.callbackBy).where(sql`${t.status} = 'replied'`),
    // Deadline-sorted queues read these in order instead of sorting every open case: a department's own queue,
    // and the queues across departments (a handler's co-handled cases, the operator's callbacks, the overdue board).
    index("cases_department_deadline_idx").on(t.departmentId, deadlineKey(t), t.id).where(sql`${t.status} in ${OPEN_STATUS_LIST}`),
    index("cases_open_deadline_idx").on(deadlineKey(t), t.id).where(sql`${t.status} in ${OPEN_STATUS_LIST}`),
    // The supervisor's approvals: the few cases whose extension request awaits a decision, newest first.
    index("cases_pending_extension_idx").on(t.receivedAt.desc(), t.id.desc()).where(sql`${t.pendingExtensionDays} is not null`),
  ],
);

/** A department's part in a case: the lead, or a co-handling department, with its own sign clock. */
export const caseAssignments = pgTable(
  "case_assignments",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    departmentId: text("department_id").notNull().references(() => departments.id),
    role: text("role").$type<"lead" | "co">().notNull(),
    active: boolean("active").notNull().default(true),
    dispatchedAt: ts("dispatched_at").notNull(),
    signBy: ts("sign_by").notNull(),
    signedAt: ts("signed_at"),
    signedBy: text("signed_by"),
  },
  (t) => [
    index("case_assignments_case_idx").on(t.caseId),
    index("case_assignments_department_idx").on(t.departmentId, t.active, t.caseId),
    index("case_assignments_sign_by_idx").on(t.signBy),
    index("case_assignments_dispatched_at_idx").on(t.dispatchedAt),
    index("case_assignments_signed_at_idx").on(t.signedAt),
  ],
);

/** The immutable, hash-chained timeline of a case. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    seq: integer("seq").notNull(),
    action: text("action").notNull(),
    actorId: text("actor_id"),
    actorRole: text("actor_role").notNull(),
    at: ts("at").notNull(),
    data: jsonb("data").notNull().$type<Record<string, unknown>>(),
    public: boolean("public").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("case_events_case_seq_key").on(t.caseId, t.seq),
    index("case_events_at_idx").on(t.at, t.action),
    index("case_events_action_at_idx").on(t.action, t.at),
  ],
);

/**
 * The metric facts of the events that eventCounts in models/queries/metrics.ts measures, one row per event:
 * a reply, a rating (a reached callback with a score, or an enterprise rating), an approved return or a merge
 * that names the merged case. Each row carries what the metric definition would otherwise recompute from the
 * timeline at read time: the lead department at the event (`returnedFrom` for a return), the seconds since the
 * reply clock started (replies), the score (ratings), and for replies whether a callback / a reopen came after
 * it and when the case's previous replies were (so that its first reply in a period is found without a distinct
 * count). Written in the same transaction as the event (writeCaseEvent in server/commands/context.ts), with the
 * later-event flags set when that callback, reopen or late reply is written; migration 0004 backfilled the rows of older
 * events. These are derived columns, not part of the timeline, so the event hash chain does not cover them.
 */
export const caseMetricFacts = pgTable(
  "case_metric_facts",
  {
    caseId: text("case_id").notNull().references(() => cases.id),
    /** The seq of the event in case_events. */
    seq: integer("seq").notNull(),
    at: ts("at").notNull(),
    /** reply | rating | return | merge */
    kind: text("kind").notNull(),
    departmentId: text("department_id"),
    replySeconds: doublePrecision("reply_seconds"),
    score: integer("score"),
    callbackAfter: boolean("callback_after").notNull().default(false),
    reopenedAfter: boolean("reopened_after").notNull().default(false),
    /** Replies: the time of the case's previous reply, and of its previous reply under the same department. */
    prevReplyAt: ts("prev_reply_at"),
    prevDepartmentReplyAt: ts("prev_department_reply_at"),
    /** Replies: false once a reply of the case came earlier than a reply before it; then all its replies are counted distinctly. */
    repliesInOrder: boolean("replies_in_order").notNull().default(true),
  },
  (t) => [
    primaryKey({ name: "case_metric_facts_pkey", columns: [t.caseId, t.seq] }),
    index("case_metric_facts_at_idx").on(t.at),
    index("case_metric_facts_out_of_order_idx").on(t.at).where(sql`not ${t.repliesInOrder}`),
  ],
);

/** Daily case-number sequences (Asia/Shanghai day). */
export const caseNumbers = pgTable("case_numbers", {
  day: text("day").primaryKey(),
  last: integer("last").notNull(),
});

/** Every read of an unmasked requester phone by staff. */
export const phoneReads = pgTable(
  "phone_reads",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    userId: text("user_id").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("phone_reads_case_idx").on(t.caseId, t.at)],
);

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type CaseAssignmentRow = typeof caseAssignments.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseMetricFactRow = typeof caseMetricFacts.$inferSelect;
