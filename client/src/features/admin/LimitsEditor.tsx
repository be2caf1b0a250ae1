/** The editor of every time limit of a category (domain.md: each number is a default an admin may change). */
import type { CaseLimits, CategoryDto } from "../../../../models/contracts.ts";
import { CASE_TYPES, type CaseType } from "../../../../models/enums.ts";
import { CASE_LIMIT_RANGES, DEFAULT_CASE_LIMITS, type ScalarLimit } from "../../../../models/validation.ts";
import { TextField } from "../../components/Field.tsx";
import { useI18n, type MessageKey, type TFunction } from "../../i18n/index.tsx";

type Unit = "hours" | "minutes" | "calendarHours" | "days" | "percent";

/** One number of CaseLimits: its path ("replyDays.help"), label and unit; warningShare is edited as a percentage. */
interface LimitField {
  path: string;
  /** Its label: the case type for a per-type reply limit, else the limit's own string. */
  label: MessageKey;
  unit: Unit;
}

const f = (path: ScalarLimit, unit: Unit = "days"): LimitField => ({ path, label: `admin.limits.${path}` as MessageKey, unit });

/** The editor's sections, in the order of domain.md's Deadlines and Warnings. */
const SECTIONS: { legend: MessageKey; fields: LimitField[] }[] = [
  { legend: "admin.limits.section.sign", fields: [f("signHours", "hours"), f("urgentSignHours", "hours"), f("criticalSignMinutes", "minutes")] },
  { legend: "admin.limits.section.reply", fields: CASE_TYPES.map((t) => ({ path: `replyDays.${t}`, label: `type.${t}` as MessageKey, unit: "days" as const })) },
  { legend: "admin.limits.section.special", fields: [f("urgentReplyDays"), f("criticalReplyHours", "calendarHours"), f("reopenedReplyDays")] },
  { legend: "admin.limits.section.process", fields: [f("returnWindowDays"), f("extensionCapDays"), f("callbackDays")] },
  { legend: "admin.limits.section.escalation", fields: [f("warningShare", "percent"), f("superviseAfterDays"), f("listAfterDays")] },
];

const UNIT: Record<Unit, MessageKey> = {
  hours: "admin.limits.unit.hours",
  minutes: "admin.limits.unit.minutes",
  calendarHours: "admin.limits.unit.calendarHours",
  days: "admin.limits.unit.days",
  percent: "admin.limits.unit.percent",
};

const FIELDS = SECTIONS.flatMap((s) => s.fields);

/** The field's range as the form shows it (a percentage for warningShare). */
function rangeOf(field: LimitField): { min: number; max: number } {
  const { min, max } = CASE_LIMIT_RANGES[field.path.split(".")[0] as keyof typeof CASE_LIMIT_RANGES];
  return field.unit === "percent" ? { min: Math.round(min * 100), max: Math.round(max * 100) } : { min, max };
}

/** The number at a field's path. */
function valueAt(l: CaseLimits, path: string): number {
  const [head, type] = path.split(".");
  return type ? l.replyDays[type as CaseType] : l[head as ScalarLimit];
}

/**
 * The limits where a category departs from domain.md's defaults, e.g. "咨询 4 · 回访 2 · 预警 80%" (empty: none);
 * sign hours and the reply days equal to the category's replyDays have their own columns.
 */
export function limitsDifferences(c: CategoryDto, t: TFunction): string {
  return FIELDS.filter((field) => {
    if (field.path === "signHours") return false;
    const v = valueAt(c.limits, field.path);
    if (field.path.startsWith("replyDays.") && field.path !== "replyDays.consultation") return v !== c.replyDays;
    return v !== valueAt(DEFAULT_CASE_LIMITS, field.path);
  })
    .map((field) => {
      const v = valueAt(c.limits, field.path);
      return `${t(field.label)} ${field.unit === "percent" ? `${Math.round(v * 100)}%` : v}`;
    })
    .join(" · ");
}

/** The form's text values of a set of limits. */
export function limitsToForm(l: CaseLimits): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = valueAt(l, f.path);
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
    const { min, max } = rangeOf(f);
    if (values[f.path]?.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
      errors[`limits.${f.path}`] = rangeMessage(min, max);
      continue;
    }
    const [head, type] = f.path.split(".");
    if (type) replyDays[type as CaseType] = n;
    else flat[head] = f.unit === "percent" ? n / 100 : n;
  }
  if (!errors["limits.listAfterDays"] && !errors["limits.superviseAfterDays"] && flat.listAfterDays <= flat.superviseAfterDays) {
    errors["limits.listAfterDays"] = rangeMessage(flat.superviseAfterDays + 1, CASE_LIMIT_RANGES.listAfterDays.max);
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
                {...rangeOf(f)}
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
