/** Departments: create, rename, change level or parent, deactivate. */
import { useState, type FormEvent } from "react";
import type { DepartmentDto } from "../../../../models/contracts.ts";
import { DEPARTMENT_LEVELS, type DepartmentLevel } from "../../../../models/enums.ts";
import { createDepartment, updateDepartment } from "../../api/admin.ts";
import { CheckboxField, SelectField, TextField } from "../../components/Field.tsx";
import { Modal } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";

function DepartmentForm({ initial, onDone, onCancel }: { initial?: DepartmentDto; onDone: () => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const { departments } = useReference();
  const [code, setCode] = useState(initial?.code ?? "");
  const [name, setName] = useState(initial?.name ?? "");
  const [level, setLevel] = useState<DepartmentLevel | "">(initial?.level ?? "");
  const [parentId, setParentId] = useState(initial?.parentId ?? "");
  const [active, setActive] = useState(initial?.active !== false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const s = useSubmit();
  const err = (k: string) => local[k] || s.fieldErrors[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string> = {};
    if (!initial && !/^[a-z][a-z0-9_-]{1,30}$/.test(code)) p.code = t("validation.code");
    if (!name.trim()) p.name = t("validation.required");
    if (!level) p.level = t("validation.required");
    setLocal(p);
    if (Object.keys(p).length) return;
    const r = await s.run(() =>
      initial
        ? updateDepartment(initial.id, { name: name.trim(), level: level as DepartmentLevel, parentId: parentId || null, active })
        : createDepartment({ code, name: name.trim(), level: level as DepartmentLevel, parentId: parentId || null }),
    );
    if (r) {
      notify(t("admin.saved"), "success");
      if (!initial) {
        setCode("");
        setName("");
        setLevel("");
        setParentId("");
      }
      onDone();
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      {!initial && <TextField label={t("admin.departments.code")} required value={code} onChange={(e) => setCode(e.target.value)} error={err("code")} hint={t("validation.code")} />}
      <TextField label={t("admin.departments.name")} required value={name} onChange={(e) => setName(e.target.value)} error={err("name")} />
      <SelectField label={t("admin.departments.level")} required value={level} onChange={(e) => setLevel(e.target.value as DepartmentLevel)} options={DEPARTMENT_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} placeholder={t("form.choose")} error={err("level")} />
      <SelectField label={t("admin.departments.parent")} value={parentId} onChange={(e) => setParentId(e.target.value)} options={departments.filter((d) => d.id !== initial?.id).map((d) => ({ value: d.id, label: d.name }))} placeholder={t("form.none")} error={err("parentId")} />
      {initial && <CheckboxField label={t("admin.departments.activeLabel")} checked={active} onChange={(e) => setActive(e.target.checked)} />}
      <FormError message={s.formError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={s.busy}>
          {initial ? t("common.save") : t("admin.departments.create")}
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

export function DepartmentsAdmin() {
  const { t } = useI18n();
  const { departments, loaded, error, reload, departmentName } = useReference();
  const [editing, setEditing] = useState<DepartmentDto | null>(null);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("nav.admin.departments")}</h1>
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
                <caption className="sr-only">{t("nav.admin.departments")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.departments.code")}</th>
                    <th scope="col">{t("admin.departments.name")}</th>
                    <th scope="col">{t("admin.departments.level")}</th>
                    <th scope="col">{t("admin.departments.parent")}</th>
                    <th scope="col">{t("admin.users.state")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {departments.map((d) => (
                    <tr key={d.id} className={d.active === false ? "row-disabled" : undefined}>
                      <td className="mono">{d.code}</td>
                      <td>{d.name}</td>
                      <td>{t(`level.${d.level}`)}</td>
                      <td>{d.parentId ? departmentName(d.parentId) : "—"}</td>
                      <td>{d.active === false ? <span className="badge badge-muted">{t("admin.departments.inactive")}</span> : <span className="badge badge-ok">{t("admin.departments.active")}</span>}</td>
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(d)}>
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
          <section className="panel" aria-labelledby="new-dept">
            <h2 id="new-dept">{t("admin.departments.new")}</h2>
            <DepartmentForm onDone={reload} />
          </section>
        </aside>
      </div>
      {editing && (
        <Modal title={t("admin.departments.edit", { name: editing.name })} onClose={() => setEditing(null)}>
          <DepartmentForm initial={editing} onDone={() => { setEditing(null); reload(); }} onCancel={() => setEditing(null)} />
        </Modal>
      )}
    </div>
  );
}
