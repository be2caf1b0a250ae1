import type { CaseRow } from "../../models/schema/index.ts";
import { AppError } from "../errors.ts";
import { extendDeadline } from "../rules/deadlines.ts";
import { caseLimits } from "../rules/limits.ts";
import { changeCase, type CommandContext } from "./context.ts";

/**
 * The lead handler asks for more working days (延期). The guard (denialOf) checked: before replyBy, one pending at a time,
 * some of the case's extension cap left; here only the days asked are checked against what is left.
 */
export async function requestExtension(ctx: CommandContext, kase: CaseRow, input: { days: number; reason: string }) {
  const cap = caseLimits(kase).extensionCapDays;
  if (kase.extensionDaysUsed + input.days > cap) {
    throw new AppError("validation_failed", undefined, [{ path: "days", message: `at most ${Math.max(0, cap - kase.extensionDaysUsed)} more working days may be added` }]);
  }
  return changeCase(ctx, kase, { pendingExtensionDays: input.days, pendingExtensionReason: input.reason }, { action: "request-extension", data: { days: input.days, reason: input.reason }, public: false });
}

/** A supervisor decides a pending extension; approval moves replyBy by N working days. */
export async function decideExtension(ctx: CommandContext, kase: CaseRow, input: { approve: boolean; note?: string }) {
  // The guard (denialOf) refused the decision unless a request is pending on a running reply clock.
  const days = kase.pendingExtensionDays!;
  const cleared = { pendingExtensionDays: null, pendingExtensionReason: null };
  if (!input.approve) {
    return changeCase(ctx, kase, cleared, { action: "decide-extension", data: { approve: false, days, note: input.note ?? null }, public: false });
  }
  const replyBy = extendDeadline(ctx.calendar, kase.replyBy!, days);
  return changeCase(
    ctx,
    kase,
    { ...cleared, replyBy, extensionDaysUsed: kase.extensionDaysUsed + days, replyState: replyBy > ctx.now ? 0 : kase.replyState, replyOverdueAt: replyBy > ctx.now ? null : kase.replyOverdueAt },
    { action: "decide-extension", data: { approve: true, days, replyBy: replyBy.toISOString(), note: input.note ?? null }, public: true },
  );
}
