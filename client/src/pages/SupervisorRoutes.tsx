/** Supervisor: overdue and escalated lists, approvals, the dashboard and search. */
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import type { CaseDto } from "../../../models/contracts.ts";
import { Loading } from "../components/States.tsx";
import { useI18n } from "../i18n/index.tsx";
import { QueuePage, QueueSection } from "../features/cases/QueuePage.tsx";
import { SearchPage } from "../features/search/SearchPage.tsx";
import { compareByDeadline } from "../lib/deadline.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

const HallView = lazy(() => import("../features/centre/HallView.tsx").then((m) => ({ default: m.HallView })));
const Dashboard = lazy(() => import("../features/supervisor/Dashboard.tsx"));

const ESCALATE = ["urge", "supervise", "list"] as const;
const byEscalation = (a: CaseDto, b: CaseDto) => b.escalation - a.escalation || compareByDeadline(a, b);

function Approvals() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1 className="page-title">{t("nav.supervisor.approvals")}</h1>
      <QueueSection level={2} title="approvals.extensions.title" lead="approvals.extensions.lead" filter={{ status: "in_progress", pendingExtension: true }} columns={["number", "title", "department", "countdown"]} rowActions={["decide-extension"]} sort={compareByDeadline} arrivalNotice="notice.newExtension" empty="approvals.extensions.empty" />
      <QueueSection level={2} title="approvals.returns.title" lead="approvals.returns.lead" filter={{ status: "return_review" }} columns={["number", "title", "department", "countdown", "received"]} rowActions={["decide-return"]} arrivalNotice="notice.newReturn" empty="approvals.returns.empty" />
    </div>
  );
}

export function SupervisorRoutes() {
  return (
    <Routes>
      <Route index element={<QueuePage title="queue.overdue.title" lead="queue.overdue.lead" filter={{ overdue: true, sort: "deadline" }} columns={["number", "title", "department", "status", "countdown"]} rowActions={[...ESCALATE]} sort={compareByDeadline} empty="queue.overdue.empty" />} />
      <Route path="escalated" element={<QueuePage title="queue.escalated.title" lead="queue.escalated.lead" filter={{ escalated: true }} columns={["number", "title", "department", "status", "countdown"]} rowActions={[...ESCALATE]} sort={byEscalation} empty="queue.escalated.empty" />} />
      <Route path="approvals" element={<Approvals />} />
      <Route path="dashboard" element={<Suspense fallback={<Loading />}><Dashboard /></Suspense>} />
      <Route path="hall" element={<Suspense fallback={<Loading />}><HallView /></Suspense>} />
      <Route path="search" element={<SearchPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
