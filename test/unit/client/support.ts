/** A case DTO for client logic tests, dispatched at T0 with a 4-hour sign and 100-hour reply span. */
import type { CaseDto } from "../../../models/contracts.ts";

export const H = 3600 * 1000;
export const T0 = Date.parse("2026-03-02T01:00:00.000Z");
export const iso = (ms: number) => new Date(ms).toISOString();

export function buildCase(over: Partial<CaseDto> = {}): CaseDto {
  return {
    id: "c1",
    number: "QZ20260302000001",
    channel: "hotline",
    type: "complaint",
    title: "t",
    description: "d",
    categoryCode: null,
    priority: "normal",
    status: "dispatched",
    requester: { name: null, phone: null, enterpriseName: null, creditCode: null, anonymous: false, confidential: false },
    location: null,
    subject: null,
    enterpriseId: null,
    departmentId: "d1",
    coDepartmentIds: [],
    assigneeId: null,
    deadlines: { signBy: iso(T0 + 4 * H), replyBy: iso(T0 + 100 * H), callbackBy: null, returnBy: iso(T0 + 48 * H) },
    overdue: { sign: false, reply: false },
    escalation: 0,
    pendingExtension: null,
    satisfaction: null,
    reopenCount: 0,
    callbackAttempts: 0,
    mergedIntoId: null,
    externalRef: null,
    answer: null,
    reply: null,
    receivedAt: iso(T0 - H),
    dispatchedAt: iso(T0),
    signedAt: null,
    repliedAt: null,
    closedAt: null,
    updatedAt: iso(T0),
    version: 2,
    actions: [],
    ...over,
  };
}

