/** The intake form's values, client-side checks (same limits as the API) and request body. */
import type { CaseType, Priority } from "../../../models/enums.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";
import { creditCodeProblem, DIRECT_ANSWER_TYPES, isValidPhone, normalizeCreditCode, normalizePhone, TEXT_LIMITS } from "../../../models/validation.ts";

export const TITLE_MAX = TEXT_LIMITS.title;
export const DESCRIPTION_MAX = TEXT_LIMITS.description;
export const NAME_MAX = TEXT_LIMITS.name;
export const ENTERPRISE_MAX = TEXT_LIMITS.enterpriseName;
export const LOCATION_MAX = TEXT_LIMITS.location;

/** Types a caller can have closed at once (直接办结) without a department. */
export const ANSWERABLE_TYPES = DIRECT_ANSWER_TYPES;

export interface IntakeValues {
  type: CaseType | "";
  categoryCode: string;
  priority: Priority;
  title: string;
  description: string;
  location: string;
  name: string;
  phone: string;
  enterpriseName: string;
  creditCode: string;
  anonymous: boolean;
  confidential: boolean;
  /** Who the matter is about (被反映对象): never who raised it. */
  subjectName: string;
  subjectCreditCode: string;
}

export const EMPTY_INTAKE: IntakeValues = {
  type: "",
  categoryCode: "",
  priority: "normal",
  title: "",
  description: "",
  location: "",
  name: "",
  phone: "",
  enterpriseName: "",
  creditCode: "",
  anonymous: false,
  confidential: false,
  subjectName: "",
  subjectCreditCode: "",
};

/** Form errors keyed by the API's body path (so server errors land on the same field). */
export type IntakeErrors = Partial<Record<string, MessageKey>>;

/** The message for a credit code as typed; `final` when leaving the field or submitting. */
export function creditCodeMessage(code: string, final: boolean): MessageKey | null {
  const p = creditCodeProblem(code);
  if (p === null || p === "empty") return null;
  if (p === "too_short") return final ? "validation.creditCodeLength" : null;
  if (p === "too_long") return "validation.creditCodeLength";
  if (p === "bad_character") return "validation.creditCodeCharacters";
  return "validation.creditCodeCheck";
}

/** The message for a phone number; `required` for hotline and window intake. */
export function phoneMessage(phone: string, required: boolean): MessageKey | null {
  const p = normalizePhone(phone);
  if (!p) return required ? "validation.required" : null;
  return isValidPhone(p) ? null : "validation.phone";
}

/** Checks the whole form before sending. */
export function checkIntake(v: IntakeValues, opts: { phoneRequired: boolean; requesterFields: boolean }): IntakeErrors {
  const e: IntakeErrors = {};
  if (!v.type) e.type = "validation.required";
  if (!v.title.trim()) e.title = "validation.required";
  else if (v.title.trim().length > TITLE_MAX) e.title = "validation.titleTooLong";
  if (!v.description.trim()) e.description = "validation.required";
  else if (v.description.trim().length > DESCRIPTION_MAX) e.description = "validation.descriptionTooLong";
  if (v.location.length > LOCATION_MAX) e.location = "validation.tooLongNote";
  if (opts.requesterFields) {
    const phone = phoneMessage(v.phone, opts.phoneRequired);
    if (phone) e["requester.phone"] = phone;
    const code = creditCodeMessage(v.creditCode, true);
    if (code) e["requester.creditCode"] = code;
    if (v.name.length > NAME_MAX) e["requester.name"] = "validation.tooLongNote";
    if (v.enterpriseName.length > ENTERPRISE_MAX) e["requester.enterpriseName"] = "validation.tooLongNote";
  }
  const subjectCode = creditCodeMessage(v.subjectCreditCode, true);
  if (subjectCode) e["subject.creditCode"] = subjectCode;
  if (v.subjectName.length > ENTERPRISE_MAX) e["subject.enterpriseName"] = "validation.tooLongNote";
  return e;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** The POST /api/cases body; requester omitted for enterprises (the server fills it). */
export function intakeBody(v: IntakeValues, opts: { requesterFields: boolean }) {
  return {
    type: v.type as CaseType,
    title: v.title.trim(),
    description: v.description.trim(),
    categoryCode: opt(v.categoryCode),
    priority: v.priority,
    location: opt(v.location),
    ...(opt(v.subjectName) || opt(v.subjectCreditCode)
      ? { subject: { enterpriseName: opt(v.subjectName), creditCode: opt(normalizeCreditCode(v.subjectCreditCode)) } }
      : {}),
    ...(opts.requesterFields
      ? {
          requester: {
            name: opt(v.name),
            phone: opt(normalizePhone(v.phone)),
            enterpriseName: opt(v.enterpriseName),
            creditCode: opt(normalizeCreditCode(v.creditCode)),
            anonymous: v.anonymous,
            confidential: v.confidential,
          },
        }
      : {}),
  };
}

/** A random key for Idempotency-Key (works outside secure contexts too). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The enterprise among search results whose credit code is exactly this one (normalised), or null. */
export function enterpriseWithCode<E extends { creditCode: string }>(items: E[], code: string): E | null {
  const wanted = normalizeCreditCode(code);
  return items.find((e) => normalizeCreditCode(e.creditCode) === wanted) ?? null;
}
