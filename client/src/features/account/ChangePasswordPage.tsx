/**
 * Changing one's own password. Reached from the header for every role; the only page of a user whose password an
 * admin set (shown then as a card on its own, since nothing else is open to them). Success ends every session.
 */
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { TextField } from "../../components/Field.tsx";
import { FormError } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n } from "../../i18n/index.tsx";
import { AuthCard } from "../auth/AuthCard.tsx";
import { useAuth, useSignOut, useUser } from "../auth/AuthContext.tsx";

function ChangePasswordForm() {
  const { t } = useI18n();
  const { changePassword } = useAuth();
  const navigate = useNavigate();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const s = useSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!current) problems.currentPassword = t("validation.required");
    if (next.length < 8) problems.newPassword = t("validation.password");
    else if (next === current) problems.newPassword = t("account.password.same");
    if (again !== next) problems.confirm = t("account.password.mismatch");
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const done = await s.run(async () => {
      await changePassword(current, next);
      return true;
    });
    if (done) navigate("/login", { replace: true });
    else setCurrent("");
  };
  // The server names the wrong current password in its message; show it at the field.
  const err = (k: string) => local[k] || (k === "currentPassword" && s.fieldErrors[k] ? s.formError : s.fieldErrors[k]);

  return (
    <form onSubmit={submit} noValidate aria-label={t("account.password.title")}>
      <TextField label={t("account.password.current")} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} error={err("currentPassword")} />
      <TextField label={t("account.password.new")} type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} error={err("newPassword")} hint={t("account.password.hint")} />
      <TextField label={t("account.password.confirm")} type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} error={err("confirm")} />
      <p className="muted small">{t("account.password.effect")}</p>
      {!s.fieldErrors.currentPassword && <FormError message={s.formError} />}
      <button type="submit" className="btn btn-primary btn-block" disabled={s.busy}>
        {t("account.password.submit")}
      </button>
    </form>
  );
}

/** The page inside the signed-in shell (every role). */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="page narrow password-page">
      <div className="page-head">
        <div>
          <h1>{t("account.password.title")}</h1>
        </div>
        <button type="button" className="btn" onClick={() => navigate(-1)}>
          {t("account.password.back")}
        </button>
      </div>
      <section className="panel">
        <ChangePasswordForm />
      </section>
    </div>
  );
}

/** The page on its own, for a user who must change the password an admin set: nothing else to go to but sign-out. */
export function ForcedChangePasswordPage() {
  const { t } = useI18n();
  const user = useUser();
  const signOut = useSignOut();
  return (
    <AuthCard
      footer={
        <p className="login-foot">
          <button type="button" className="btn-link" onClick={signOut}>
            {t("auth.signOut")}
          </button>
        </p>
      }
    >
      <h2>{t("account.password.title")}</h2>
      <p className="form-info">{t("account.password.forced")}</p>
      <p className="muted small">
        {user.displayName} · {user.username}
      </p>
      <ChangePasswordForm />
    </AuthCard>
  );
}
