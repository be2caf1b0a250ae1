import type { CaseAction, Role, Status } from "../../models/enums.ts";
import { OPEN_STATUSES } from "../../models/enums.ts";

type ActorRole = Role | "integration";

/** Who may attempt an action, in which statuses (domain.md, Transitions). */
export interface ActionRule {
  from: readonly Status[];
  roles: readonly ActorRole[];
  /** The actor must be a handler of the lead department. */
  lead?: boolean;
  /** The actor must be a handler of the lead or a co-handling department. */
  assigned?: boolean;
  /** An enterprise may act only on its own cases (always true by visibility). */
}

const ANY: readonly Status[] = ["registered", "dispatched", "return_review", "in_progress", "replied", "closed", "merged", "cancelled"];

export const ACTION_RULES: Record<CaseAction, ActionRule> = {
  dispatch: { from: ["registered"], roles: ["operator", "supervisor"] },
  answer: { from: ["registered"], roles: ["operator", "clerk"] },
  sign: { from: ["dispatched", "in_progress"], roles: ["handler"], assigned: true },
  return: { from: ["dispatched", "in_progress"], roles: ["handler"], lead: true },
  "decide-return": { from: ["return_review"], roles: ["supervisor", "operator"] },
  "request-extension": { from: ["in_progress"], roles: ["handler"], lead: true },
  "decide-extension": { from: ["in_progress"], roles: ["supervisor"] },
  reply: { from: ["in_progress"], roles: ["handler"], lead: true },
  "reject-reply": { from: ["replied"], roles: ["operator", "supervisor"] },
  callback: { from: ["replied"], roles: ["operator"] },
  rate: { from: ["replied", "closed"], roles: ["enterprise"] },
  reopen: { from: ["replied", "closed"], roles: ["enterprise", "operator", "supervisor"] },
  merge: { from: OPEN_STATUSES, roles: ["operator", "supervisor"] },
  urge: { from: OPEN_STATUSES, roles: ["supervisor"] },
  supervise: { from: OPEN_STATUSES, roles: ["supervisor"] },
  list: { from: OPEN_STATUSES, roles: ["supervisor"] },
  cancel: { from: ["registered"], roles: ["supervisor"] },
  comment: { from: ANY, roles: ["enterprise", "operator", "clerk", "handler", "supervisor", "admin", "integration"] },
};


/** Escalation level each manual escalation action sets at least. */
export const ESCALATION_OF: Partial<Record<CaseAction, 1 | 2 | 3>> = { urge: 1, supervise: 2, list: 3 };

/** Whether a case is still open (not closed, merged or cancelled). */
export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The status after a callback or rating with this outcome. */
export function afterSatisfaction(status: Status, satisfaction: number): Status {
  if (satisfaction <= 2) return "in_progress";
  return status === "replied" ? "closed" : status;
}

/** The status after a callback: null when the case stays as it is (not reached, attempts remain). */
export function afterCallback(input: { reached: boolean; satisfaction?: number; attempts: number }): { status: Status; reopen: boolean } | null {
  if (!input.reached) return input.attempts >= 3 ? { status: "closed", reopen: false } : null;
  const status = afterSatisfaction("replied", input.satisfaction!);
  return { status, reopen: status === "in_progress" };
}

/** A reopened case goes back to its department, or to the operators' queue if it never had one. */
export function reopenTarget(hasDepartment: boolean): Status {
  return hasDepartment ? "in_progress" : "registered";
}

/** Escalation after a reopen: a case reopened twice is escalated to 督办 (2). */
export function escalationAfterReopen(current: number, reopenCount: number): number {
  return reopenCount >= 2 ? Math.max(current, 2) : current;
}
