/** The hall's kiosk (/kiosk): no sign-in, big touch targets; choose a service, optionally a mobile number, take a number. */
import { useCallback, useEffect, useState } from "react";
import type { ServiceDto, TicketDto } from "../../../../models/contracts.ts";
import { ApiError } from "../../api/http.ts";
import { listServices, takeTicket } from "../../api/serviceCentre.ts";
import { useI18n } from "../../i18n/index.tsx";
import { isValidPhone } from "../../../../models/validation.ts";
import { KioskResult } from "./KioskResult.tsx";
import { useBoard } from "./useBoard.ts";
import "./centre.css";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"] as const;

function Keypad({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const press = (k: (typeof KEYS)[number]) => {
    if (k === "clear") onChange("");
    else if (k === "back") onChange(value.slice(0, -1));
    else if (value.length < 11) onChange(value + k);
  };
  return (
    <div className="keypad">
      {KEYS.map((k) => (
        <button key={k} type="button" className={`keypad-key${k.length > 1 ? " keypad-fn" : ""}`} onClick={() => press(k)}>
          {k === "clear" ? t("centre.kiosk.clear") : k === "back" ? t("centre.kiosk.back") : k}
        </button>
      ))}
    </div>
  );
}

export function KioskPage() {
  const { t } = useI18n();
  const [services, setServices] = useState<ServiceDto[] | null>(null);
  const [chosen, setChosen] = useState<ServiceDto | null>(null);
  const [phone, setPhone] = useState("");
  const [ticket, setTicket] = useState<{ t: TicketDto; phone: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { board } = useBoard();

  const load = useCallback(() => {
    listServices()
      .then((all) => setServices(all.filter((s) => s.active)))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    document.title = `${t("centre.kiosk.title")} · ${t("app.name")}`;
    load();
  }, [load, t]);

  const reset = useCallback(() => {
    setChosen(null);
    setPhone("");
    setTicket(null);
    setError(null);
    load();
  }, [load]);

  const take = async (withPhone: boolean) => {
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await takeTicket(chosen.code, withPhone ? phone : undefined);
      setTicket({ t: res.ticket, phone: withPhone ? phone : "" });
    } catch (e) {
      setError(e instanceof ApiError && e.code === "rate_limited" ? t("centre.kiosk.busy") : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const waiting = (code: string) => board?.waiting.find((w) => w.serviceCode === code)?.count ?? 0;
  const phoneOk = isValidPhone(phone);
  return (
    <div className="kiosk">
      <header className="kiosk-head">
        <span className="board-mark">一</span>
        <div>
          <div className="kiosk-centre">{t("centre.name")}</div>
          <h1 className="kiosk-title">{t("centre.kiosk.title")}</h1>
        </div>
      </header>
      {error && (
        <div className="kiosk-error" role="alert">
          {error}
        </div>
      )}
      {ticket && chosen ? (
        <KioskResult ticket={ticket.t} service={chosen} phone={ticket.phone} onDone={reset} />
      ) : chosen ? (
        <section className="kiosk-phone">
          <h2 className="kiosk-step">
            <span className="kiosk-chosen">{chosen.prefix}</span> {chosen.name}
          </h2>
          <p className="kiosk-lead">{t("centre.kiosk.phoneTitle")}</p>
          <output className={`kiosk-phone-value${phone && !phoneOk && phone.length >= 11 ? " invalid" : ""}`} aria-live="polite">
            {phone || "—"}
          </output>
          <Keypad value={phone} onChange={setPhone} />
          <div className="kiosk-actions">
            <button type="button" className="kiosk-btn kiosk-primary" disabled={busy || !phoneOk} onClick={() => void take(true)}>
              {t("centre.kiosk.take")}
            </button>
            <button type="button" className="kiosk-btn" disabled={busy} onClick={() => void take(false)}>
              {t("centre.kiosk.skipPhone")}
            </button>
            <button type="button" className="kiosk-btn kiosk-ghost" disabled={busy} onClick={reset}>
              {t("common.back")}
            </button>
          </div>
        </section>
      ) : (
        <section>
          <p className="kiosk-lead">{t("centre.kiosk.lead")}</p>
          {services && services.length === 0 && <p className="kiosk-lead">{t("centre.kiosk.closed")}</p>}
          <div className="kiosk-services">
            {(services ?? []).map((s) => (
              <button key={s.code} type="button" className="kiosk-service" onClick={() => setChosen(s)}>
                <span className="kiosk-service-prefix">{s.prefix}</span>
                <span className="kiosk-service-name">{s.name}</span>
                <span className="kiosk-service-count">{t("centre.kiosk.waitingCount", { n: waiting(s.code) })}</span>
              </button>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
