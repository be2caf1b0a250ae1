/** Categories and their time limits: owner department and every limit of domain.md, edited per category. */
import { useState, type FormEvent } from "react";
import type { CategoryDto } from "../../../../models/contracts.ts";
import { saveCategory } from "../../api/admin.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Modal } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";
import { LimitsEditor, formToLimits, limitsDifferences, limitsToForm } from "./LimitsEditor.tsx";

function CategoryForm({ initial, onDone, onCancel }: { initial?: CategoryDto; onDone: () => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const { departments } = useReference();
  const [code, setCode] = useState(initial?.code ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [departmentId, setDepartmentId] = useState(initial?.departmentId ?? "");
  const [signHours, setSignHours] = useState(String(initial?.signHours ?? 2));
  const [replyDays, setReplyDays] = useState(String(initial?.replyDays ?? 5));
  const [limits, setLimits] = useState<Record<string, string>>(() => (initial ? limitsToForm(initial.limits) : {}));
  const [local, setLocal] = useState<Record<string, string>>({});
  const s = useSubmit();
  const err = (k: string) => local[k] || s.fieldErrors[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (!/^[a-z][a-z0-9_.-]{1,60}$/.test(code)) p.code = t("validation.categoryCode");
    if (!name.trim()) p.name = t("validation.required");
    let sh = Number(signHours);
    let rd = Number(replyDays);
    // Editing: every limit comes from the editor; signHours and replyDays (api.md's pair) follow it.
    const edited = initial ? formToLimits(limits, (min, max) => t("validation.range", { min, max })) : undefined;
    if (edited) {
      Object.assign(p, edited.errors);
      if (edited.limits) [sh, rd] = [edited.limits.signHours, edited.limits.replyDays.complaint];
    } else {
      if (!Number.isInteger(sh) || sh < 1 || sh > 72) p.signHours = t("validation.range", { min: 1, max: 72 });
      if (!Number.isInteger(rd) || rd < 1 || rd > 60) p.replyDays = t("validation.range", { min: 1, max: 60 });
    }
    setLocal(p);
    if (Object.keys(p).length) return;
    const r = await s.run(() => saveCategory(code, { name: name.trim(), departmentId: departmentId || null, signHours: sh, replyDays: rd, ...(edited?.limits ? { limits: edited.limits } : {}) }));
    if (r) {
      notify(t("admin.saved"), "success");
      if (!initial) {
        setCode("");
        setName("");
      }
      onDone();
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t("admin.categories.code")} required readOnly={!!initial} value={code} onChange={(e) => setCode(e.target.value)} error={err("code")} hint={initial ? undefined : t("validation.categoryCode")} />
      <TextField label={t("admin.categories.name")} required value={name} onChange={(e) => setName(e.target.value)} error={err("name")} />
      <SelectField label={t("admin.categories.department")} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} options={departments.filter((d) => d.active !== false).map((d) => ({ value: d.id, label: d.name }))} placeholder={t("admin.categories.noDepartment")} error={err("departmentId")} />
      {initial ? (
        <>
          <p className="muted">{t("admin.limits.lead")}</p>
          <LimitsEditor values={limits} onChange={(path, value) => setLimits((l) => ({ ...l, [path]: value }))} errors={err} />
        </>
      ) : (
        <div className="grid-2">
          <TextField label={t("admin.categories.signHours")} required type="number" min={1} max={72} value={signHours} onChange={(e) => setSignHours(e.target.value)} error={err("signHours")} />
          <TextField label={t("admin.categories.replyDays")} required type="number" min={1} max={60} value={replyDays} onChange={(e) => setReplyDays(e.target.value)} error={err("replyDays")} />
        </div>
      )}
      <FormError message={s.formError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={s.busy}>
          {initial ? t("common.save") : t("admin.categories.create")}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

export function CategoriesAdmin() {
  const { t } = useI18n();
  const { categories, loaded, error, reload, departmentName } = useReference();
  const [editing, setEditing] = useState<CategoryDto | null>(null);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("nav.admin.categories")}</h1>
          <p className="muted">{t("admin.categories.lead")}</p>
        </div>
      </div>
      <div className="two-col wide-side">
        <section className="panel panel-flush col-main">
          {error ? (
            <ErrorState message={error} onRetry={reload} />
          ) : !loaded ? (
            <Loading />
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="sr-only">{t("nav.admin.categories")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.categories.code")}</th>
                    <th scope="col">{t("admin.categories.name")}</th>
                    <th scope="col">{t("admin.categories.department")}</th>
                    <th scope="col" className="num">{t("admin.categories.signHours")}</th>
                    <th scope="col" className="num">{t("admin.categories.replyDays")}</th>
                    <th scope="col">{t("admin.limits.other")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {categories.map((c) => (
                    <tr key={c.code}>
                      <td className="mono">{c.code}</td>
                      <td>{c.name}</td>
                      <td>{c.departmentId ? departmentName(c.departmentId) : <span className="muted">{t("admin.categories.noDepartment")}</span>}</td>
                      <td className="num">{c.signHours}</td>
                      <td className="num">{c.replyDays}</td>
                      <td className="limits-summary">{limitsDifferences(c, t) || t("admin.limits.defaults")}</td>
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(c)}>
                          {t("common.edit")}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <aside className="col-side">
          <section className="panel" aria-labelledby="new-cat">
            <h2 id="new-cat">{t("admin.categories.new")}</h2>
            <CategoryForm onDone={reload} />
          </section>
        </aside>
      </div>
      {editing && (
        <Modal wide title={t("admin.categories.edit", { name: editing.name })} onClose={() => setEditing(null)}>
          <CategoryForm initial={editing} onDone={() => { setEditing(null); reload(); }} onCancel={() => setEditing(null)} />
        </Modal>
      )}
    </div>
  );
}
