/** Data shapes of the API contract (shared/spec/api.md), shared with the client as types only. */
import type {
  CaseAction,
  CaseType,
  Channel,
  DeadlineKind,
  KnowledgeStatus,
  DeadlineState,
  DepartmentLevel,
  Priority,
  Role,
  Status,
  WorkingDayReason,
} from "./enums.ts";

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: string | null;
  enterpriseId: string | null;
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

export interface CategoryDto {
  code: string;
  name: string;
  departmentId: string | null;
  signHours: number;
  replyDays: number;
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
  enterpriseId: string | null;
  departmentId: string | null;
  coDepartmentIds: string[];
  assigneeId: string | null;
  deadlines: { signBy: string | null; replyBy: string | null; callbackBy: string | null; returnBy: string | null };
  overdue: { sign: boolean; reply: boolean };
  escalation: 0 | 1 | 2 | 3;
  pendingExtension: { days: number; reason: string } | null;
  satisfaction: number | null;
  reopenCount: number;
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
  "queue.called": (payload: { centreId: string; number: string; window: string }) => void;
}

/** Client → server Socket.IO events. */
export interface ClientToServerEvents {
  "case:watch": (payload: { caseId: string }, ack: (res: { ok: boolean; error?: string }) => void) => void;
  "case:unwatch": (payload: { caseId: string }, ack?: (res: { ok: boolean }) => void) => void;
}
