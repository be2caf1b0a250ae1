/** The editor of every time limit of a category (domain.md: each number is a default an admin may change). */
import type { CaseLimits } from "../../../../models/contracts.ts";
import { CASE_TYPES, type CaseType } from "../../../../models/enums.ts";
import { TextField } from "../../components/Field.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";

/** One number of CaseLimits: its path ("replyDays.help"), range and unit. warningShare is edited as a percentage. */
interface LimitField {
  path: string;
  /** Its label: the case type for a per-type reply limit, else the limit's own string. */
  label: MessageKey;
  min: number;
  max: number;
  unit: "hours" | "minutes" | "calendarHours" | "days" | "percent";
}

const days = (path: string, label: MessageKey, max = 60, min = 1): LimitField => ({ path, label, min, max, unit: "days" });

/** The editor's sections, in the order of domain.md's Deadlines and Warnings. */
const SECTIONS: { legend: MessageKey; fields: LimitField[] }[] = [
  {
    legend: "admin.limits.section.sign",
    fields: [
      { path: "signHours", label: "admin.limits.signHours", min: 1, max: 72, unit: "hours" },
      { path: "urgentSignHours", label: "admin.limits.urgentSignHours", min: 1, max: 72, unit: "hours" },
      { path: "criticalSignMinutes", label: "admin.limits.criticalSignMinutes", min: 1, max: 1440, unit: "minutes" },
    ],
  },
  { legend: "admin.limits.section.reply", fields: CASE_TYPES.map((t) => days(`replyDays.${t}`, `type.${t}` as MessageKey)) },
  {
    legend: "admin.limits.section.special",
    fields: [
      days("urgentReplyDays", "admin.limits.urgentReplyDays"),
      { path: "criticalReplyHours", label: "admin.limits.criticalReplyHours", min: 1, max: 720, unit: "calendarHours" },
      days("reopenedReplyDays", "admin.limits.reopenedReplyDays"),
    ],
  },
  {
    legend: "admin.limits.section.process",
    fields: [days("returnWindowDays", "admin.limits.returnWindowDays", 30), days("extensionCapDays", "admin.limits.extensionCapDays", 60, 0), days("callbackDays", "admin.limits.callbackDays", 30)],
  },
  {
    legend: "admin.limits.section.escalation",
    fields: [
      { path: "warningShare", label: "admin.limits.warningShare", min: 5, max: 99, unit: "percent" },
      days("superviseAfterDays", "admin.limits.superviseAfterDays"),
      days("listAfterDays", "admin.limits.listAfterDays", 120),
    ],
  },
];

const UNIT: Record<LimitField["unit"], MessageKey> = {
  hours: "admin.limits.unit.hours",
  minutes: "admin.limits.unit.minutes",
  calendarHours: "admin.limits.unit.calendarHours",
  days: "admin.limits.unit.days",
  percent: "admin.limits.unit.percent",
};

const FIELDS = SECTIONS.flatMap((s) => s.fields);

/** The form's text values of a set of limits. */
export function limitsToForm(l: CaseLimits): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS) {
    const [head, type] = f.path.split(".");
    const v = type ? l.replyDays[type as CaseType] : (l as unknown as Record<string, number>)[head];
    out[f.path] = String(f.unit === "percent" ? Math.round(v * 100) : v);
  }
  return out;
}

/** The limits of the form's values, or the field errors (by path "limits.…") when some are out of range. */
export function formToLimits(values: Record<string, string>, rangeMessage: (min: number, max: number) => string): { limits?: CaseLimits; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const flat: Record<string, number> = {};
  const replyDays = {} as Record<CaseType, number>;
  for (const f of FIELDS) {
    const n = Number(values[f.path]);
    if (values[f.path]?.trim() === "" || !Number.isInteger(n) || n < f.min || n > f.max) {
      errors[`limits.${f.path}`] = rangeMessage(f.min, f.max);
      continue;
    }
    const [head, type] = f.path.split(".");
    if (type) replyDays[type as CaseType] = n;
    else flat[head] = f.unit === "percent" ? n / 100 : n;
  }
  if (!errors["limits.listAfterDays"] && !errors["limits.superviseAfterDays"] && flat.listAfterDays <= flat.superviseAfterDays) {
    errors["limits.listAfterDays"] = rangeMessage(flat.superviseAfterDays + 1, 120);
  }
  if (Object.keys(errors).length) return { errors };
  return { limits: { ...(flat as unknown as Omit<CaseLimits, "replyDays">), replyDays }, errors };
}

/** Number inputs for every limit, grouped by clock; `errors` are keyed "limits.<path>". */
export function LimitsEditor({ values, onChange, errors }: { values: Record<string, string>; onChange: (path: string, value: string) => void; errors: (path: string) => string | undefined }) {
  const { t } = useI18n();
  const label = (f: LimitField) => t("admin.limits.label", { name: t(f.label), unit: t(UNIT[f.unit]) });
  return (
    <div className="limits-editor">
      {SECTIONS.map((section) => (
        <fieldset key={section.legend} className="form-section">
          <legend>{t(section.legend)}</legend>
          <div className="limits-grid">
            {section.fields.map((f) => (
              <TextField
                key={f.path}
                label={label(f)}
                required
                type="number"
                inputMode="numeric"
                min={f.min}
                max={f.max}
                value={values[f.path] ?? ""}
                onChange={(e) => onChange(f.path, e.target.value)}
                error={errors(`limits.${f.path}`)}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
