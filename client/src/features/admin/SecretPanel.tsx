/** Credentials shown once (API key, signing secret, webhook secret), each with a copy button. */
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";

export function SecretPanel({ title, secrets, onClose }: { title: string; secrets: { label: string; value: string }[]; onClose: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <section className="panel panel-success" aria-live="polite">
      <h2>{title}</h2>
      <p className="banner banner-warning">{t("integrations.once")}</p>
      {secrets.map((s) => (
        <div className="secret-row" key={s.label}>
          <label htmlFor={`secret-${s.label}`}>{s.label}</label>
          <div className="copy-row">
            <input id={`secret-${s.label}`} className="mono" readOnly value={s.value} onFocus={(e) => e.target.select()} />
            <button type="button" className="btn" onClick={() => void navigator.clipboard?.writeText(s.value).then(() => setCopied(s.label))}>
              {copied === s.label ? t("integrations.copied") : t("integrations.copy")}
            </button>
          </div>
        </div>
      ))}
      <button type="button" className="btn" onClick={onClose}>
        {t("integrations.done")}
      </button>
    </section>
  );
}
