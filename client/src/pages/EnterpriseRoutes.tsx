/** Enterprise: my cases and a new appeal (the case page is shared). */
import { Route, Routes } from "react-router";
import { MyCases } from "../features/enterprise/MyCases.tsx";
import { NewAppeal } from "../features/enterprise/NewAppeal.tsx";
import { RemoteTicket } from "../features/centre/RemoteTicket.tsx";
import { ArticlePage } from "../features/knowledge/ArticlePage.tsx";
import { PolicyLookup } from "../features/knowledge/PolicyLookup.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function EnterpriseRoutes() {
  return (
    <Routes>
      <Route index element={<MyCases />} />
      <Route path="new" element={<NewAppeal />} />
      <Route path="ticket" element={<RemoteTicket />} />
      <Route path="policies" element={<PolicyLookup />} />
      <Route path="policies/:id" element={<ArticlePage base="/enterprise/policies" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
