/** Staff: the knowledge base (list, article, editor) and, for supervisors and admins, its figures. */
import { Route, Routes } from "react-router";
import { ArticleEditor } from "../features/knowledge/ArticleEditor.tsx";
import { ArticlePage } from "../features/knowledge/ArticlePage.tsx";
import { KnowledgeAdmin } from "../features/knowledge/KnowledgeAdmin.tsx";
import { KnowledgeStats } from "../features/knowledge/KnowledgeStats.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";

const BASE = "/knowledge";

export function KnowledgeRoutes() {
  return (
    <Routes>
      <Route index element={<KnowledgeAdmin base={BASE} />} />
      <Route path="new" element={<ArticleEditor base={BASE} />} />
      <Route path="stats" element={<KnowledgeStats base={BASE} />} />
      <Route path=":id" element={<ArticlePage base={BASE} />} />
      <Route path=":id/edit" element={<ArticleEditor base={BASE} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
