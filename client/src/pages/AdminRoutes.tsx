/** Administrator: users, departments, categories and time limits, calendar, integration clients, webhooks. */
import { Route, Routes } from "react-router";
import { CalendarAdmin } from "../features/admin/CalendarAdmin.tsx";
import { CategoriesAdmin } from "../features/admin/CategoriesAdmin.tsx";
import { DepartmentsAdmin } from "../features/admin/DepartmentsAdmin.tsx";
import { IntegrationsAdmin } from "../features/admin/IntegrationsAdmin.tsx";
import { UsersAdmin } from "../features/admin/UsersAdmin.tsx";
import { ServicesAdmin } from "../features/centre/ServicesAdmin.tsx";
import { WebhooksAdmin } from "../features/admin/WebhooksAdmin.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function AdminRoutes() {
  return (
    <Routes>
      <Route index element={<UsersAdmin />} />
      <Route path="departments" element={<DepartmentsAdmin />} />
      <Route path="categories" element={<CategoriesAdmin />} />
      <Route path="calendar" element={<CalendarAdmin />} />
      <Route path="integrations" element={<IntegrationsAdmin />} />
      <Route path="services" element={<ServicesAdmin />} />
      <Route path="webhooks" element={<WebhooksAdmin />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
