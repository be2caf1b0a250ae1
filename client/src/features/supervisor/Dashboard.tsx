/** Metrics per department and period, with charts and CSV/XLSX export; refreshes as cases change. */
import type { MetricFigures } from "../../../../models/contracts.ts";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { getMetrics, metricsExportUrl, type MetricsReport } from "../../api/metrics.ts";
import { EChart, type ChartOption } from "../../components/EChart.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDate, formatRate, shanghaiDayStart } from "../../lib/format.ts";
import { periodPreset, type PeriodPreset } from "../../lib/period.ts";
import { useRealtime } from "../../realtime/hooks.ts";
import { useReference } from "../reference/ReferenceContext.tsx";
import { MetricsTable } from "./MetricsTable.tsx";

const PRESETS: PeriodPreset[] = ["thisMonth", "lastMonth", "thisQuarter", "thisYear"];
const COLORS = ["#1d4f91", "#3f8f6b", "#d08a1a", "#8a5cc2", "#c0392b"];

export default function Dashboard() {
  const { t } = useI18n();
  const { departments, departmentName } = useReference();
  const initial = periodPreset("thisMonth", new Date());
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [departmentId, setDepartmentId] = useState("");
  const [query, setQuery] = useState({ from: initial.from, to: initial.to, departmentId: "" });
  const [report, setReport] = useState<MetricsReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [n, setN] = useState(0);
  const lastLive = useRef(0);

  const apiPeriod = useMemo(() => {
    const end = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
    return { from: shanghaiDayStart(query.from), to: shanghaiDayStart(end), departmentId: query.departmentId || undefined };
  }, [query]);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    getMetrics(apiPeriod)
      .then((r) => alive && (setReport(r), setError(null)))
      .catch((e: Error) => alive && setError(e.message))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [apiPeriod, n]);

  // Live: refresh at most every 15 s while cases change.
  useRealtime((m) => {
    if (m.type === "case.created" || m.type === "case.updated" || m.type === "resync") {
      const now = Date.now();
      if (now - lastLive.current > 15000) {
        lastLive.current = now;
        setN((x) => x + 1);
      }
    }
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (from && to && from <= to) setQuery({ from, to, departmentId });
  };
  const preset = (p: PeriodPreset) => {
    const r = periodPreset(p, new Date());
    setFrom(r.from);
    setTo(r.to);
    setQuery({ from: r.from, to: r.to, departmentId });
  };

  const rows = report?.departments ?? [];
  const names = rows.map((r) => departmentName(r.departmentId));
  const volume: ChartOption = {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 64 },
    color: COLORS,
    xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: t("metrics.received"), type: "bar", data: rows.map((r) => r.received) },
      { name: t("metrics.replied"), type: "bar", data: rows.map((r) => r.replied) },
      { name: t("metrics.overdueOpen"), type: "bar", data: rows.map((r) => r.overdueOpen) },
    ],
  };
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 1000) / 10);
  const rates: ChartOption = {
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (v === null || v === undefined ? "—" : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 44, right: 16, top: 36, bottom: 64 },
    color: COLORS,
    xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: t("metrics.signedOnTimeRate"), type: "bar", data: rows.map((r) => pct(r.signedOnTimeRate)) },
      { name: t("metrics.repliedOnTimeRate"), type: "bar", data: rows.map((r) => pct(r.repliedOnTimeRate)) },
      { name: t("metrics.satisfactionRate"), type: "bar", data: rows.map((r) => pct(r.satisfactionRate)) },
      { name: t("metrics.callbackRate"), type: "bar", data: rows.map((r) => pct(r.callbackRate)) },
    ],
  };
  const totals: Partial<MetricFigures> = report?.totals ?? {};
  const num = (k: keyof MetricFigures) => totals[k] ?? null;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("metrics.title")}</h1>
          <p className="muted">{t("metrics.lead")}</p>
        </div>
        <div className="page-tools">
          <a className="btn" href={metricsExportUrl(apiPeriod, "csv")} download>
            {t("metrics.exportCsv")}
          </a>
          <a className="btn" href={metricsExportUrl(apiPeriod, "xlsx")} download>
            {t("metrics.exportXlsx")}
          </a>
        </div>
      </div>
      <form className="panel filter-bar" onSubmit={submit}>
        <TextField label={t("metrics.from")} type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} required />
        <TextField label={t("metrics.to")} type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
        <SelectField label={t("case.department")} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={t("metrics.allDepartments")} />
        <button type="submit" className="btn btn-primary">
          {t("metrics.apply")}
        </button>
        <div className="preset-buttons" role="group" aria-label={t("metrics.presets")}>
          {PRESETS.map((p) => (
            <button key={p} type="button" className="btn btn-small" onClick={() => preset(p)}>
              {t(`metrics.preset.${p}`)}
            </button>
          ))}
        </div>
      </form>
      {error ? (
        <ErrorState message={error} onRetry={() => setN((x) => x + 1)} />
      ) : !report && loading ? (
        <Loading />
      ) : !report ? null : (
        <>
          <p className="muted small">{t("metrics.period", { from: formatDate(report.from), to: formatDate(new Date(Date.parse(report.to) - 1)) })}</p>
          <div className="kpis">
            {(
              [
                ["metrics.received", String(num("received") ?? rows.reduce((s, r) => s + r.received, 0))],
                ["metrics.signedOnTimeRate", formatRate(num("signedOnTimeRate"))],
                ["metrics.repliedOnTimeRate", formatRate(num("repliedOnTimeRate"))],
                ["metrics.satisfactionRate", formatRate(num("satisfactionRate"))],
                ["metrics.callbackRate", formatRate(num("callbackRate"))],
                ["metrics.overdueOpen", String(num("overdueOpen") ?? rows.reduce((s, r) => s + r.overdueOpen, 0))],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="kpi">
                <span className="kpi-value">{v}</span>
                <span className="kpi-label">{t(k)}</span>
              </div>
            ))}
          </div>
          {rows.length === 0 ? (
            <Empty>{t("metrics.empty")}</Empty>
          ) : (
            <>
              <div className="chart-grid">
                <section className="panel">
                  <h2>{t("metrics.chart.volume")}</h2>
                  <EChart option={volume} label={t("metrics.chart.volume")} />
                </section>
                <section className="panel">
                  <h2>{t("metrics.chart.rates")}</h2>
                  <EChart option={rates} label={t("metrics.chart.rates")} />
                </section>
              </div>
              <section className="panel panel-flush">
                <MetricsTable rows={rows} />
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
