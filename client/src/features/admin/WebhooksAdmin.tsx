/** Webhook subscriptions: create (secret shown once), pause/resume, delete; deliveries with status, code and timing; redeliver. */
import { useState, type FormEvent } from "react";
import { createWebhook, deleteWebhook, listIntegrationClients, listWebhooks, updateWebhook, WEBHOOK_EVENTS, type Webhook } from "../../api/integrations.ts";
import { CheckboxField, SelectField, TextField } from "../../components/Field.tsx";
import { ConfirmDialog } from "../../components/Modal.tsx";
import { FormError } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { DeliveriesPanel } from "./DeliveriesPanel.tsx";
import { LoadedTable } from "./LoadedTable.tsx";
import { SecretPanel } from "./SecretPanel.tsx";
import { useLoad } from "./useLoad.ts";

export function WebhooksAdmin() {
  const { t } = useI18n();
  const hooks = useLoad(listWebhooks);
  const clients = useLoad(listIntegrationClients);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["case.created", "case.updated"]);
  const [clientId, setClientId] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Webhook | null>(null);
  const s = useSubmit();
  const act = useSubmit();
  const clientName = (id: string | null) => (id ? (clients.data?.find((c) => c.id === id)?.name ?? id) : t("webhooks.unbound"));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await s.run(() => createWebhook({ url: url.trim(), events, integrationClientId: clientId || null, active: true }));
    if (r) {
      setSecret(r.secret);
      setUrl("");
      setSelected(r.webhook.id);
      hooks.reload();
    }
  };
  const toggle = async (w: Webhook) => {
    if (await act.run(() => updateWebhook(w.id, { active: !w.active }))) hooks.reload();
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("nav.admin.webhooks")}</h1>
          <p className="muted">{t("webhooks.lead")}</p>
        </div>
      </div>
      {secret && <SecretPanel title={t("webhooks.created")} secrets={[{ label: t("webhooks.secret"), value: secret }]} onClose={() => setSecret(null)} />}
      <div className="two-col wide-side">
        <section className="panel panel-flush col-main">
          <LoadedTable state={hooks} caption={t("nav.admin.webhooks")} headers={[t("webhooks.url"), t("webhooks.events"), t("webhooks.client"), t("admin.users.state"), t("common.actions")]}>
            {(rows) =>
              rows.map((w) => (
                <tr key={w.id} className={w.id === selected ? "row-selected" : w.active ? undefined : "row-disabled"}>
                  <td className="mono">{w.url}</td>
                  <td>{w.events.join(", ")}</td>
                  <td>{clientName(w.integrationClientId)}</td>
                  <td>{w.active ? <span className="badge badge-ok">{t("webhooks.active")}</span> : <span className="badge badge-muted">{t("webhooks.paused")}</span>}</td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setSelected(w.id)}>
                      {t("webhooks.deliveries")}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => void toggle(w)}>
                      {w.active ? t("webhooks.pause") : t("webhooks.resume")}
                    </button>
                    <button type="button" className="btn btn-small btn-danger-outline" onClick={() => setRemoving(w)}>
                      {t("webhooks.delete")}
                    </button>
                  </td>
                </tr>
              ))
            }
          </LoadedTable>
        </section>
        <aside className="col-side">
          <form className="panel" onSubmit={submit} noValidate>
            <h2>{t("webhooks.new")}</h2>
            <TextField label={t("webhooks.url")} required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://platform.example.gov.cn/onewindow/hook" error={s.fieldErrors.url} />
            <fieldset className="checks">
              <legend>{t("webhooks.events")}</legend>
              {WEBHOOK_EVENTS.map((ev) => (
                <CheckboxField key={ev} label={ev} checked={events.includes(ev)} onChange={(e) => setEvents((xs) => (e.target.checked ? [...xs, ev] : xs.filter((x) => x !== ev)))} />
              ))}
            </fieldset>
            <SelectField label={t("webhooks.client")} value={clientId} onChange={(e) => setClientId(e.target.value)} options={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))} placeholder={t("webhooks.unbound")} hint={t("webhooks.clientHint")} />
            <FormError message={s.formError} />
            <button type="submit" className="btn btn-primary" disabled={s.busy || !url.trim() || !events.length}>
              {t("webhooks.create")}
            </button>
          </form>
        </aside>
      </div>
      {selected && <DeliveriesPanel webhookId={selected} url={hooks.data?.find((w) => w.id === selected)?.url ?? ""} />}
      {removing && (
        <ConfirmDialog
          title={t("webhooks.delete")}
          message={t("webhooks.confirmDelete", { url: removing.url })}
          danger
          busy={act.busy}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await act.run(() => deleteWebhook(removing.id));
            if (selected === removing.id) setSelected(null);
            setRemoving(null);
            hooks.reload();
          }}
        />
      )}
    </div>
  );
}
