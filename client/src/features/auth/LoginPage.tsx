/** Sign-in: username and password, clear errors, then the role's workspace. */
import { useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { ApiError } from "../../api/http.ts";
import { TextField } from "../../components/Field.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { CHANGE_PASSWORD_PATH, homePathOf, mayOpen } from "../../lib/roles.ts";
import { AuthCard } from "./AuthCard.tsx";
import { useAuth } from "./AuthContext.tsx";

export function LoginPage() {
  const { t } = useI18n();
  const { user, login, expired, passwordChanged } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={user.mustChangePassword ? CHANGE_PASSWORD_PATH : homePathOf(user.role)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!username.trim()) next.username = t("auth.usernameRequired");
    if (!password) next.password = t("auth.passwordRequired");
    setErrors(next);
    setFormError(null);
    if (next.username || next.password) return;
    setBusy(true);
    try {
      const u = await login(username.trim(), password);
      if (u.mustChangePassword) navigate(CHANGE_PASSWORD_PATH, { replace: true });
      else navigate(from && mayOpen(u.role, from) ? from : homePathOf(u.role), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === "unauthenticated") setFormError(t("auth.wrongCredentials"));
      else if (err instanceof ApiError && err.code === "rate_limited") setFormError(err.message);
      else if (err instanceof ApiError && err.code === "validation_failed") setErrors(err.fieldErrors());
      else setFormError((err as Error).message);
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard footer={<p className="login-foot muted small">{t("auth.footer")}</p>}>
      <form onSubmit={submit} noValidate aria-label={t("auth.title")}>
        <h2>{t("auth.title")}</h2>
        {passwordChanged ? <p className="form-info">{t("auth.passwordChanged")}</p> : expired && <p className="form-info">{t("auth.expired")}</p>}
        <TextField label={t("auth.username")} name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} error={errors.username} required />
        <TextField label={t("auth.password")} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} required />
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t("auth.signingIn") : t("auth.signIn")}
        </button>
      </form>
    </AuthCard>
  );
}
