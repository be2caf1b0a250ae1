/** Phone masking and protection; the credit code and phone checks themselves are shared with the client in models/validation.ts. */
import { LANDLINE_RE, MOBILE_RE } from "../../models/validation.ts";

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
