/** Form values → request body for each case action, with the client-side checks done before sending. */
import type { CaseAction, CaseType } from "../../../models/enums.ts";
import type { MessageKey } from "../i18n/zh-CN.ts";
import { DIRECT_ANSWER_TYPES, TEXT_LIMITS } from "../../../models/validation.ts";

export interface ActionValues {
  departmentId: string;
  /** Dispatch: the category, preset to the case's and correctable by the operator. */
  categoryCode: string;
  coDepartmentIds: string[];
  note: string;
  /** Dispatch: the note is shown to the requester too (it is internal otherwise). */
  notePublic: boolean;
  answer: string;
  reason: string;
  suggestedDepartmentId: string;
  approve: "" | "yes" | "no";
  content: string;
  days: string;
  reached: "" | "yes" | "no";
  satisfaction: number | null;
  comment: string;
  internal: boolean;
  intoCaseId: string;
  disposal: "" | Disposal;
}

/** How a matter that needs no department was disposed of at intake (required for non-consultation types). */
export const DISPOSALS = ["informed_statutory_channel", "explained"] as const;
export type Disposal = (typeof DISPOSALS)[number];


export const EMPTY_VALUES: ActionValues = {
  departmentId: "",
  categoryCode: "",
  coDepartmentIds: [],
  note: "",
  notePublic: false,
  answer: "",
  reason: "",
  suggestedDepartmentId: "",
  approve: "",
  content: "",
  days: "",
  reached: "",
  satisfaction: null,
  comment: "",
  internal: false,
  intoCaseId: "",
  disposal: "",
};

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Actions whose effect cannot be undone: the form asks for confirmation first. */
export const IRREVERSIBLE: readonly CaseAction[] = ["cancel", "merge", "answer", "return"];

const NOTE_MAX = TEXT_LIMITS.note;
const TEXT_MAX = TEXT_LIMITS.text;

/** Checks the values for an action; returns field errors (empty when fine). */
export function checkAction(action: CaseAction, v: ActionValues, caseType?: CaseType): FieldErrors {
  const e: FieldErrors = {};
  const need = (field: keyof ActionValues, ok: boolean) => {
    if (!ok) e[field] = "validation.required";
  };
  const max = (field: keyof ActionValues, value: string, n: number) => {
    if (value.length > n) e[field] = n === NOTE_MAX ? "validation.tooLongNote" : "validation.tooLongText";
  };
  switch (action) {
    case "dispatch":
      need("departmentId", !!v.departmentId);
      max("note", v.note, NOTE_MAX);
      break;
    case "answer":
      need("answer", !!v.answer.trim());
      max("answer", v.answer, TEXT_MAX);
      if (caseType && !DIRECT_ANSWER_TYPES.includes(caseType)) need("disposal", v.disposal !== "");
      break;
    case "return":
      need("reason", !!v.reason);
      need("note", !!v.note.trim());
      max("note", v.note, NOTE_MAX);
      break;
    case "decide-return":
    case "decide-extension":
      need("approve", v.approve !== "");
      max("note", v.note, NOTE_MAX);
      break;
    case "reply":
      need("content", !!v.content.trim());
      max("content", v.content, TEXT_MAX);
      break;
    case "request-extension": {
      const d = Number(v.days);
      if (!v.days) e.days = "validation.required";
      else if (!Number.isInteger(d) || d < 1 || d > 10) e.days = "validation.extensionDays";
      need("reason", !!v.reason.trim());
      max("reason", v.reason, NOTE_MAX);
      break;
    }
    case "reject-reply":
    case "reopen":
    case "cancel":
      need("reason", !!v.reason.trim());
      max("reason", v.reason, NOTE_MAX);
      break;
    case "callback":
      need("reached", v.reached !== "");
      if (v.reached === "yes") need("satisfaction", v.satisfaction !== null);
      max("comment", v.comment, NOTE_MAX);
      break;
    case "rate":
      need("satisfaction", v.satisfaction !== null);
      max("comment", v.comment, NOTE_MAX);
      break;
    case "urge":
    case "supervise":
    case "list":
      need("note", !!v.note.trim());
      max("note", v.note, NOTE_MAX);
      break;
    case "merge":
      need("intoCaseId", !!v.intoCaseId);
      break;
    case "comment":
      need("content", !!v.content.trim());
      max("content", v.content, TEXT_MAX);
      break;
    case "sign":
      break;
  }
  return e;
}

const trimOrUndefined = (s: string) => (s.trim() ? s.trim() : undefined);

/** The request body of an action from its form values. */
export function actionBody(action: CaseAction, v: ActionValues): Record<string, unknown> {
  switch (action) {
    case "dispatch":
      return {
        departmentId: v.departmentId,
        coDepartmentIds: v.coDepartmentIds.filter((d) => d !== v.departmentId),
        note: trimOrUndefined(v.note),
        ...(v.notePublic && v.note.trim() ? { notePublic: true } : {}),
        ...(v.categoryCode ? { categoryCode: v.categoryCode } : {}),
      };
    case "answer":
      return v.disposal ? { answer: v.answer.trim(), disposal: v.disposal } : { answer: v.answer.trim() };
    case "sign":
      return {};
    case "return":
      return { reason: v.reason, note: v.note.trim(), suggestedDepartmentId: v.suggestedDepartmentId || undefined };
    case "decide-return":
    case "decide-extension":
      return { approve: v.approve === "yes", note: trimOrUndefined(v.note) };
    case "reply":
      return { content: v.content.trim(), public: true };
    case "request-extension":
      return { days: Number(v.days), reason: v.reason.trim() };
    case "reject-reply":
    case "reopen":
    case "cancel":
      return { reason: v.reason.trim() };
    case "callback":
      return v.reached === "yes"
        ? { reached: true, satisfaction: v.satisfaction ?? undefined, comment: trimOrUndefined(v.comment) }
        : { reached: false, comment: trimOrUndefined(v.comment) };
    case "rate":
      return { satisfaction: v.satisfaction, comment: trimOrUndefined(v.comment) };
    case "urge":
    case "supervise":
    case "list":
      return { note: v.note.trim() };
    case "merge":
      return { intoCaseId: v.intoCaseId };
    case "comment":
      return { content: v.content.trim(), internal: v.internal };
  }
}
