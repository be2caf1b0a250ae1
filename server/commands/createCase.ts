import { createHash, randomUUID } from "node:crypto";
import type { CaseType, Channel, Priority } from "../../models/enums.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import { findCaseByIdempotency, insertCase, insertEvent, lockIdempotencyKey, nextCaseSequence } from "../../models/queries/cases.ts";
import { findCategory, findEnterpriseByCreditCode, findEnterpriseById } from "../../models/queries/directory.ts";
import type { Actor } from "../auth/actor.ts";
import { AppError, forbidden, validationFailed } from "../errors.ts";
import { searchLexemes } from "../rules/searchTokens.ts";
import { shanghaiDate } from "../rules/workCalendar.ts";
import { nextEvent, type CommandContext } from "./context.ts";
import { finishTicketIntoCase, lockServingTicket } from "./serviceCentre/ticketSteps.ts";

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
  /** Who the matter is about (被反映对象). */
  subject?: { enterpriseName?: string | null; creditCode?: string | null } | null;
  externalRef?: string | null;
  /** A ticket serving at this clerk's window, finished into the new case in the same transaction. */
  ticketId?: string | null;
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

/** The client that owns the references it sends: an integration client, an enterprise (all its users), or a user. */
export function clientKeyOf(actor: Actor): string {
  if (actor.role === "integration") return `integration:${actor.id}`;
  if (actor.role === "enterprise" && actor.enterpriseId) return `enterprise:${actor.enterpriseId}`;
  return `user:${actor.id}`;
}

/** JSON with object keys sorted, so that equal requests hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of an intake request as validated (the Idempotency-Key itself aside). */
export function requestHashOf(input: CreateCaseInput): string {
  return createHash("sha256").update(canonicalJson(input)).digest("hex");
}

/** The case number: <prefix><yyyymmdd><6-digit daily sequence>, Asia/Shanghai day. */
export function formatCaseNumber(prefix: string, day: string, seq: number): string {
  return `${prefix}${day.replaceAll("-", "")}${String(seq).padStart(6, "0")}`;
}

/**
 * Registers a case from any channel. Returns the existing case (created: false) when this client sent the
 * same externalRef or Idempotency-Key before with the same request; another request under it is refused (422).
 */
export async function createCase(ctx: CommandContext, input: CreateCaseInput, idempotencyKey: string | null): Promise<{ case: CaseRow; created: boolean }> {
  const { tx, actor, now } = ctx;
  const channel = CHANNEL_OF_ROLE[actor.role];
  if (!channel) throw forbidden({ zh: "该角色不能登记案件", en: "This role cannot register cases" });
  const externalRef = input.externalRef ?? null;
  if (channel === "provincial_12345" && !externalRef) throw validationFailed([{ path: "externalRef", message: "externalRef is required for provincial tickets" }]);
  if (input.upstreamReplyBy && channel !== "provincial_12345") throw validationFailed([{ path: "upstreamReplyBy", message: "only an integration client sends its own reply deadline" }]);

  const clientKey = clientKeyOf(actor);
  const requestHash = requestHashOf(input);
  const keys = [externalRef && `ref|${clientKey}|${externalRef}`, idempotencyKey && `key|${clientKey}|${idempotencyKey}`].filter(Boolean) as string[];
  for (const key of keys.sort()) await lockIdempotencyKey(tx, key);
  const existing = await findCaseByIdempotency(tx, { clientKey, externalRef, idempotencyKey });
  if (existing) {
    // Cases registered before request hashes were kept cannot be compared, and are returned as they are.
    if (existing.requestHash && existing.requestHash !== requestHash) throw new AppError("idempotency_mismatch", undefined, [{ path: externalRef ? "externalRef" : "headers.idempotency-key", message: "already used with a different request" }]);
    return { case: existing, created: false };
  }

  if (input.categoryCode && !(await findCategory(tx, input.categoryCode))) {
    throw validationFailed([{ path: "categoryCode", message: "unknown category" }]);
  }
  const requester = { ...input.requester };
  const subject = { enterpriseName: input.subject?.enterpriseName || null, creditCode: input.subject?.creditCode || null };
  let enterpriseId: string | null = null;
  if (actor.role === "enterprise") {
    const own = actor.enterpriseId ? await findEnterpriseById(tx, actor.enterpriseId) : undefined;
    if (!own) throw forbidden();
    enterpriseId = own.id;
    requester.enterpriseName = own.name;
    requester.creditCode = own.creditCode;
    requester.name ??= actor.displayName;
  } else if (requester.creditCode && requester.creditCode !== subject.creditCode) {
    // A case belongs to the enterprise that raised it; never to the one it is about (a whistleblower inside the
    // reported company gives that company's code as their own: the company must not see the report).
    enterpriseId = (await findEnterpriseByCreditCode(tx, requester.creditCode))?.id ?? null;
  }
  const subjectEnterpriseId = subject.creditCode ? ((await findEnterpriseByCreditCode(tx, subject.creditCode))?.id ?? null) : null;

  if (input.ticketId && actor.role !== "clerk") throw validationFailed([{ path: "ticketId", message: "only a window clerk finishes a ticket into a case" }]);
  const ticket = input.ticketId ? await lockServingTicket(ctx, actor, input.ticketId) : null;

  const day = shanghaiDate(now);
  const number = formatCaseNumber(ctx.deps.env.caseNumberPrefix, day, await nextCaseSequence(tx, day));
  // The intake event is chained first, so the case row is inserted already carrying its chain head.
  const id = randomUUID();
  const event = nextEvent({ id, lastEventSeq: 0, lastEventHash: null }, { action: "intake", actor, at: now, data: { channel, number, externalRef, ...(ticket && { ticketId: ticket.id, ticketNumber: ticket.number }) }, public: true });
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
      subjectName: subject.enterpriseName,
      subjectCreditCode: subject.creditCode,
      subjectEnterpriseId,
      enterpriseId,
      createdBy: actor.id,
      clientKey,
      externalRef,
      upstreamReplyBy: input.upstreamReplyBy ?? null,
      idempotencyKey,
      requestHash,
      receivedAt: now,
      updatedAt: now,
      lastEventSeq: event.seq,
      lastEventHash: event.hash,
    },
    searchLexemes([number, input.title, input.description, requester.enterpriseName ?? "", subject.enterpriseName ?? ""].join(" ")),
  );
  await insertEvent(tx, event);
  if (ticket) await finishTicketIntoCase(ctx, ticket, row.id);
  ctx.emit({ type: "case.created", case: row, event, coDepartmentIds: [] });
  return { case: row, created: true };
}
