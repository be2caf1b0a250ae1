/** Department handler: the open queue by deadline, and all the department's cases. */
import { Route, Routes } from "react-router";
import { QueuePage } from "../features/cases/QueuePage.tsx";
import { SearchPage } from "../features/search/SearchPage.tsx";
import { compareByDeadline } from "../lib/deadline.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function HandlerRoutes() {
  return (
    <Routes>
      <Route
        index
        element={<QueuePage title="queue.handler.title" lead="queue.handler.lead" filter={{ statuses: ["dispatched", "in_progress", "return_review"], sort: "deadline" }} columns={["number", "title", "type", "status", "countdown", "received"]} rowActions={["sign"]} sort={compareByDeadline} arrivalNotice="notice.newDispatched" empty="queue.handler.empty" />}
      />
      <Route path="all" element={<SearchPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
