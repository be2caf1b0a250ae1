/** Enterprise: my cases and a new appeal (the case page is shared). */
import { Route, Routes } from "react-router";
import { MyCases } from "../features/enterprise/MyCases.tsx";
import { NewAppeal } from "../features/enterprise/NewAppeal.tsx";
import { RemoteTicket } from "../features/centre/RemoteTicket.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function EnterpriseRoutes() {
  return (
    <Routes>
      <Route index element={<MyCases />} />
      <Route path="new" element={<NewAppeal />} />
      <Route path="ticket" element={<RemoteTicket />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
