/** Admin: the hall's lines (code, name, number prefix, active, order). */
import { useState, type FormEvent } from "react";
import type { ServiceDto } from "../../../../models/contracts.ts";
import { listServices, saveService } from "../../api/serviceCentre.ts";
import { CheckboxField, TextField } from "../../components/Field.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useLoad } from "../admin/useLoad.ts";

function ServiceForm({ initial, onDone }: { initial?: ServiceDto; onDone: () => void }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const [code, setCode] = useState(initial?.code ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [prefix, setPrefix] = useState(initial?.prefix ?? "");
  const [active, setActive] = useState(initial?.active ?? true);
  const [sort, setSort] = useState(String(initial?.sort ?? 100));
  const s = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await s.run(() => saveService(code.trim(), { name: name.trim(), prefix: prefix.trim().toUpperCase(), active, sort: Number(sort) || 0 }));
    if (saved) {
      notify(t("centre.admin.saved"), "success");
      onDone();
    }
  };
  return (
    <form onSubmit={submit} noValidate className="service-form">
      <TextField label={t("centre.admin.code")} required readOnly={!!initial} value={code} onChange={(e) => setCode(e.target.value)} error={s.fieldErrors["params.code"] ?? s.fieldErrors.code} />
      <TextField label={t("centre.admin.name")} required value={name} onChange={(e) => setName(e.target.value)} error={s.fieldErrors.name} />
      <div className="grid-2">
        <TextField label={t("centre.admin.prefix")} required maxLength={3} value={prefix} onChange={(e) => setPrefix(e.target.value.toUpperCase())} error={s.fieldErrors.prefix} />
        <TextField label={t("centre.admin.sort")} type="number" min={0} value={sort} onChange={(e) => setSort(e.target.value)} error={s.fieldErrors.sort} />
      </div>
      <CheckboxField label={t("centre.admin.active")} checked={active} onChange={(e) => setActive(e.target.checked)} />
      <FormError message={s.formError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={s.busy}>
          {initial ? t("common.save") : t("centre.admin.add")}
        </button>
      </div>
    </form>
  );
}

export function ServicesAdmin() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad(listServices);
  const [editing, setEditing] = useState<ServiceDto | null>(null);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("centre.admin.title")}</h1>
          <p className="muted">{t("centre.admin.lead")}</p>
        </div>
      </div>
      <div className="two-col wide-side">
        <section className="panel panel-flush col-main">
          {error ? (
            <ErrorState message={error} onRetry={reload} />
          ) : loading && !data ? (
            <Loading />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("centre.admin.prefix")}</th>
                  <th scope="col">{t("centre.admin.name")}</th>
                  <th scope="col">{t("centre.admin.code")}</th>
                  <th scope="col">{t("centre.admin.active")}</th>
                  <th scope="col" className="num">{t("centre.admin.sort")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {(data ?? []).map((s) => (
                  <tr key={s.code}>
                    <td className="mono strong">{s.prefix}</td>
                    <td>{s.name}</td>
                    <td className="mono">{s.code}</td>
                    <td>{s.active ? "✓" : "—"}</td>
                    <td className="num">{s.sort}</td>
                    <td>
                      <button type="button" className="btn btn-small" onClick={() => setEditing(s)}>
                        {t("common.edit")}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <aside className="col-side panel">
          <h2>{editing ? `${t("common.edit")} · ${editing.name}` : t("centre.admin.add")}</h2>
          <ServiceForm key={editing?.code ?? "new"} initial={editing ?? undefined} onDone={() => (setEditing(null), reload())} />
        </aside>
      </div>
    </div>
  );
}
