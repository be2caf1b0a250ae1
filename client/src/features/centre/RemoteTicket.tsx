/** 远程取号 for a signed-in enterprise on its phone: take a number, then follow "前面还有 3 人" live until called. */
import { useCallback, useEffect, useState } from "react";
import type { ServiceDto, TicketDto } from "../../../../models/contracts.ts";
import { listServices, listTickets, takeTicket, ticketStep } from "../../api/serviceCentre.ts";
import { useNotice } from "../../components/Notice.tsx";
import { ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useRealtime } from "../../realtime/hooks.ts";
import { TicketStatusBadge } from "./WindowConsole.tsx";
import "./centre.css";

const ACTIVE = new Set(["waiting", "called", "serving"]);

function TicketCard({ ticket, service, onCancel }: { ticket: TicketDto; service?: ServiceDto; onCancel: () => void }) {
  const { t } = useI18n();
  const called = ticket.status === "called";
  return (
    <article className={`remote-card remote-${ticket.status}`} data-testid="remote-ticket">
      <div className="remote-card-head">
        <span>{service?.name ?? ticket.serviceCode}</span>
        <TicketStatusBadge ticket={ticket} />
      </div>
      <div className="remote-number">{ticket.number}</div>
      {ticket.status === "waiting" && (
        <>
          <div className="remote-ahead" data-testid="remote-ahead">
            {t("centre.ahead", { n: ticket.aheadCount })}
          </div>
          <div className="remote-wait">{ticket.aheadCount > 0 ? t("centre.wait", { n: ticket.estimatedWaitMinutes }) : t("centre.noWait")}</div>
        </>
      )}
      {called && <div className="remote-called-text">{t("centre.remote.calledTo", { window: ticket.window ?? "" })}</div>}
      {ticket.status === "serving" && <div className="remote-wait">{t("centre.remote.serving", { window: ticket.window ?? "" })}</div>}
      <div className="remote-foot">
        <span className="muted small">{t("centre.remote.issued", { time: formatDateTime(ticket.issuedAt) })}</span>
        {ticket.status === "waiting" && (
          <button type="button" className="btn btn-small btn-danger-outline" onClick={onCancel}>
            {t("centre.remote.cancel")}
          </button>
        )}
      </div>
    </article>
  );
}

export function RemoteTicket() {
  const { t } = useI18n();
  const { notify } = useNotice();
  const [services, setServices] = useState<ServiceDto[] | null>(null);
  const [tickets, setTickets] = useState<TicketDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const [all, mine] = await Promise.all([listServices(), listTickets()]);
      setServices(all.filter((s) => s.active));
      setTickets(mine.items);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  useRealtime((m) => {
    if (m.type === "queue.ticket") setTickets((ts) => (ts.some((x) => x.id === m.ticket.id) ? ts.map((x) => (x.id === m.ticket.id ? m.ticket : x)) : [...ts, m.ticket]));
    else if (m.type === "resync") void load();
  });

  const act = async (fn: () => Promise<{ ticket: TicketDto }>) => {
    setBusy(true);
    try {
      const { ticket } = await fn();
      setTickets((ts) => [...ts.filter((x) => x.id !== ticket.id), ticket]);
    } catch (e) {
      notify((e as Error).message, "error");
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!services) return <Loading />;
  const active = tickets.filter((x) => ACTIVE.has(x.status));
  const holding = new Set(active.map((x) => x.serviceCode));
  const byCode = new Map(services.map((s) => [s.code, s]));
  return (
    <div className="page remote-page">
      <div className="page-head">
        <div>
          <h1>{t("centre.remote.title")}</h1>
          <p className="muted">{t("centre.remote.lead")}</p>
        </div>
      </div>
      <section>
        <h2 className="remote-h2">
          {t("centre.remote.mine")} <span className="remote-live">● {t("centre.remote.live")}</span>
        </h2>
        {active.length === 0 ? <p className="muted">{t("centre.remote.none")}</p> : active.map((x) => <TicketCard key={x.id} ticket={x} service={byCode.get(x.serviceCode)} onCancel={() => void act(() => ticketStep(x.id, "cancel"))} />)}
      </section>
      <section>
        <h2 className="remote-h2">{t("centre.remote.pick")}</h2>
        <div className="remote-services">
          {services.map((s) => (
            <button key={s.code} type="button" className="remote-service" disabled={busy || holding.has(s.code)} onClick={() => void act(() => takeTicket(s.code))}>
              <span className="kiosk-service-prefix">{s.prefix}</span>
              <span className="remote-service-name">{s.name}</span>
              <span className="remote-service-take">{t("centre.remote.take")}</span>
            </button>
          ))}
        </div>
      </section>
    </div>
  );
}
