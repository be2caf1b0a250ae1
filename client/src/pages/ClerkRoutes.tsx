/** Service-centre window clerk: register or finish walk-in matters; the window's cases. */
import { Route, Routes } from "react-router";
import { IntakePage } from "../features/intake/IntakePage.tsx";
import { SearchPage } from "../features/search/SearchPage.tsx";
import { WindowConsole } from "../features/centre/WindowConsole.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

export function ClerkRoutes() {
  return (
    <Routes>
      <Route index element={<IntakePage mode="clerk" />} />
      <Route path="window" element={<WindowConsole />} />
      <Route path="cases" element={<SearchPage channel="service_centre" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
