/** Characters of a unified social credit code (GB 32100-2015) in value order 0–30: no I, O, S, V, Z. */
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

/** Whether the string is a valid 18-character unified social credit code (uppercase only) with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (typeof code !== "string" || code.length !== 18) return false;
  const check = creditCodeCheckCharacter(code.slice(0, 17));
  return check !== null && code[17] === check;
}

const MOBILE_RE = /^1[3-9]\d{9}$/;
const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}$/;

/** Whether the string is a mainland mobile number or a landline number with area code. */
export function isValidPhone(s: string): boolean {
  return typeof s === "string" && (MOBILE_RE.test(s) || LANDLINE_RE.test(s));
}

/** Area code length of a landline written without a hyphen: 3 for 010 and 020–029, else 4. */
function landlineAreaLength(digits: string): number {
  return /^0[12]/.test(digits) ? 3 : 4;
}

/** Whether a requester's phone is protected (保密 or anonymous): handlers see it masked, and it never matches for them. */
export function isPhoneProtected(r: { confidential: boolean; anonymous: boolean }): boolean {
  return r.confidential || r.anonymous;
}

/** Masks a phone number for display: 138****8000 for mobiles, area code and last 4 digits kept for landlines. */
export function maskPhone(s: string): string {
  const phone = s.trim();
  if (MOBILE_RE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (LANDLINE_RE.test(phone)) {
    const hyphen = phone.indexOf("-");
    const area = hyphen >= 0 ? phone.slice(0, hyphen + 1) : phone.slice(0, landlineAreaLength(phone));
    const local = phone.slice(area.length);
    return `${area}${"*".repeat(local.length - 4)}${local.slice(-4)}`;
  }
  // Not a recognised phone number: keep at most the last 4 characters.
  if (phone.length <= 4) return "*".repeat(phone.length);
  return `${"*".repeat(phone.length - 4)}${phone.slice(-4)}`;
}
