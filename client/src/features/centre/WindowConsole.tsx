/** The clerk's window console: choose the window and its lines, then call, recall, skip, serve and finish — keyboard first. */
import { useEffect, useRef } from "react";
import { useNavigate } from "react-router";
import type { TicketDto } from "../../../../models/contracts.ts";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useWindowConsole } from "./useWindowConsole.ts";
import "./centre.css";

const WINDOW_LABEL = /^[A-Za-z0-9]{1,10}$/;

/** A ticket's status as a badge. */
export function TicketStatusBadge({ ticket }: { ticket: TicketDto }) {
  const { t } = useI18n();
  return <span className={`badge ticket-status ticket-${ticket.status}`}>{t(`centre.status.${ticket.status}` as MessageKey)}</span>;
}

export function WindowConsole() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const c = useWindowConsole();
  const cur = c.current;
  const windowOk = WINDOW_LABEL.test(c.windowLabel);
  const canCall = windowOk && c.lines.length > 0 && !c.busy;
  const buttons: { key: string; label: MessageKey; enabled: boolean; run: () => void; primary?: boolean }[] = [
    { key: "F1", label: "centre.console.callNext", enabled: canCall && cur?.status !== "serving", run: () => void c.callNext(), primary: !cur },
    { key: "F2", label: "centre.console.recall", enabled: cur?.status === "called", run: () => void c.step("recall") },
    { key: "F3", label: "centre.console.skip", enabled: cur?.status === "called", run: () => void c.step("skip") },
    { key: "F4", label: "centre.console.start", enabled: cur?.status === "called", run: () => void c.step("start"), primary: cur?.status === "called" },
    { key: "F8", label: "centre.console.finish", enabled: cur?.status === "serving", run: () => void c.step("finish", "done_on_spot"), primary: cur?.status === "serving" },
    { key: "F9", label: "centre.console.toCase", enabled: cur?.status === "serving", run: () => cur && navigate(`/clerk?ticket=${encodeURIComponent(cur.id)}`) },
  ];
  const latest = useRef(buttons);
  latest.current = buttons;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const b = latest.current.find((x) => x.key === e.key);
      if (!b) return;
      e.preventDefault();
      if (b.enabled) b.run();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const serviceName = (code: string) => c.services.find((s) => s.code === code)?.name ?? code;
  const waitingOf = (code: string) => c.waiting.find((w) => w.serviceCode === code)?.count ?? 0;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("centre.console.title")}</h1>
          <p className="muted">{t("centre.console.shortcuts")}</p>
        </div>
      </div>
      <div className="two-col">
        <div className="col-main">
          <section className="panel console-current" aria-live="polite">
            <div className="console-current-head">
              <span className="muted">{t("centre.console.current")}</span>
              {cur && <TicketStatusBadge ticket={cur} />}
            </div>
            {cur ? (
              <>
                <div className="console-number" data-testid="console-number">
                  {cur.number}
                </div>
                <div className="console-service">{serviceName(cur.serviceCode)}</div>
                <dl className="console-facts">
                  <dt>{t("centre.console.issuedAt")}</dt>
                  <dd>{formatDateTime(cur.issuedAt)}</dd>
                  <dt>{t("centre.console.calledAt")}</dt>
                  <dd>{formatDateTime(cur.calledAt)}</dd>
                  {cur.phone && (
                    <>
                      <dt>{t("centre.console.phone")}</dt>
                      <dd className="mono">{cur.phone}</dd>
                    </>
                  )}
                  {cur.enterpriseId && (
                    <>
                      <dt>{t("centre.console.enterprise")}</dt>
                      <dd>✓</dd>
                    </>
                  )}
                </dl>
              </>
            ) : (
              <p className="console-empty">{t("centre.console.none")}</p>
            )}
            {c.error && <p className="form-error" role="alert">{c.error === "nobody" ? t("centre.console.nobodyWaiting") : c.error}</p>}
            <div className="console-buttons">
              {buttons.map((b) => (
                <button key={b.key} type="button" className={`btn console-btn${b.primary ? " btn-primary" : ""}`} disabled={!b.enabled || c.busy} onClick={b.run}>
                  <kbd>{b.key}</kbd> {t(b.label)}
                </button>
              ))}
            </div>
          </section>
          <section className="panel">
            <h2>{t("centre.console.history")}</h2>
            {c.history.length === 0 ? (
              <p className="muted">{t("common.empty")}</p>
            ) : (
              <table className="table">
                <tbody>
                  {c.history.slice(0, 12).map((h) => (
                    <tr key={h.id}>
                      <td className="mono">{h.number}</td>
                      <td>{serviceName(h.serviceCode)}</td>
                      <td>
                        <TicketStatusBadge ticket={h} />
                        {h.outcome && <span className="muted small"> · {t(`centre.outcome.${h.outcome}` as MessageKey)}</span>}
                      </td>
                      <td className="muted">{formatDateTime(h.finishedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <aside className="col-side">
          <section className="panel">
            <label className="field">
              <span className="field-label">{t("centre.console.window")}</span>
              <input className="console-window-input" value={c.windowLabel} maxLength={10} onChange={(e) => c.setWindow(e.target.value.trim())} aria-invalid={!windowOk} />
            </label>
            {!windowOk && <p className="field-error">{t("centre.console.pickWindow")}</p>}
            <fieldset className="console-lines">
              <legend>{t("centre.console.lines")}</legend>
              {c.services.map((s) => (
                <label key={s.code} className="check console-line">
                  <input type="checkbox" checked={c.lines.includes(s.code)} onChange={(e) => c.setLines(e.target.checked ? [...c.lines, s.code] : c.lines.filter((x) => x !== s.code))} />
                  <span className="console-line-prefix">{s.prefix}</span>
                  <span>{s.name}</span>
                  <span className="console-line-count">{t("centre.kiosk.waitingCount", { n: waitingOf(s.code) })}</span>
                </label>
              ))}
            </fieldset>
            {c.lines.length === 0 && <p className="field-error">{t("centre.console.pickLines")}</p>}
          </section>
        </aside>
      </div>
    </div>
  );
}
