/** Integration clients: issue keys, rename, disable/enable, require signed requests, rotate credentials. */
import { useState, type FormEvent } from "react";
import { createIntegrationClient, listIntegrationClients, rotateIntegrationClient, updateIntegrationClient, type IntegrationClient } from "../../api/integrations.ts";
import { TextField } from "../../components/Field.tsx";
import { ConfirmDialog, Modal } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { FormError } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { LoadedTable } from "./LoadedTable.tsx";
import { SecretPanel } from "./SecretPanel.tsx";
import { useLoad } from "./useLoad.ts";

type Pending = { kind: "toggle" | "rotate" | "signature"; client: IntegrationClient };

function confirmMessage(p: Pending): MessageKey {
  if (p.kind === "rotate") return "integrations.confirm.rotate";
  if (p.kind === "toggle") return p.client.active ? "integrations.confirm.toggle.off" : "integrations.confirm.toggle.on";
  return p.client.requireSignature ? "integrations.confirm.signature.off" : "integrations.confirm.signature.on";
}

export function IntegrationsAdmin() {
  const { t } = useI18n();
  const { notify } = useNotice();
  const clients = useLoad(listIntegrationClients);
  const [name, setName] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ title: string; apiKey: string; signingSecret: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [renaming, setRenaming] = useState<{ client: IntegrationClient; name: string } | null>(null);
  const s = useSubmit();
  const act = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setLocal(t("validation.required"));
    setLocal(null);
    const r = await s.run(() => createIntegrationClient(name.trim()));
    if (r) {
      setIssued({ title: t("integrations.issued", { name: r.name }), apiKey: r.apiKey, signingSecret: r.signingSecret });
      setName("");
      clients.reload();
    }
  };

  const confirm = async () => {
    if (!pending) return;
    const c = pending.client;
    if (pending.kind === "rotate") {
      const r = await act.run(() => rotateIntegrationClient(c.id));
      if (r) setIssued({ title: t("integrations.rotated", { name: c.name }), ...r });
    } else {
      const patch = pending.kind === "toggle" ? { active: !c.active } : { requireSignature: !c.requireSignature };
      await act.run(() => updateIntegrationClient(c.id, patch));
    }
    setPending(null);
    if (act.formError) notify(act.formError, "error");
    clients.reload();
  };

  const rename = async () => {
    if (!renaming || !renaming.name.trim()) return;
    const r = await act.run(() => updateIntegrationClient(renaming.client.id, { name: renaming.name.trim() }));
    if (r) {
      setRenaming(null);
      clients.reload();
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("nav.admin.integrations")}</h1>
          <p className="muted">{t("integrations.lead")}</p>
        </div>
      </div>
      {issued && <SecretPanel title={issued.title} secrets={[{ label: t("integrations.key"), value: issued.apiKey }, { label: t("integrations.signingSecret"), value: issued.signingSecret }]} onClose={() => setIssued(null)} />}
      <div className="two-col wide-side">
        <section className="panel panel-flush col-main">
          <LoadedTable state={clients} caption={t("nav.admin.integrations")} headers={[t("integrations.name"), t("admin.users.state"), t("integrations.signature"), t("integrations.createdAt"), t("common.actions")]}>
            {(rows) =>
              rows.map((c) => (
              <tr key={c.id} className={c.active ? undefined : "row-disabled"}>
                <td>{c.name}</td>
                <td>{c.active ? <span className="badge badge-ok">{t("admin.users.active")}</span> : <span className="badge badge-muted">{t("admin.users.disabled")}</span>}</td>
                <td>{c.requireSignature ? <span className="badge badge-ok">{t("integrations.signatureRequired")}</span> : <span className="badge badge-muted">{t("integrations.signatureOptional")}</span>}</td>
                <td>{formatDateTime(c.createdAt)}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setRenaming({ client: c, name: c.name })}>
                    {t("integrations.rename")}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setPending({ kind: "signature", client: c })}>
                    {c.requireSignature ? t("integrations.signatureOff") : t("integrations.signatureOn")}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setPending({ kind: "rotate", client: c })}>
                    {t("integrations.rotate")}
                  </button>
                  <button type="button" className={`btn btn-small ${c.active ? "btn-danger-outline" : ""}`} onClick={() => setPending({ kind: "toggle", client: c })}>
                    {c.active ? t("admin.users.disable") : t("admin.users.enable")}
                  </button>
                </td>
              </tr>
            ))
            }
          </LoadedTable>
        </section>
        <aside className="col-side">
          <form className="panel" onSubmit={submit} noValidate>
            <h2>{t("integrations.new")}</h2>
            <TextField label={t("integrations.name")} required value={name} onChange={(e) => setName(e.target.value)} error={local || s.fieldErrors.name} placeholder={t("integrations.placeholder")} />
            <FormError message={s.formError} />
            <button type="submit" className="btn btn-primary" disabled={s.busy}>
              {t("integrations.create")}
            </button>
          </form>
        </aside>
      </div>
      {pending && (
        <ConfirmDialog
          title={t(`integrations.confirm.${pending.kind}.title`)}
          message={t(confirmMessage(pending), { name: pending.client.name })}
          danger={pending.kind === "rotate" || (pending.kind === "toggle" && pending.client.active)}
          busy={act.busy}
          onCancel={() => setPending(null)}
          onConfirm={() => void confirm()}
        />
      )}
      {renaming && (
        <Modal
          title={t("integrations.rename")}
          onClose={() => setRenaming(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setRenaming(null)}>
                {t("common.cancel")}
              </button>
              <button type="button" className="btn btn-primary" disabled={act.busy || !renaming.name.trim()} onClick={() => void rename()}>
                {t("common.save")}
              </button>
            </>
          }
        >
          <TextField label={t("integrations.name")} required value={renaming.name} onChange={(e) => setRenaming({ ...renaming, name: e.target.value })} error={act.fieldErrors.name} />
          <FormError message={act.formError} />
        </Modal>
      )}
    </div>
  );
}
