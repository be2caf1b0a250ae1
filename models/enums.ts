/** Enumerations of the domain, shared by server and client (see shared/spec/domain.md). */

export const ROLES = ["enterprise", "operator", "clerk", "handler", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ["hotline", "online", "service_centre", "provincial_12345"] as const;
export type Channel = (typeof CHANNELS)[number];

export const CASE_TYPES = ["consultation", "help", "complaint", "report", "suggestion", "praise"] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PRIORITIES = ["normal", "urgent", "critical"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = [
  "registered",
  "dispatched",
  "return_review",
  "in_progress",
  "replied",
  "closed",
  "merged",
  "cancelled",
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which a case is still being worked on. */
export const OPEN_STATUSES: readonly Status[] = ["registered", "dispatched", "return_review", "in_progress", "replied"];

export const ACTIONS = [
  "dispatch",
  "answer",
  "sign",
  "return",
  "decide-return",
  "request-extension",
  "decide-extension",
  "reply",
  "reject-reply",
  "callback",
  "rate",
  "reopen",
  "merge",
  "urge",
  "supervise",
  "list",
  "cancel",
  "comment",
] as const;
export type CaseAction = (typeof ACTIONS)[number];

/** Event actions recorded on the timeline that are not user actions. */
export type SystemEventAction = "intake" | "deadline" | "escalate" | "service_ticket" | "reply-override";

export const RETURN_REASONS = [
  "not_our_function",
  "wrong_jurisdiction",
  "overlapping_functions",
  "statutory_channel",
  "insufficient_info",
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export const DEPARTMENT_LEVELS = ["city", "county", "township"] as const;
export type DepartmentLevel = (typeof DEPARTMENT_LEVELS)[number];

/** 0 none, 1 催办 urged, 2 督办 supervised, 3 挂牌督办 listed. */
export const ESCALATION_LEVELS = [0, 1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export const DEADLINE_KINDS = ["sign", "reply", "callback"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export type DeadlineState = "warning" | "overdue";

/** Which limit set a case's running reply clock; `reopened` on a registered case: its next dispatch is a reopened one. */
export const REPLY_LIMITS = ["type", "urgent", "critical", "reopened"] as const;
export type ReplyLimit = (typeof REPLY_LIMITS)[number];

export const WORKING_DAY_REASONS = ["adjusted_workday", "holiday", "weekend", "workday"] as const;
export type WorkingDayReason = (typeof WORKING_DAY_REASONS)[number];

/** 好差评: 5 非常满意 … 1 非常不满意; 1–2 are bad reviews. */
export const SATISFACTION_LEVELS = [1, 2, 3, 4, 5] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];

/** A service-centre ticket: waiting → called → serving → done; called → missed (no-show); waiting/called → cancelled. */
export const TICKET_STATUSES = ["waiting", "called", "serving", "done", "missed", "cancelled"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** The steps a clerk (or the ticket's enterprise, for cancel) takes on a ticket. */
export const TICKET_STEPS = ["recall", "start", "skip", "finish", "cancel"] as const;
export type TicketStep = (typeof TICKET_STEPS)[number];

/** How a served ticket ended: finished at the window, or turned into (or linked to) a case. */
export const TICKET_OUTCOMES = ["done_on_spot", "case"] as const;
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];
/** Knowledge-base article states: drafts are edited by the owning department, published ones are read, retired ones are kept for the record. */
export const KNOWLEDGE_STATUSES = ["draft", "published", "retired"] as const;
export type KnowledgeStatus = (typeof KNOWLEDGE_STATUSES)[number];
