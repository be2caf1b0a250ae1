import type { CaseAction } from "../../models/enums.ts";
import { ACTIONS } from "../../models/enums.ts";
import { canRead, isOwnRequester, type ReaderScope } from "../../models/readerScope.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { ACTION_RULES } from "../rules/caseTransitions.ts";
import { caseLimits } from "../rules/limits.ts";

/** A department's active part in the case. */
export interface AssignmentView {
  departmentId: string;
  role: "lead" | "co";
  signedAt: Date | null;
}

/** Staff roles: they see internal events and unmasked data (subject to masking rules). */
export function isStaff(actor: Actor): boolean {
  return actor.role !== "enterprise" && actor.role !== "integration";
}

/** The reader scope of an actor (models/readerScope.ts): everything it may read is derived from this. */
export function scopeOf(actor: Actor): ReaderScope {
  if (actor.role === "operator" || actor.role === "admin" || (actor.role === "supervisor" && !actor.departmentId)) return { kind: "all" };
  switch (actor.role) {
    case "supervisor":
    case "handler":
      return actor.departmentId ? { kind: "department", departmentId: actor.departmentId } : { kind: "none" };
    case "enterprise":
      return actor.enterpriseId ? { kind: "requester", key: `enterprise:${actor.enterpriseId}` } : { kind: "none" };
    case "clerk":
      return { kind: "channel", channel: "service_centre" };
    case "integration":
      return { kind: "requester", key: `integration:${actor.id}` };
    default:
      return { kind: "none" };
  }
}

/** Whether the actor may read the case (the same rule as the SQL of models/queries/cases.ts visibleTo). */
export function canReadCase(actor: Actor, kase: CaseRow, assignments: AssignmentView[]): boolean {
  return canRead(scopeOf(actor), kase, assignments.map((a) => a.departmentId));
}

/** Actions a requester may take only on a case it raised itself, not on one it follows through a merge. */
const OWN_CASE_ONLY: readonly CaseAction[] = ["rate", "reopen"];
/** Decisions of the hotline centre: a supervisor scoped to a department never decides its own department's requests. */
const CENTRE_DECISIONS: readonly CaseAction[] = ["decide-return", "decide-extension"];

/**
 * Why an actor may not take an action now, or null when allowed: "role" (403); "status" (409, the status does not allow
 * it); "window" (409, the return window or the reply deadline has passed); "pending" (409, an extension request is
 * already pending, or none is to decide); "cap" (409, the extension cap is used up); "rated" (409, one rating per reply).
 * The one guard of every action: the refusal (runCaseAction) and `case.actions` (availableActions) both ask it.
 */
export type Denial = "role" | "status" | "window" | "pending" | "cap" | "rated";

export function denialOf(actor: Actor, action: CaseAction, kase: CaseRow, assignments: AssignmentView[], now: Date): Denial | null {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) return "role";
  if (OWN_CASE_ONLY.includes(action) && actor.role === "enterprise" && !isOwnRequester(scopeOf(actor), kase)) return "role";
  if (CENTRE_DECISIONS.includes(action) && actor.role === "supervisor" && actor.departmentId) return "role";
  if (rule.lead && kase.departmentId !== actor.departmentId) return "role";
  const own = assignments.find((a) => a.departmentId === actor.departmentId);
  if (rule.assigned && !own) return "role";
  if (!rule.from.includes(kase.status)) return "status";
  if (action === "rate" && kase.lastReplySeq === null) return "status";
  if (action === "rate" && isRated(kase)) return "rated";
  if (action === "sign") {
    if (own?.signedAt) return "status";
    if (own?.role === "lead" && kase.status !== "dispatched") return "status";
  }
  if (action === "return" && (!kase.returnBy || now > kase.returnBy)) return "window";
  if (action === "request-extension") {
    if (kase.pendingExtensionDays !== null) return "pending";
    if (!kase.replyBy || now >= kase.replyBy) return "window";
    if (kase.extensionDaysUsed >= caseLimits(kase).extensionCapDays) return "cap";
  }
  if (action === "decide-extension" && (kase.pendingExtensionDays === null || !kase.replyBy)) return "pending";
  return null;
}

/** Whether the case's latest reply (or direct answer) has been rated already: one rating per reply. */
export function isRated(kase: Pick<CaseRow, "lastReplySeq" | "ratedReplySeq">): boolean {
  return kase.lastReplySeq !== null && kase.ratedReplySeq === kase.lastReplySeq;
}

/** The actions the actor may take on the case now (sent to clients so they show only these). */
export function availableActions(actor: Actor, kase: CaseRow, assignments: AssignmentView[], now: Date): CaseAction[] {
  return ACTIONS.filter((action) => denialOf(actor, action, kase, assignments, now) === null);
}
