/** The card of the pages outside the signed-in shell (sign-in, a forced password change): brand, language, content. */
import type { ReactNode } from "react";
import { LanguageSwitch } from "../../components/LanguageSwitch.tsx";
import { useI18n } from "../../i18n/index.tsx";

export function AuthCard({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <div className="login-card">
        <div className="login-brand">
          <span className="brand-mark large" aria-hidden="true">
            一
          </span>
          <div>
            <h1>{t("app.name")}</h1>
            <p className="muted">{t("app.subtitle")}</p>
          </div>
        </div>
        {children}
        {footer}
      </div>
    </div>
  );
}
