/** The supervisor's view of the hall: now (waiting, longest wait, windows open, each window) and the day's figures per line. */
import { useEffect, useRef, useState } from "react";
import type { CentreStatsDto, HallDto, ServiceDto } from "../../../../models/contracts.ts";
import { getHall, getStats, listServices } from "../../api/serviceCentre.ts";
import { ErrorState, Loading } from "../../components/States.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useRealtime } from "../../realtime/hooks.ts";
import "./centre.css";

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const minutes = (n: number | null) => (n === null ? "—" : n.toFixed(1));

function StatsTable({ stats }: { stats: CentreStatsDto }) {
  const { t } = useI18n();
  const cols: { key: keyof CentreStatsDto["totals"]; label: MessageKey; fmt?: (n: number | null) => string }[] = [
    { key: "issued", label: "centre.hall.issued" },
    { key: "called", label: "centre.hall.called" },
    { key: "served", label: "centre.hall.served" },
    { key: "missed", label: "centre.hall.missed" },
    { key: "cancelled", label: "centre.hall.cancelled" },
    { key: "avgWaitMinutes", label: "centre.hall.avgWait", fmt: minutes },
    { key: "avgServiceMinutes", label: "centre.hall.avgService", fmt: minutes },
  ];
  const cell = (v: number | null, fmt?: (n: number | null) => string) => (fmt ? fmt(v) : String(v ?? 0));
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">{t("centre.hall.service")}</th>
          {cols.map((c) => (
            <th key={c.key} scope="col" className="num">
              {t(c.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {stats.services.map((s) => (
          <tr key={s.serviceCode}>
            <td>{s.name}</td>
            {cols.map((c) => (
              <td key={c.key} className="num">
                {cell(s[c.key], c.fmt)}
              </td>
            ))}
          </tr>
        ))}
        <tr className="total-row">
          <th scope="row">{t("centre.hall.total")}</th>
          {cols.map((c) => (
            <td key={c.key} className="num">
              {cell(stats.totals[c.key], c.fmt)}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function HallView() {
  const { t } = useI18n();
  const [date, setDate] = useState(today);
  const [hall, setHall] = useState<HallDto | null>(null);
  const [stats, setStats] = useState<CentreStatsDto | null>(null);
  const [services, setServices] = useState<ServiceDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<number | null>(null);

  const load = () => {
    Promise.all([getHall(), getStats(date), listServices()])
      .then(([h, s, l]) => (setHall(h), setStats(s), setServices(l), setError(null)))
      .catch((e: Error) => setError(e.message));
  };
   
  useEffect(load, [date]);
  // Live: a burst of hall events triggers one reload, at most every two seconds.
  useRealtime((m) => {
    if (m.type !== "queue.updated" && m.type !== "queue.called" && m.type !== "resync") return;
    if (pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      load();
    }, 2000);
  });
  useEffect(() => () => void (pending.current !== null && window.clearTimeout(pending.current)), []);

  if (error) return <ErrorState message={error} onRetry={load} />;
  if (!hall || !stats) return <Loading />;
  const name = (code: string) => services.find((s) => s.code === code)?.name ?? code;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("centre.hall.title")}</h1>
        </div>
      </div>
      <section className="panel">
        <h2>{t("centre.hall.now")}</h2>
        <div className="kpis">
          {([
            ["centre.hall.waiting", hall.waiting],
            ["centre.hall.longest", hall.longestWaitMinutes],
            ["centre.hall.windowsOpen", hall.windowsOpen],
          ] as const).map(([k, v]) => (
            <div key={k} className="kpi">
              <span className="kpi-value">{v}</span>
              <span className="kpi-label">{t(k)}</span>
            </div>
          ))}
        </div>
        <div className="hall-grid">
          <div>
            <h3>{t("centre.hall.windows")}</h3>
            {hall.windows.length === 0 ? (
              <p className="muted">{t("centre.hall.noWindows")}</p>
            ) : (
              <ul className="hall-windows">
                {hall.windows.map((w) => (
                  <li key={w.window}>
                    <span className="hall-window">{t("centre.board.toWindow", { window: w.window })}</span>
                    <span className="mono strong">{w.number}</span>
                    <span className={`badge ticket-status ticket-${w.status}`}>{t(`centre.status.${w.status}`)}</span>
                    <span className="muted small">{formatDateTime(w.since)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3>{t("centre.board.waiting")}</h3>
            <ul className="hall-lines">
              {hall.lines.map((l) => (
                <li key={l.serviceCode}>
                  <span>{name(l.serviceCode)}</span>
                  <span className="strong">{t("centre.people", { n: l.count })}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>
      <section className="panel panel-flush">
        <div className="panel-head-row">
          <h2>{t("centre.hall.day")}</h2>
          <label className="inline-field">
            {t("centre.hall.date")} <input type="date" value={date} max={today()} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </label>
        </div>
        <StatsTable stats={stats} />
      </section>
    </div>
  );
}
