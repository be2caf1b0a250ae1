/** 12345 operator: intake, dispatch queue, return review, callbacks, search. */
import { Route, Routes } from "react-router";
import { QueuePage } from "../features/cases/QueuePage.tsx";
import { IntakePage } from "../features/intake/IntakePage.tsx";
import { SearchPage } from "../features/search/SearchPage.tsx";
import { compareByDeadline } from "../lib/deadline.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function OperatorRoutes() {
  return (
    <Routes>
      <Route index element={<IntakePage mode="operator" />} />
      <Route
        path="dispatch"
        element={<QueuePage title="queue.dispatch.title" lead="queue.dispatch.lead" filter={{ status: "registered" }} columns={["number", "title", "type", "category", "requester", "channel", "received"]} rowActions={["dispatch", "answer", "merge"]} arrivalNotice="notice.newRegistered" empty="queue.dispatch.empty" />}
      />
      <Route
        path="returns"
        element={<QueuePage title="queue.returns.title" lead="queue.returns.lead" filter={{ status: "return_review" }} columns={["number", "title", "type", "department", "countdown", "received"]} rowActions={["decide-return"]} arrivalNotice="notice.newReturn" empty="queue.returns.empty" />}
      />
      <Route
        path="callback"
        element={<QueuePage title="queue.callback.title" lead="queue.callback.lead" filter={{ status: "replied", sort: "deadline" }} columns={["number", "title", "department", "contact", "countdown"]} rowActions={["callback", "reject-reply"]} sort={compareByDeadline} empty="queue.callback.empty" />}
      />
      <Route path="search" element={<SearchPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
