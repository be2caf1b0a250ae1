import type { CaseDto, CaseEventDto } from "../../models/contracts.ts";
import type { CaseType, Channel, Priority, Status } from "../../models/enums.ts";
import type { CaseAssignmentRow, CaseEventRow, CaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { availableActions, type AssignmentView } from "../policies/case.ts";
import { maskPhone } from "../rules/creditCode.ts";
import { presentCitedArticle } from "./knowledge.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether the actor sees this requester's phone in full (and so the read is logged for staff). */
export function seesFullPhone(actor: Actor, kase: CaseRow): boolean {
  if (!kase.requesterPhone) return false;
  if (actor.role === "handler") return !(kase.confidential || kase.anonymous);
  return true;
}

/** The assignment views of one case out of a batch. */
export function assignmentsOf(all: CaseAssignmentRow[], caseId: string): AssignmentView[] {
  return all.filter((a) => a.caseId === caseId).map((a) => ({ departmentId: a.departmentId, role: a.role as "lead" | "co", signedAt: a.signedAt }));
}

/** The case as this actor may see it: masking by role, and the actions they may take now. */
export function presentCase(kase: CaseRow, actor: Actor, assignments: AssignmentView[], now: Date): CaseDto {
  const hideName = kase.anonymous && actor.role !== "operator";
  const phone = kase.requesterPhone && !seesFullPhone(actor, kase) ? maskPhone(kase.requesterPhone) : kase.requesterPhone;
  const isEnterprise = actor.role === "enterprise";
  return {
    id: kase.id,
    number: kase.number,
    channel: kase.channel as Channel,
    type: kase.type as CaseType,
    title: kase.title,
    description: kase.description,
    categoryCode: kase.categoryCode,
    priority: kase.priority as Priority,
    status: kase.status as Status,
    requester: {
      name: hideName ? null : kase.requesterName,
      phone,
      enterpriseName: kase.enterpriseName,
      creditCode: kase.creditCode,
      anonymous: kase.anonymous,
      confidential: kase.confidential,
    },
    location: kase.location,
    enterpriseId: kase.enterpriseId,
    departmentId: kase.departmentId,
    coDepartmentIds: assignments.filter((a) => a.role === "co").map((a) => a.departmentId),
    assigneeId: isEnterprise ? null : kase.assigneeId,
    deadlines: { signBy: iso(kase.signBy), replyBy: iso(kase.replyBy), callbackBy: iso(kase.callbackBy), returnBy: iso(kase.returnBy) },
    overdue: {
      sign: !!kase.signBy && (kase.signedAt ?? now) > kase.signBy,
      reply: !!kase.replyBy && (kase.repliedAt && kase.status !== "in_progress" ? kase.repliedAt : now) > kase.replyBy,
    },
    escalation: kase.escalation as 0 | 1 | 2 | 3,
    pendingExtension: kase.pendingExtensionDays !== null ? { days: kase.pendingExtensionDays, reason: kase.pendingExtensionReason ?? "" } : null,
    satisfaction: kase.satisfaction,
    reopenCount: kase.reopenCount,
    mergedIntoId: kase.mergedIntoId,
    externalRef: isEnterprise ? null : kase.externalRef,
    answer: kase.answer,
    reply: kase.replyContent,
    receivedAt: kase.receivedAt.toISOString(),
    dispatchedAt: iso(kase.dispatchedAt),
    signedAt: iso(kase.signedAt),
    repliedAt: iso(kase.repliedAt),
    closedAt: iso(kase.closedAt),
    updatedAt: kase.updatedAt.toISOString(),
    version: kase.version,
    actions: availableActions(actor, kase, assignments, now),
    citedArticle: presentCitedArticle(kase, actor),
  };
}

/** A timeline event as the API shows it. */
export function presentEvent(e: CaseEventRow, actor?: Actor): CaseEventDto {
  const hideActor = actor?.role === "enterprise" && e.actorRole !== "enterprise";
  return {
    id: e.id,
    caseId: e.caseId,
    seq: e.seq,
    action: e.action,
    actorId: hideActor ? null : e.actorId,
    actorRole: e.actorRole,
    at: e.at.toISOString(),
    data: e.data,
    public: e.public,
  };
}
