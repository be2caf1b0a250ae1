/** The kiosk's answer: the number, how many are ahead, the estimated wait, and the reminder text shown on screen. */
import { useEffect, useState } from "react";
import type { ServiceDto, TicketDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";

const RETURN_SECONDS = 30;

export function KioskResult({ ticket, service, phone, onDone }: { ticket: TicketDto; service: ServiceDto; phone: string; onDone: () => void }) {
  const { t } = useI18n();
  const [left, setLeft] = useState(RETURN_SECONDS);
  useEffect(() => {
    const timer = window.setInterval(() => setLeft((n) => n - 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);
  const masked = phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "";
  return (
    <section className="kiosk-result" aria-live="polite">
      <div className="kiosk-ticket">
        <div className="kiosk-ticket-label">{t("centre.kiosk.yourNumber")}</div>
        <div className="kiosk-ticket-number" data-testid="kiosk-number">
          {ticket.number}
        </div>
        <div className="kiosk-ticket-service">{service.name}</div>
        <div className="kiosk-ticket-ahead">{t("centre.ahead", { n: ticket.aheadCount })}</div>
        <div className="kiosk-ticket-wait">{ticket.aheadCount > 0 ? t("centre.wait", { n: ticket.estimatedWaitMinutes }) : t("centre.noWait")}</div>
      </div>
      <div className="kiosk-sms">
        {phone ? (
          <>
            <div className="kiosk-sms-title">
              {t("centre.kiosk.smsTitle")} → {masked}
            </div>
            <p>{t("centre.kiosk.sms", { number: ticket.number, service: service.name, n: ticket.aheadCount, m: ticket.estimatedWaitMinutes })}</p>
          </>
        ) : (
          <p>{t("centre.kiosk.noPhone")}</p>
        )}
      </div>
      <button type="button" className="kiosk-btn kiosk-primary" onClick={onDone}>
        {t("centre.kiosk.done")} · {t("centre.kiosk.autoReturn", { n: Math.max(0, left) })}
      </button>
    </section>
  );
}
