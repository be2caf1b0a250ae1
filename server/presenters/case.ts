import type { CaseDto, CaseEventDto, RequesterDto } from "../../models/contracts.ts";
import { isOwnRequester } from "../../models/readerScope.ts";
import type { CaseAssignmentRow, CaseEventRow, CaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import { availableActions, isStaff, scopeOf, type AssignmentView } from "../policies/case.ts";
import { isPhoneProtected, maskPhone } from "../rules/phones.ts";
import { presentCitedArticle } from "./knowledge.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether the reader sees the case's protected (confidential or anonymous) requester phones masked: handlers do. */
export function masksProtectedPhones(actor: Actor): boolean {
  return actor.role === "handler";
}

/** Whether the actor sees this requester's phone in full (and so the read is logged for staff). */
export function seesFullPhone(actor: Actor, kase: CaseRow): boolean {
  if (!kase.requesterPhone) return false;
  if (!isStaff(actor)) return isOwnRequester(scopeOf(actor), kase);
  return !(masksProtectedPhones(actor) && isPhoneProtected(kase));
}

/** The assignment views of one case out of a batch. */
export function assignmentsOf(all: CaseAssignmentRow[], caseId: string): AssignmentView[] {
  return all.filter((a) => a.caseId === caseId).map((a) => ({ departmentId: a.departmentId, role: a.role, signedAt: a.signedAt }));
}

/**
 * The requester as the actor may see it. Staff: anonymous names only for operators, protected phones masked
 * for handlers. A requester (enterprise, integration client) sees its own requester data; on a case it follows
 * through a merge, nothing of the other requester (domain.md, merge: other requesters' personal data masked).
 */
function presentRequester(kase: CaseRow, actor: Actor): RequesterDto {
  const flags = { anonymous: kase.anonymous, confidential: kase.confidential };
  if (!isStaff(actor) && !isOwnRequester(scopeOf(actor), kase)) return { name: null, phone: null, enterpriseName: null, creditCode: null, ...flags };
  const phone = kase.requesterPhone && !seesFullPhone(actor, kase) ? maskPhone(kase.requesterPhone) : kase.requesterPhone;
  return {
    name: kase.anonymous && actor.role !== "operator" ? null : kase.requesterName,
    phone,
    enterpriseName: kase.enterpriseName,
    creditCode: kase.creditCode,
    ...flags,
  };
}

/** The case as this actor may see it: masking by role and scope, and the actions they may take now. */
export function presentCase(kase: CaseRow, actor: Actor, assignments: AssignmentView[], now: Date): CaseDto {
  const staff = isStaff(actor);
  const own = staff || isOwnRequester(scopeOf(actor), kase);
  return {
    id: kase.id,
    number: kase.number,
    channel: kase.channel as CaseDto["channel"],
    type: kase.type as CaseDto["type"],
    title: kase.title,
    description: kase.description,
    categoryCode: kase.categoryCode,
    priority: kase.priority as CaseDto["priority"],
    status: kase.status as CaseDto["status"],
    requester: presentRequester(kase, actor),
    location: kase.location,
    subject: kase.subjectName || kase.subjectCreditCode ? { enterpriseName: kase.subjectName, creditCode: kase.subjectCreditCode } : null,
    enterpriseId: own ? kase.enterpriseId : null,
    departmentId: kase.departmentId,
    coDepartmentIds: assignments.filter((a) => a.role === "co").map((a) => a.departmentId),
    assigneeId: staff ? kase.assigneeId : null,
    deadlines: {
      signBy: iso(kase.signBy),
      replyBy: iso(kase.replyBy),
      callbackBy: iso(kase.callbackBy),
      returnBy: iso(kase.returnBy),
      // The upper platform's own reply deadline for a ticket it pushed: for staff and that platform.
      upstreamReplyBy: staff || (own && actor.role === "integration") ? iso(kase.upstreamReplyBy) : null,
    },
    overdue: {
      sign: !!kase.signBy && (kase.signedAt ?? now) > kase.signBy,
      reply: !!kase.replyBy && (kase.repliedAt && kase.status !== "in_progress" ? kase.repliedAt : now) > kase.replyBy,
    },
    escalation: kase.escalation as CaseDto["escalation"],
    pendingExtension: kase.pendingExtensionDays !== null ? { days: kase.pendingExtensionDays, reason: kase.pendingExtensionReason ?? "" } : null,
    satisfaction: own ? (kase.satisfaction as CaseDto["satisfaction"]) : null,
    reopenCount: kase.reopenCount,
    callbackAttempts: staff ? kase.callbackAttempts : 0,
    mergedIntoId: kase.mergedIntoId,
    externalRef: staff || (own && actor.role === "integration") ? kase.externalRef : null,
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

/** A public event's data as readers outside the staff see it: the dispatch note only when marked public, no note on an extension decision, no platform reference. */
function publicEventData(e: CaseEventRow): Record<string, unknown> {
  const data = { ...e.data };
  delete data.externalRef;
  if (e.action === "decide-extension" || (e.action === "dispatch" && data.notePublic !== true)) delete data.note;
  return data;
}

/** A timeline event as the API shows it to the actor (staff see everything; others public events, without staff names or internal notes). */
export function presentEvent(e: CaseEventRow, actor?: Actor): CaseEventDto {
  const outsider = !!actor && !isStaff(actor);
  return {
    id: e.id,
    caseId: e.caseId,
    seq: e.seq,
    action: e.action,
    actorId: outsider && e.actorId !== actor.id ? null : e.actorId,
    actorRole: e.actorRole,
    at: e.at.toISOString(),
    data: outsider ? publicEventData(e) : e.data,
    public: e.public,
  };
}
