/** Pure rules both sides use: the range of every time limit an admin may set, and domain.md's defaults. */
import type { CaseLimits } from "./contracts.ts";
import type { CaseType } from "./enums.ts";

/** A limit's allowed whole numbers (warningShare: a share, two decimals). */
export interface LimitRange {
  min: number;
  max: number;
}

/** The numbers of CaseLimits other than the per-type reply days. */
export type ScalarLimit = Exclude<keyof CaseLimits, "replyDays">;

/** What PUT /api/categories/:code accepts for each limit; `replyDays` for every type. */
export const CASE_LIMIT_RANGES: Record<ScalarLimit | "replyDays", LimitRange> = {
  signHours: { min: 1, max: 72 },
  urgentSignHours: { min: 1, max: 72 },
  criticalSignMinutes: { min: 1, max: 1440 },
  replyDays: { min: 1, max: 60 },
  urgentReplyDays: { min: 1, max: 60 },
  criticalReplyHours: { min: 1, max: 720 },
  reopenedReplyDays: { min: 1, max: 60 },
  returnWindowDays: { min: 1, max: 30 },
  extensionCapDays: { min: 0, max: 60 },
  callbackDays: { min: 1, max: 30 },
  warningShare: { min: 0.05, max: 0.99 },
  superviseAfterDays: { min: 1, max: 60 },
  listAfterDays: { min: 1, max: 120 },
};

/** domain.md's limits: what a case without a category, or a category that sets nothing, gets. */
export const DEFAULT_CASE_LIMITS: Readonly<CaseLimits> = Object.freeze({
  signHours: 2,
  urgentSignHours: 1,
  criticalSignMinutes: 30,
  replyDays: Object.freeze({ consultation: 2, help: 5, complaint: 5, report: 5, suggestion: 5, praise: 5 }) as Record<CaseType, number>,
  urgentReplyDays: 1,
  criticalReplyHours: 24,
  reopenedReplyDays: 3,
  returnWindowDays: 2,
  extensionCapDays: 10,
  callbackDays: 1,
  warningShare: 0.75,
  superviseAfterDays: 1,
  listAfterDays: 5,
});
