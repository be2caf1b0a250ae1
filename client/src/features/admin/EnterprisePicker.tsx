/** Chooses an enterprise for an enterprise account: search by name / credit code, or register a new one. */
import { useEffect, useState } from "react";
import type { EnterpriseDto } from "../../../../models/contracts.ts";
import { createEnterprise } from "../../api/admin.ts";
import { searchEnterprises } from "../../api/reference.ts";
import { TextField } from "../../components/Field.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { FormError } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { creditCodeMessage } from "../../lib/intake.ts";
import { normalizeCreditCode } from "../../../../models/validation.ts";
import { useDebounced } from "../intake/useDebounced.ts";

export function EnterprisePicker({ value, onChange, error }: { value: EnterpriseDto | null; onChange: (e: EnterpriseDto | null) => void; error?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const dq = useDebounced(q.trim(), 300);
  const [hits, setHits] = useState<EnterpriseDto[]>([]);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const s = useSubmit();

  useEffect(() => {
    if (dq.length < 1) return setHits([]);
    searchEnterprises(dq).then(setHits).catch(() => setHits([]));
  }, [dq]);

  if (value) {
    return (
      <div className="field">
        <span className="label-like">{t("admin.users.enterprise")}</span>
        <div className="picked">
          <span>
            {value.name} <span className="mono muted">{value.creditCode}</span>
          </span>
          <button type="button" className="btn btn-small" onClick={() => onChange(null)}>
            {t("common.change")}
          </button>
        </div>
      </div>
    );
  }
  const codeMsg = code ? creditCodeMessage(code, code.length >= 18) : null;
  return (
    <div className="enterprise-picker">
      <TextField label={t("admin.users.enterpriseSearch")} value={q} onChange={(e) => setQ(e.target.value)} error={error} hint={t("admin.users.enterpriseSearchHint")} />
      {hits.length > 0 && (
        <ul className="lookup-list">
          {hits.slice(0, 8).map((h) => (
            <li key={h.id}>
              <button type="button" className="lookup-item" onClick={() => onChange(h)}>
                <span>{h.name}</span> <span className="mono muted">{h.creditCode}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {!adding ? (
        <button type="button" className="btn btn-link" onClick={() => setAdding(true)}>
          {t("admin.enterprises.add")}
        </button>
      ) : (
        <div className="subform">
          <TextField label={t("intake.enterpriseName")} required value={name} onChange={(e) => setName(e.target.value)} error={s.fieldErrors.name} />
          <TextField label={t("intake.creditCode")} required className="mono-input" value={code} onChange={(e) => setCode(normalizeCreditCode(e.target.value))} error={s.fieldErrors.creditCode || (codeMsg ? t(codeMsg) : undefined)} />
          <FormError message={s.formError} />
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={s.busy || !name.trim() || !!creditCodeMessage(code, true) || !code}
              onClick={async () => {
                const r = await s.run(() => createEnterprise({ name: name.trim(), creditCode: code }));
                if (r) {
                  onChange(r.enterprise);
                  setAdding(false);
                }
              }}
            >
              {t("admin.enterprises.create")}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setAdding(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
