/** The signed-in shell: header with brand, the role's navigation, connection state, language, password and sign-out. */
import type { ReactNode } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { useSignOut, useUser } from "../features/auth/AuthContext.tsx";
import { ReferenceGate } from "../features/reference/ReferenceContext.tsx";
import { useI18n, type MessageKey } from "../i18n/index.tsx";
import { CHANGE_PASSWORD_PATH } from "../lib/roles.ts";
import { useConnectionState } from "../realtime/hooks.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";

const NAV: Record<string, { to: string; key: MessageKey; end?: boolean }[]> = {
  operator: [
    { to: "/operator", key: "nav.operator.intake", end: true },
    { to: "/operator/dispatch", key: "nav.operator.dispatch" },
    { to: "/operator/returns", key: "nav.operator.returns" },
    { to: "/operator/callback", key: "nav.operator.callback" },
    { to: "/operator/search", key: "nav.search" },
    { to: "/knowledge", key: "nav.knowledge" },
  ],
  clerk: [
    { to: "/clerk/window", key: "nav.clerk.window" },
    { to: "/clerk", key: "nav.clerk.intake", end: true },
    { to: "/clerk/cases", key: "nav.clerk.cases" },
    { to: "/knowledge", key: "nav.knowledge" },
  ],
  handler: [
    { to: "/handler", key: "nav.handler.queue", end: true },
    { to: "/handler/all", key: "nav.handler.all" },
    { to: "/knowledge", key: "nav.knowledge" },
  ],
  enterprise: [
    { to: "/enterprise", key: "nav.enterprise.cases", end: true },
    { to: "/enterprise/new", key: "nav.enterprise.new" },
    { to: "/enterprise/ticket", key: "nav.enterprise.ticket" },
    { to: "/enterprise/policies", key: "nav.enterprise.policies" },
  ],
  supervisor: [
    { to: "/supervisor", key: "nav.supervisor.overdue", end: true },
    { to: "/supervisor/escalated", key: "nav.supervisor.escalated" },
    { to: "/supervisor/approvals", key: "nav.supervisor.approvals" },
    { to: "/supervisor/dashboard", key: "nav.supervisor.dashboard" },
    { to: "/supervisor/hall", key: "nav.supervisor.hall" },
    { to: "/supervisor/search", key: "nav.search" },
    { to: "/knowledge", key: "nav.knowledge", end: true },
    { to: "/knowledge/stats", key: "nav.knowledgeStats" },
  ],
  admin: [
    { to: "/admin", key: "nav.admin.users", end: true },
    { to: "/admin/departments", key: "nav.admin.departments" },
    { to: "/admin/categories", key: "nav.admin.categories" },
    { to: "/admin/calendar", key: "nav.admin.calendar" },
    { to: "/admin/integrations", key: "nav.admin.integrations" },
    { to: "/admin/services", key: "nav.admin.services" },
    { to: "/knowledge", key: "nav.knowledge", end: true },
    { to: "/knowledge/stats", key: "nav.knowledgeStats" },
    { to: "/admin/webhooks", key: "nav.admin.webhooks" },
  ],
};

function ConnectionDot() {
  const { t } = useI18n();
  const s = useConnectionState();
  return (
    <span className={`conn conn-${s}`} title={t(`conn.${s}`)}>
      <span className="conn-dot" aria-hidden="true" />
      <span className="conn-text">{t(`conn.${s}`)}</span>
    </span>
  );
}

export function Layout({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  const user = useUser();
  const signOut = useSignOut();
  const items = NAV[user.role] ?? [];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            一
          </span>
          <span className="brand-text">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-sub">{t("app.subtitle")}</span>
          </span>
        </div>
        <nav className="mainnav" aria-label={t("nav.label")}>
          {items.map((i) => (
            <NavLink key={i.to} to={i.to} end={i.end} className={({ isActive }) => (isActive ? "active" : undefined)}>
              {t(i.key)}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-right">
          <ConnectionDot />
          <span className="whoami" title={user.username}>
            <span className="whoami-name">{user.displayName}</span>
            <span className="whoami-role">{t(`role.${user.role}`)}</span>
          </span>
          <LanguageSwitch />
          <Link className="btn btn-ghost" to={CHANGE_PASSWORD_PATH}>
            {t("auth.changePassword")}
          </Link>
          <button type="button" className="btn btn-ghost" onClick={signOut}>
            {t("auth.signOut")}
          </button>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <ReferenceGate>{children ?? <Outlet />}</ReferenceGate>
      </main>
    </div>
  );
}
