import { randomUUID } from "node:crypto";
import type { CaseType, Channel, Priority } from "../../models/enums.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import { findCaseByIdempotency, insertCase, insertEvent, lockIdempotencyKey, nextCaseSequence } from "../../models/queries/cases.ts";
import { findCategory, findEnterpriseByCreditCode, findEnterpriseById } from "../../models/queries/directory.ts";
import { forbidden, validationFailed } from "../errors.ts";
import { searchLexemes } from "../rules/searchTokens.ts";
import { shanghaiDate } from "../rules/workCalendar.ts";
import { nextEvent, type CommandContext } from "./context.ts";

export interface CreateCaseInput {
  channel?: Channel;
  type: CaseType;
  title: string;
  description: string;
  categoryCode?: string | null;
  priority: Priority;
  requester: {
    name?: string | null;
    phone?: string | null;
    enterpriseName?: string | null;
    creditCode?: string | null;
    anonymous?: boolean;
    confidential?: boolean;
  };
  location?: string | null;
  externalRef?: string | null;
  /** The upper platform's own reply deadline (integration clients only). */
  upstreamReplyBy?: Date | null;
}

/** Each intake role has exactly one channel (api.md, Intake). */
const CHANNEL_OF_ROLE: Partial<Record<string, Channel>> = {
  enterprise: "online",
  operator: "hotline",
  clerk: "service_centre",
  integration: "provincial_12345",
};

/** The case number: <prefix><yyyymmdd><6-digit daily sequence>, Asia/Shanghai day. */
export function formatCaseNumber(prefix: string, day: string, seq: number): string {
  return `${prefix}${day.replaceAll("-", "")}${String(seq).padStart(6, "0")}`;
}

/**
 * Registers a case from any channel. Returns the existing case (created: false)
 * when the channel's externalRef or the caller's Idempotency-Key was seen before.
 */
export async function createCase(ctx: CommandContext, input: CreateCaseInput, idempotencyKey: string | null): Promise<{ case: CaseRow; created: boolean }> {
  const { tx, actor, now } = ctx;
  const channel = CHANNEL_OF_ROLE[actor.role];
  if (!channel) throw forbidden({ zh: "该角色不能登记案件", en: "This role cannot register cases" });
  const externalRef = input.externalRef ?? null;
  if (channel === "provincial_12345" && !externalRef) throw validationFailed([{ path: "externalRef", message: "externalRef is required for provincial tickets" }]);
  if (input.upstreamReplyBy && channel !== "provincial_12345") throw validationFailed([{ path: "upstreamReplyBy", message: "only an integration client sends its own reply deadline" }]);

  const keys = [externalRef && `ref|${channel}|${externalRef}`, idempotencyKey && `key|${actor.id}|${idempotencyKey}`].filter(Boolean) as string[];
  for (const key of keys.sort()) await lockIdempotencyKey(tx, key);
  const existing = await findCaseByIdempotency(tx, { channel, externalRef, createdBy: actor.id, idempotencyKey });
  if (existing) return { case: existing, created: false };

  if (input.categoryCode && !(await findCategory(tx, input.categoryCode))) {
    throw validationFailed([{ path: "categoryCode", message: "unknown category" }]);
  }
  const requester = { ...input.requester };
  let enterpriseId: string | null = null;
  if (actor.role === "enterprise") {
    const own = actor.enterpriseId ? await findEnterpriseById(tx, actor.enterpriseId) : undefined;
    if (!own) throw forbidden();
    enterpriseId = own.id;
    requester.enterpriseName = own.name;
    requester.creditCode = own.creditCode;
    requester.name ??= actor.displayName;
  } else if (requester.creditCode) {
    enterpriseId = (await findEnterpriseByCreditCode(tx, requester.creditCode))?.id ?? null;
  }

  const day = shanghaiDate(now);
  const number = formatCaseNumber(ctx.deps.env.caseNumberPrefix, day, await nextCaseSequence(tx, day));
  // The intake event is chained first, so the case row is inserted already carrying its chain head.
  const id = randomUUID();
  const event = nextEvent({ id, lastEventSeq: 0, lastEventHash: null }, { action: "intake", actor, at: now, data: { channel, number, externalRef }, public: true });
  const row = await insertCase(
    tx,
    {
      id,
      number,
      channel,
      type: input.type,
      title: input.title,
      description: input.description,
      categoryCode: input.categoryCode ?? null,
      priority: input.priority,
      status: "registered",
      requesterName: requester.name ?? null,
      requesterPhone: requester.phone ?? null,
      enterpriseName: requester.enterpriseName ?? null,
      creditCode: requester.creditCode ?? null,
      anonymous: requester.anonymous ?? false,
      // Reports are confidential unless the reporter says otherwise.
      confidential: requester.confidential ?? input.type === "report",
      location: input.location ?? null,
      enterpriseId,
      createdBy: actor.id,
      externalRef,
      upstreamReplyBy: input.upstreamReplyBy ?? null,
      idempotencyKey,
      receivedAt: now,
      updatedAt: now,
      lastEventSeq: event.seq,
      lastEventHash: event.hash,
    },
    searchLexemes([number, input.title, input.description, requester.enterpriseName ?? ""].join(" ")),
  );
  await insertEvent(tx, event);
  ctx.emit({ type: "case.created", case: row, event, coDepartmentIds: [] });
  return { case: row, created: true };
}
