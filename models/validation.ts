/**
 * Pure checks the server and the web client share: the unified social credit code (GB 32100-2015), phone numbers,
 * the types a case can be closed at intake for, text limits, and the range and default of every time limit an admin
 * may set. One copy, so the form and the API never disagree.
 */
import type { CaseLimits } from "./contracts.ts";
import type { CaseType } from "./enums.ts";

/** Characters of a unified social credit code in value order 0–30: no I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Wi = 3^(i−1) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const MODULUS = 31;

/** The check character (18th) for the first 17 characters of a credit code, or null if they are not 17 characters of the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (typeof first17 !== "string" || first17.length !== WEIGHTS.length) return null;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(MODULUS - (sum % MODULUS)) % MODULUS];
}

/** Upper-cases and strips spaces, the way a person's typing should be read. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** Why a credit code being typed is not (yet) valid. */
export type CreditCodeProblem = "empty" | "bad_character" | "too_short" | "too_long" | "bad_check";

/**
 * The first problem of a credit code as typed (normalised first), null when valid. A partial code of allowed
 * characters reports "too_short" so a form can stay calm while the person types.
 */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const c = normalizeCreditCode(input);
  if (c.length === 0) return "empty";
  for (const ch of c) if (!CREDIT_CODE_ALPHABET.includes(ch)) return "bad_character";
  if (c.length < 18) return "too_short";
  if (c.length > 18) return "too_long";
  return creditCodeCheckCharacter(c.slice(0, 17)) === c[17] ? null : "bad_check";
}

/** Whether the code (normalised first) is a valid 18-character credit code with the right check character. */
export function isValidCreditCode(code: string): boolean {
  return typeof code === "string" && creditCodeProblem(code) === null;
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}$/;

/** Removes spaces typed inside a phone number. */
export function normalizePhone(input: string): string {
  return input.replace(/\s+/g, "");
}

/** Whether the string (spaces removed) is a mainland mobile (1[3-9] + 9 digits) or a landline with area code. */
export function isValidPhone(input: string): boolean {
  if (typeof input !== "string") return false;
  const p = normalizePhone(input);
  return MOBILE_RE.test(p) || LANDLINE_RE.test(p);
}

/** Types a case can be closed at intake for without a disposal (直接办结, domain.md). */
export const DIRECT_ANSWER_TYPES: readonly CaseType[] = ["consultation", "suggestion", "praise"];

/** Text limits of the API's bodies (characters after trimming). */
export const TEXT_LIMITS = {
  title: 200,
  description: 5000,
  name: 100,
  enterpriseName: 200,
  location: 500,
  note: 2000,
  text: 5000,
} as const;

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
