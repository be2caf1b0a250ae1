/** Routes: sign-in, then each role's workspace inside the shell; the case page is shared. */
import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";
import type { Role } from "../../models/enums.ts";
import { Layout } from "./components/Layout.tsx";
import { NoticeProvider } from "./components/Notice.tsx";
import { ErrorState, Loading } from "./components/States.tsx";
import { ChangePasswordPage, ForcedChangePasswordPage } from "./features/account/ChangePasswordPage.tsx";
import { AuthProvider, useAuth } from "./features/auth/AuthContext.tsx";
import { LoginPage } from "./features/auth/LoginPage.tsx";
import { CasePage } from "./features/cases/CasePage.tsx";
import { ReferenceProvider } from "./features/reference/ReferenceContext.tsx";
import { I18nProvider, useI18n } from "./i18n/index.tsx";
import { CHANGE_PASSWORD_PATH, homePathOf } from "./lib/roles.ts";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";

// Each workspace loads on demand, so a role downloads only its own screens.
const OperatorRoutes = lazy(() => import("./pages/OperatorRoutes.tsx").then((m) => ({ default: m.OperatorRoutes })));
const ClerkRoutes = lazy(() => import("./pages/ClerkRoutes.tsx").then((m) => ({ default: m.ClerkRoutes })));
const HandlerRoutes = lazy(() => import("./pages/HandlerRoutes.tsx").then((m) => ({ default: m.HandlerRoutes })));
const EnterpriseRoutes = lazy(() => import("./pages/EnterpriseRoutes.tsx").then((m) => ({ default: m.EnterpriseRoutes })));
const SupervisorRoutes = lazy(() => import("./pages/SupervisorRoutes.tsx").then((m) => ({ default: m.SupervisorRoutes })));
// The hall's public screens: no sign-in, no shell.
const KioskPage = lazy(() => import("./features/centre/KioskPage.tsx").then((m) => ({ default: m.KioskPage })));
const BoardPage = lazy(() => import("./features/centre/BoardPage.tsx").then((m) => ({ default: m.BoardPage })));
const KnowledgeRoutes = lazy(() => import("./pages/KnowledgeRoutes.tsx").then((m) => ({ default: m.KnowledgeRoutes })));
const AdminRoutes = lazy(() => import("./pages/AdminRoutes.tsx").then((m) => ({ default: m.AdminRoutes })));

/** Signed-in area: restores the session first, sends strangers to sign-in, others to their workspace. */
function RequireUser({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, restoreError, retry } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (restoreError) return <ErrorState message={t("auth.restoreFailed")} onRetry={retry} />;
  if (user === undefined) return <Loading />;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // A password an admin set must be changed before anything else.
  if (user.mustChangePassword) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  if (roles && !roles.includes(user.role)) return <Navigate to={homePathOf(user.role)} replace />;
  return (
    <ReferenceProvider>
      <Layout>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </Layout>
    </ReferenceProvider>
  );
}

function Home() {
  const { user, restoreError, retry } = useAuth();
  const { t } = useI18n();
  if (restoreError) return <ErrorState message={t("auth.restoreFailed")} onRetry={retry} />;
  if (user === undefined) return <Loading />;
  return <Navigate to={user ? (user.mustChangePassword ? CHANGE_PASSWORD_PATH : homePathOf(user.role)) : "/login"} replace />;
}

/** Changing one's password: on its own for a user who must, in the shell for everyone else. */
function PasswordRoute() {
  const { user } = useAuth();
  if (user?.mustChangePassword) return <ForcedChangePasswordPage />;
  return (
    <RequireUser>
      <ChangePasswordPage />
    </RequireUser>
  );
}

export function App() {
  return (
    <I18nProvider>
      <NoticeProvider>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/" element={<Home />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/kiosk" element={<Suspense fallback={<Loading />}><KioskPage /></Suspense>} />
              <Route path="/board" element={<Suspense fallback={<Loading />}><BoardPage /></Suspense>} />
              <Route path="/operator/*" element={<RequireUser roles={["operator"]}><OperatorRoutes /></RequireUser>} />
              <Route path="/clerk/*" element={<RequireUser roles={["clerk"]}><ClerkRoutes /></RequireUser>} />
              <Route path="/handler/*" element={<RequireUser roles={["handler"]}><HandlerRoutes /></RequireUser>} />
              <Route path="/enterprise/*" element={<RequireUser roles={["enterprise"]}><EnterpriseRoutes /></RequireUser>} />
              <Route path="/supervisor/*" element={<RequireUser roles={["supervisor"]}><SupervisorRoutes /></RequireUser>} />
              <Route path="/admin/*" element={<RequireUser roles={["admin"]}><AdminRoutes /></RequireUser>} />
              <Route path={CHANGE_PASSWORD_PATH} element={<PasswordRoute />} />
              <Route path="/knowledge/*" element={<RequireUser roles={["operator", "clerk", "handler", "supervisor", "admin"]}><KnowledgeRoutes /></RequireUser>} />
              <Route path="/cases/:id" element={<RequireUser><CasePage /></RequireUser>} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </NoticeProvider>
    </I18nProvider>
  );
}
