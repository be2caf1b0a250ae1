/** Integration clients: issue an API key (shown once). */
import { useState, type FormEvent } from "react";
import { createIntegrationClient } from "../../api/admin.ts";
import { TextField } from "../../components/Field.tsx";
import { FormError } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";

export function IntegrationsAdmin() {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ name: string; apiKey: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const s = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setLocal(t("validation.required"));
    setLocal(null);
    const r = await s.run(() => createIntegrationClient(name.trim()));
    if (r) {
      setIssued({ name: r.name, apiKey: r.apiKey });
      setCopied(false);
      setName("");
    }
  };

  return (
    <div className="page narrow">
      <div className="page-head">
        <div>
          <h1>{t("nav.admin.integrations")}</h1>
          <p className="muted">{t("integrations.lead")}</p>
        </div>
      </div>
      <form className="panel" onSubmit={submit} noValidate>
        <TextField label={t("integrations.name")} required value={name} onChange={(e) => setName(e.target.value)} error={local || s.fieldErrors.name} placeholder={t("integrations.placeholder")} />
        <FormError message={s.formError} />
        <button type="submit" className="btn btn-primary" disabled={s.busy}>
          {t("integrations.create")}
        </button>
      </form>
      {issued && (
        <section className="panel panel-success" aria-live="polite">
          <h2>{t("integrations.issued", { name: issued.name })}</h2>
          <p className="banner banner-warning">{t("integrations.once")}</p>
          <label htmlFor="api-key">{t("integrations.key")}</label>
          <div className="copy-row">
            <input id="api-key" className="mono" readOnly value={issued.apiKey} onFocus={(e) => e.target.select()} />
            <button
              type="button"
              className="btn"
              onClick={() => {
                void navigator.clipboard?.writeText(issued.apiKey).then(() => setCopied(true));
              }}
            >
              {copied ? t("integrations.copied") : t("integrations.copy")}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
