/** Client-side checks of the unified social credit code (GB 32100-2015) and phone numbers. */

/** Characters of a credit code in value order 0–30 (no I, O, S, V, Z). */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Wi = 3^(i−1) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character for the first 17 characters, or null when they are not 17 characters of the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== WEIGHTS.length) return null;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Upper-cases and strips spaces, the way a person's typing should be read. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/** Whether the (normalised) code is a valid 18-character credit code with the right check character. */
export function isValidCreditCode(code: string): boolean {
  const c = normalizeCreditCode(code);
  if (c.length !== 18) return false;
  const check = creditCodeCheckCharacter(c.slice(0, 17));
  return check !== null && c[17] === check;
}

/** Why a credit code being typed is not (yet) valid. */
export type CreditCodeProblem = "empty" | "bad_character" | "too_short" | "too_long" | "bad_check";

/**
 * Live check of a credit code as typed: null when valid, else the first problem.
 * A partial code of allowed characters reports "too_short" so the form can stay calm while typing.
 */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const c = normalizeCreditCode(input);
  if (c.length === 0) return "empty";
  for (const ch of c) if (!CREDIT_CODE_ALPHABET.includes(ch)) return "bad_character";
  if (c.length < 18) return "too_short";
  if (c.length > 18) return "too_long";
  return creditCodeCheckCharacter(c.slice(0, 17)) === c[17] ? null : "bad_check";
}

const MOBILE_RE = /^1[3-9]\d{9}$/;
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}$/;

/** Removes spaces typed inside a phone number. */
export function normalizePhone(input: string): string {
  return input.replace(/\s+/g, "");
}

/** Whether the string is a mainland mobile (1[3-9] + 9 digits) or a landline with area code. */
export function isValidPhone(input: string): boolean {
  const p = normalizePhone(input);
  return MOBILE_RE.test(p) || LANDLINE_RE.test(p);
}

/** Whether enough of a phone number has been typed to look up the caller's earlier cases. */
export function isSearchablePhone(input: string): boolean {
  return isValidPhone(input);
}
