/** A page of articles for a search or filter, with "more" (GET /api/knowledge). */
import { useEffect, useState } from "react";
import type { KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { listArticles } from "../../api/knowledge.ts";
import type { KnowledgeStatus } from "../../../../models/enums.ts";
import { useDebounced } from "../intake/useDebounced.ts";

export function useArticleSearch(f: { q: string; status?: KnowledgeStatus | ""; departmentId?: string }) {
  const q = useDebounced(f.q.trim(), 300);
  const [items, setItems] = useState<KnowledgeArticleDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    const ac = new AbortController();
    setItems(null);
    setError(null);
    listArticles({ q, status: f.status, departmentId: f.departmentId, limit: 20 }, ac.signal)
      .then((p) => (setItems(p.items), setCursor(p.nextCursor)))
      .catch((e: Error) => e.name !== "AbortError" && setError(e.message));
    return () => ac.abort();
  }, [q, f.status, f.departmentId, n]);
  const more = async () => {
    if (!cursor) return;
    const p = await listArticles({ q, status: f.status, departmentId: f.departmentId, limit: 20, cursor });
    setItems((x) => [...(x ?? []), ...p.items]);
    setCursor(p.nextCursor);
  };
  return { items, error, hasMore: !!cursor, more, reload: () => setN((x) => x + 1), searched: q };
}
