/** Edits one user: display name, role, department, enterprise, and password reset. */
import { useState, type FormEvent } from "react";
import type { EnterpriseDto, UserDto } from "../../../../models/contracts.ts";
import { ROLES, type Role } from "../../../../models/enums.ts";
import { updateUser, type UserPatch } from "../../api/admin.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Modal } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { FormError } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";
import { EnterprisePicker } from "./EnterprisePicker.tsx";

export function UserEditor({ user, onClose, onSaved }: { user: UserDto; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const { departments } = useReference();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [departmentId, setDepartmentId] = useState(user.departmentId ?? "");
  const [enterprise, setEnterprise] = useState<EnterpriseDto | null>(user.enterpriseId ? { id: user.enterpriseId, name: t("admin.users.currentEnterprise"), creditCode: "" } : null);
  const [password, setPassword] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const s = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!displayName.trim()) problems.displayName = t("validation.required");
    if (password && password.length < 8) problems.password = t("validation.password");
    if (role === "handler" && !departmentId) problems.departmentId = t("validation.required");
    if (role === "enterprise" && !enterprise) problems.enterpriseId = t("validation.required");
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const patch: UserPatch = {};
    if (displayName.trim() !== user.displayName) patch.displayName = displayName.trim();
    if (role !== user.role) patch.role = role;
    const dept = role === "handler" || role === "supervisor" ? departmentId || null : null;
    if (dept !== user.departmentId) patch.departmentId = dept;
    const ent = role === "enterprise" ? (enterprise?.id ?? null) : null;
    if (ent !== user.enterpriseId) patch.enterpriseId = ent;
    if (password) patch.password = password;
    if (Object.keys(patch).length === 0) return onClose();
    const r = await s.run(() => updateUser(user.id, patch));
    if (r) {
      notify(t("admin.saved"), "success");
      onSaved();
    }
  };
  const err = (k: string) => local[k] || s.fieldErrors[k];

  return (
    <Modal title={t("admin.users.edit", { name: user.username })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <TextField label={t("admin.users.displayName")} required value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={err("displayName")} />
        <SelectField label={t("admin.users.role")} required value={role} onChange={(e) => setRole(e.target.value as Role)} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} error={err("role")} />
        {(role === "handler" || role === "supervisor") && (
          <SelectField label={t("case.department")} required={role === "handler"} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={t("form.none")} error={err("departmentId")} />
        )}
        {role === "enterprise" && <EnterprisePicker value={enterprise} onChange={setEnterprise} error={err("enterpriseId")} />}
        <TextField label={t("admin.users.resetPassword")} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={err("password")} hint={t("admin.users.resetPasswordHint")} />
        <FormError message={s.formError} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={s.busy}>
            {t("common.save")}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
