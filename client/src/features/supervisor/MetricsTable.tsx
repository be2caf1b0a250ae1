/** The department league table of the dashboard. */
import type { DepartmentMetrics } from "../../api/metrics.ts";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { formatRate } from "../../lib/format.ts";
import { useReference } from "../reference/ReferenceContext.tsx";

type Col = { key: keyof DepartmentMetrics; label: MessageKey; kind: "n" | "rate" | "minutes" | "hours" };

const COLS: Col[] = [
  { key: "received", label: "metrics.received", kind: "n" },
  { key: "signed", label: "metrics.signed", kind: "n" },
  { key: "signedOnTimeRate", label: "metrics.signedOnTimeRate", kind: "rate" },
  { key: "replied", label: "metrics.replied", kind: "n" },
  { key: "repliedOnTimeRate", label: "metrics.repliedOnTimeRate", kind: "rate" },
  { key: "callbackRate", label: "metrics.callbackRate", kind: "rate" },
  { key: "satisfactionRate", label: "metrics.satisfactionRate", kind: "rate" },
  { key: "reopenRate", label: "metrics.reopenRate", kind: "rate" },
  { key: "avgSignMinutes", label: "metrics.avgSignMinutes", kind: "minutes" },
  { key: "avgReplyHours", label: "metrics.avgReplyHours", kind: "hours" },
  { key: "overdueOpen", label: "metrics.overdueOpen", kind: "n" },
];

export function MetricsTable({ rows }: { rows: DepartmentMetrics[] }) {
  const { t } = useI18n();
  const { departmentName } = useReference();
  const show = (c: Col, v: unknown) => {
    if (typeof v !== "number") return "—";
    if (c.kind === "rate") return formatRate(v);
    if (c.kind === "n") return String(v);
    return (Math.round(v * 10) / 10).toFixed(1);
  };
  return (
    <div className="table-wrap">
      <table className="table metrics-table">
        <caption className="sr-only">{t("metrics.table")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("case.department")}</th>
            {COLS.map((c) => (
              <th key={c.key} scope="col" className="num">
                {t(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.departmentId}>
              <th scope="row">{departmentName(r.departmentId)}</th>
              {COLS.map((c) => (
                <td key={c.key} className={`num${c.key === "overdueOpen" && r.overdueOpen > 0 ? " text-danger" : ""}`}>
                  {show(c, r[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
