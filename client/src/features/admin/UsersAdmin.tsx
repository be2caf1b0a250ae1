/** Users: create, change role / department / enterprise, disable or enable, reset password. */
import { useState, type FormEvent } from "react";
import type { EnterpriseDto, UserDto } from "../../../../models/contracts.ts";
import { ROLES, type Role } from "../../../../models/enums.ts";
import { createUser, listUsers, updateUser } from "../../api/admin.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { ConfirmDialog } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { Empty, ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";
import { EnterprisePicker } from "./EnterprisePicker.tsx";
import { UserEditor } from "./UserEditor.tsx";
import { useLoad } from "./useLoad.ts";

const EMPTY = { username: "", displayName: "", password: "", role: "" as Role | "", departmentId: "" };

export function UsersAdmin() {
  const { t } = useI18n();
  const { notify } = useNotice();
  const { departments, departmentName } = useReference();
  const users = useLoad(listUsers);
  const [form, setForm] = useState(EMPTY);
  const [enterprise, setEnterprise] = useState<EnterpriseDto | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [toggling, setToggling] = useState<UserDto | null>(null);
  const s = useSubmit();
  const toggle = useSubmit();

  const set = (k: keyof typeof EMPTY, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setLocal((e) => ({ ...e, [k]: "" }));
  };
  const err = (k: string) => local[k] || s.fieldErrors[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^[A-Za-z0-9._-]{3,50}$/.test(form.username)) problems.username = t("validation.username");
    if (!form.displayName.trim()) problems.displayName = t("validation.required");
    if (form.password.length < 8) problems.password = t("validation.password");
    if (!form.role) problems.role = t("validation.required");
    if (form.role === "handler" && !form.departmentId) problems.departmentId = t("validation.required");
    if (form.role === "enterprise" && !enterprise) problems.enterpriseId = t("validation.required");
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const r = await s.run(() =>
      createUser({
        username: form.username,
        displayName: form.displayName.trim(),
        password: form.password,
        role: form.role as Role,
        departmentId: form.departmentId || null,
        enterpriseId: form.role === "enterprise" ? (enterprise?.id ?? null) : null,
      }),
    );
    if (r) {
      notify(t("admin.users.created", { name: r.user.username }), "success");
      setForm(EMPTY);
      setEnterprise(null);
      users.reload();
    }
  };

  const needsDept = form.role === "handler" || form.role === "supervisor";
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("nav.admin.users")}</h1>
      </div>
      <div className="two-col wide-side">
        <section className="panel panel-flush col-main">
          {users.loading && !users.data ? (
            <Loading />
          ) : users.error ? (
            <ErrorState message={users.error} onRetry={users.reload} />
          ) : !users.data?.length ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="sr-only">{t("nav.admin.users")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("auth.username")}</th>
                    <th scope="col">{t("admin.users.displayName")}</th>
                    <th scope="col">{t("admin.users.role")}</th>
                    <th scope="col">{t("admin.users.scope")}</th>
                    <th scope="col">{t("admin.users.state")}</th>
                    <th scope="col">{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.map((u) => (
                    <tr key={u.id} className={u.active === false ? "row-disabled" : undefined}>
                      <td className="mono">{u.username}</td>
                      <td>{u.displayName}</td>
                      <td>{t(`role.${u.role}`)}</td>
                      <td>{u.departmentId ? departmentName(u.departmentId) : u.enterpriseId ? t("admin.users.enterpriseAccount") : "—"}</td>
                      <td>{u.active === false ? <span className="badge badge-muted">{t("admin.users.disabled")}</span> : <span className="badge badge-ok">{t("admin.users.active")}</span>}</td>
                      <td className="row-actions">
                        <button type="button" className="btn btn-small" onClick={() => setEditing(u)}>
                          {t("common.edit")}
                        </button>
                        <button type="button" className={`btn btn-small ${u.active === false ? "" : "btn-danger-outline"}`} onClick={() => setToggling(u)}>
                          {u.active === false ? t("admin.users.enable") : t("admin.users.disable")}
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
          <form className="panel" onSubmit={submit} noValidate aria-labelledby="new-user">
            <h2 id="new-user">{t("admin.users.new")}</h2>
            <TextField label={t("auth.username")} required autoComplete="off" value={form.username} onChange={(e) => set("username", e.target.value)} error={err("username")} hint={t("admin.users.usernameHint")} />
            <TextField label={t("admin.users.displayName")} required value={form.displayName} onChange={(e) => set("displayName", e.target.value)} error={err("displayName")} />
            <TextField label={t("admin.users.initialPassword")} required type="password" autoComplete="new-password" value={form.password} onChange={(e) => set("password", e.target.value)} error={err("password")} hint={t("admin.users.initialPasswordHint")} />
            <SelectField label={t("admin.users.role")} required value={form.role} onChange={(e) => set("role", e.target.value)} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} placeholder={t("form.choose")} error={err("role")} />
            {needsDept && <SelectField label={t("case.department")} required={form.role === "handler"} value={form.departmentId} onChange={(e) => set("departmentId", e.target.value)} options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={t("form.none")} error={err("departmentId")} />}
            {form.role === "enterprise" && <EnterprisePicker value={enterprise} onChange={setEnterprise} error={err("enterpriseId")} />}
            <FormError message={s.formError} />
            <button type="submit" className="btn btn-primary" disabled={s.busy}>
              {t("admin.users.create")}
            </button>
          </form>
        </aside>
      </div>
      {editing && <UserEditor user={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); users.reload(); }} />}
      {toggling && (
        <ConfirmDialog
          title={toggling.active === false ? t("admin.users.enable") : t("admin.users.disable")}
          message={t(toggling.active === false ? "admin.users.confirmEnable" : "admin.users.confirmDisable", { name: toggling.username })}
          danger={toggling.active !== false}
          busy={toggle.busy}
          onCancel={() => setToggling(null)}
          onConfirm={async () => {
            const r = await toggle.run(() => updateUser(toggling.id, { active: toggling.active === false }));
            setToggling(null);
            if (r) users.reload();
            else if (toggle.formError) notify(toggle.formError, "error");
          }}
        />
      )}
    </div>
  );
}
