/** A webhook's latest deliveries: status, attempts, answer code, timing and error; failed or sent ones can be redelivered. */
import { listDeliveries, redeliver, type Delivery } from "../../api/integrations.ts";
import { useNotice } from "../../components/Notice.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { LoadedTable } from "./LoadedTable.tsx";
import { useLoad } from "./useLoad.ts";

const BADGE: Record<Delivery["status"], string> = { succeeded: "badge-ok", pending: "badge-warn", failed: "badge-danger" };

export function DeliveriesPanel({ webhookId, url }: { webhookId: string; url: string }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const deliveries = useLoad(() => listDeliveries(webhookId), [webhookId]);
  const s = useSubmit();
  const again = async (d: Delivery) => {
    if (await s.run(() => redeliver(d.id))) {
      notify(t("webhooks.redelivered"), "success");
      deliveries.reload();
    }
  };

  return (
    <section className="panel panel-flush" aria-labelledby="deliveries-title">
      <div className="deliveries-head">
        <h2 id="deliveries-title">
          {t("webhooks.deliveriesOf")} <span className="mono muted">{url}</span>
        </h2>
        <button type="button" className="btn btn-small" onClick={deliveries.reload}>
          {t("common.refresh")}
        </button>
      </div>
      <LoadedTable
        state={{ ...deliveries, data: deliveries.data?.items ?? null }}
        headers={["createdAt", "event", "status", "attempts", "code", "duration", "lastAttempt", "error"].map((k) => t(`webhooks.${k}` as MessageKey)).concat(t("common.actions"))}
      >
        {(rows) =>
          rows.map((d) => (
          <tr key={d.id}>
            <td>{formatDateTime(d.createdAt)}</td>
            <td className="mono">{d.event}</td>
            <td>
              <span className={`badge ${BADGE[d.status]}`}>{t(`webhooks.status.${d.status}`)}</span>
            </td>
            <td>{d.attempts}</td>
            <td className="mono">{d.responseCode ?? "—"}</td>
            <td>{d.durationMs === null ? "—" : `${d.durationMs} ms`}</td>
            <td>{d.lastAttemptAt ? formatDateTime(d.lastAttemptAt) : "—"}</td>
            <td className="muted">{d.lastError ?? (d.nextAttemptAt && d.attempts ? t("webhooks.retryAt", { at: formatDateTime(d.nextAttemptAt) }) : "")}</td>
            <td>
              {d.status !== "pending" && (
                <button type="button" className="btn btn-small" disabled={s.busy} onClick={() => void again(d)}>
                  {t("webhooks.redeliver")}
                </button>
              )}
            </td>
          </tr>
        ))
        }
      </LoadedTable>
    </section>
  );
}
