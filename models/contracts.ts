/** Data shapes of the API contract (shared/spec/api.md), shared with the client as types only. */
import type {
  CaseAction,
  CaseType,
  Channel,
  DeadlineKind,
  KnowledgeStatus,
  DeadlineState,
  DepartmentLevel,
  EscalationLevel,
  Priority,
  Role,
  Satisfaction,
  Status,
  WorkingDayReason,
} from "./enums.ts";
import type { QueueCalledPayload, QueueUpdatedPayload, TicketDto } from "./contractsServiceCentre.ts";

export type * from "./contractsServiceCentre.ts";

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  enterpriseId: string | null;
  /** True after an admin set the password: the user must change it before doing anything else. */
  mustChangePassword?: boolean;
  active?: boolean;
}

export interface DepartmentDto {
  id: string;
  code: string;
  name: string;
  level: DepartmentLevel;
  parentId: string | null;
  active?: boolean;
}

export interface EnterpriseDto {
  id: string;
  name: string;
  creditCode: string;
}

/**
 * Every time limit of domain.md, as one category sets them (defaults in server/rules/limits.ts).
 * Working hours/days follow the calendar; `critical…` limits are calendar time.
 */
export interface CaseLimits {
  /** Sign: working hours after dispatch (normal priority; the category's `signHours`). */
  signHours: number;
  urgentSignHours: number;
  criticalSignMinutes: number;
  /** Reply: working days after dispatch, per type (normal priority). */
  replyDays: Record<CaseType, number>;
  urgentReplyDays: number;
  criticalReplyHours: number;
  /** Reply after a reopen (重办): working days after the reopen, or after the next dispatch of a case closed at intake. */
  reopenedReplyDays: number;
  returnWindowDays: number;
  /** Most working days extensions may add in total. */
  extensionCapDays: number;
  /** Callback (回访): working days after the reply. */
  callbackDays: number;
  /** Share of a clock's span after which it warns (0.75). */
  warningShare: number;
  /** The ladder: 督办 and 挂牌督办 this many working days after the reply deadline. */
  superviseAfterDays: number;
  listAfterDays: number;
}

/** Some of a category's limits, as sent to PUT /api/categories/:code and stored as the category's overrides. */
export type CaseLimitsInput = Partial<Omit<CaseLimits, "replyDays">> & { replyDays?: Partial<Record<CaseType, number>> };

export interface CategoryDto {
  code: string;
  name: string;
  departmentId: string | null;
  signHours: number;
  replyDays: number;
  /** Every limit in force for cases of this category (the defaults where it sets none). */
  limits: CaseLimits;
}

export interface WorkingDayDto {
  date: string;
  working: boolean;
  reason: WorkingDayReason;
  name?: string;
}

export interface RequesterDto {
  name: string | null;
  phone: string | null;
  enterpriseName: string | null;
  creditCode: string | null;
  anonymous: boolean;
  confidential: boolean;
}

export interface SubjectDto {
  enterpriseName: string | null;
  creditCode: string | null;
}

export interface CaseDto {
  id: string;
  number: string;
  channel: Channel;
  type: CaseType;
  title: string;
  description: string;
  categoryCode: string | null;
  priority: Priority;
  status: Status;
  requester: RequesterDto;
  location: string | null;
  /** Who the case is about (被反映对象), when known. */
  subject: SubjectDto | null;
  enterpriseId: string | null;
  departmentId: string | null;
  coDepartmentIds: string[];
  assigneeId: string | null;
  deadlines: { signBy: string | null; replyBy: string | null; callbackBy: string | null; returnBy: string | null; upstreamReplyBy?: string | null };
  overdue: { sign: boolean; reply: boolean };
  escalation: EscalationLevel;
  pendingExtension: { days: number; reason: string } | null;
  satisfaction: Satisfaction | null;
  reopenCount: number;
  /** Extension: failed callback attempts (未联系上) since the last reply; staff only, 0 for others. */
  callbackAttempts: number;
  mergedIntoId: string | null;
  externalRef: string | null;
  answer: string | null;
  reply: string | null;
  receivedAt: string;
  dispatchedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
  /** Extension: the actions this user may take now (the client shows only these). */
  actions: CaseAction[];
  /** Extension: the knowledge-base article (and the version of it) the answer or reply cited, or null. */
  citedArticle?: CitedArticleDto | null;
}

/** The article version a case's answer or reply cited. */
export interface CitedArticleDto {
  id: string;
  version: number;
  title: string;
}

/** A knowledge-base article (api.md, Knowledge base); `bodyHtml` and `snippet` are extensions. */
export interface KnowledgeArticleDto {
  id: string;
  title: string;
  /** Markdown source. */
  body: string;
  /** Extension: the body rendered to safe HTML (no raw HTML, links http(s)/mailto only). */
  bodyHtml: string;
  categoryCode: string | null;
  departmentId: string;
  keywords: string[];
  policyRef: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  public: boolean;
  status: KnowledgeStatus;
  version: number;
  updatedAt: string;
  /** Extension: true when today (Asia/Shanghai) lies within effectiveFrom..effectiveTo. */
  inForce: boolean;
  /** Extension, search results only: an excerpt with the matched terms in <mark>, everything else escaped. */
  snippet?: string;
}

export interface CaseEventDto {
  id: string;
  caseId: string;
  seq: number;
  action: string;
  actorId: string | null;
  actorRole: string;
  at: string;
  data: Record<string, unknown>;
  public: boolean;
}

export interface DuplicateCandidateDto {
  case: CaseDto;
  score: number;
  reasons: ("same_credit_code" | "same_phone" | "similar_text")[];
}

/** One set of figures of the metrics report (formulas in domain.md, definitions in models/queries/metrics.ts). */
export interface MetricFigures {
  received: number;
  signed: number;
  signedOnTimeRate: number | null;
  replied: number;
  repliedOnTimeRate: number | null;
  callbackRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  avgSignMinutes: number | null;
  avgReplyHours: number | null;
  overdueOpen: number;
  badReviewRate: number | null;
  returnRate: number | null;
  repeatRate: number | null;
}

export interface DepartmentMetricsDto extends MetricFigures {
  departmentId: string;
  code: string;
  name: string;
}

/** GET /api/metrics. */
export interface MetricsReportDto {
  from: string;
  to: string;
  totals: MetricFigures;
  departments: DepartmentMetricsDto[];
}

export interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string; message: string }[] };
}

/** Server → client Socket.IO events. */
export interface ServerToClientEvents {
  "case.created": (payload: { case: CaseDto }) => void;
  "case.updated": (payload: { case: CaseDto; event: CaseEventDto }) => void;
  "case.deadline": (payload: { caseId: string; kind: DeadlineKind; state: DeadlineState }) => void;
  /** Extension: sent to a department that just lost the case (return approved, re-dispatch): drop it from the queue. */
  "case.removed": (payload: { caseId: string }) => void;
  /** To hall staff and the public /board namespace: a number called (or recalled) to a window. */
  "queue.called": (payload: QueueCalledPayload) => void;
  /** Extension: waiting counts per line after any change in the hall (hall staff and /board). */
  "queue.updated": (payload: QueueUpdatedPayload) => void;
  /** Extension: a ticket changed (its signed-in owner, and hall staff); position updates included. */
  "queue.ticket": (payload: { ticket: TicketDto }) => void;
}

/** Client → server Socket.IO events. */
export interface ClientToServerEvents {
  "case:watch": (payload: { caseId: string }, ack: (res: { ok: boolean; error?: string }) => void) => void;
  "case:unwatch": (payload: { caseId: string }, ack?: (res: { ok: boolean }) => void) => void;
}
