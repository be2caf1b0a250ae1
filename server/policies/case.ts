import type { CaseAction, Status } from "../../models/enums.ts";
import { ACTIONS } from "../../models/enums.ts";
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

/** Whether the actor sees every case (the all-cases scope). */
export function seesAllCases(actor: Actor): boolean {
  return actor.role === "operator" || actor.role === "admin" || (actor.role === "supervisor" && !actor.departmentId);
}

/** Whether the actor may read the case (mirrors the SQL visibility in models/queries/cases.ts). */
export function canReadCase(actor: Actor, kase: CaseRow, assignments: AssignmentView[]): boolean {
  if (seesAllCases(actor)) return true;
  switch (actor.role) {
    case "supervisor":
    case "handler":
      return assignments.some((a) => a.departmentId === actor.departmentId);
    case "enterprise":
      return !!actor.enterpriseId && kase.enterpriseId === actor.enterpriseId;
    case "clerk":
      return kase.channel === "service_centre";
    case "integration":
      return kase.createdBy === actor.id;
    default:
      return false;
  }
}

/** Why an actor may not take an action now: "role" (403) or "status" (409), or null when allowed. */
export function denialOf(actor: Actor, action: CaseAction, kase: CaseRow, assignments: AssignmentView[]): "role" | "status" | null {
  const rule = ACTION_RULES[action];
  if (!rule.roles.includes(actor.role)) return "role";
  if (rule.lead && kase.departmentId !== actor.departmentId) return "role";
  const own = assignments.find((a) => a.departmentId === actor.departmentId);
  if (rule.assigned && !own) return "role";
  if (!rule.from.includes(kase.status as Status)) return "status";
  if (action === "sign") {
    if (own?.signedAt) return "status";
    if (own?.role === "lead" && kase.status !== "dispatched") return "status";
  }
  return null;
}

/** The actions the actor may take on the case now (sent to clients so they show only these). */
export function availableActions(actor: Actor, kase: CaseRow, assignments: AssignmentView[], now: Date): CaseAction[] {
  return ACTIONS.filter((action) => {
    if (denialOf(actor, action, kase, assignments) !== null) return false;
    switch (action) {
      case "return":
        return !!kase.returnBy && now <= kase.returnBy;
      case "request-extension":
        return kase.pendingExtensionDays === null && !!kase.replyBy && now < kase.replyBy && kase.extensionDaysUsed < caseLimits(kase).extensionCapDays;
      case "decide-extension":
        return kase.pendingExtensionDays !== null;
      default:
        return true;
    }
  });
}
