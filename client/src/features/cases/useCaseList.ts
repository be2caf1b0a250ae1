/** A case list that stays live: loads a filter, applies pushed changes, catches up after reconnects. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { CaseDto } from "../../../../models/contracts.ts";
import type { DeadlineState } from "../../../../models/enums.ts";
import { listCasesPage, listChangedSince } from "../../api/cases.ts";
import { applyCase, mergeCases, type CaseFilter } from "../../lib/caseList.ts";
import { useRealtime } from "../../realtime/hooks.ts";

export interface LiveList {
  items: CaseDto[];
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** More pages exist. */
  more: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  /** Server-pushed deadline states by case id. */
  pushed: Record<string, DeadlineState>;
  /** Ids that arrived live since the list was shown (highlighted briefly). */
  fresh: Set<string>;
  /** Applies a changed case at once (e.g. the answer of this user's own action). */
  apply: (c: CaseDto) => void;
}

/**
 * Loads the cases of `filter` and keeps them current. `onArrive` is told about cases that
 * newly enter the list while it is shown (for the "new case" notice).
 */
export function useCaseList(filter: CaseFilter | null, onArrive?: (c: CaseDto) => void): LiveList {
  const key = JSON.stringify(filter);
  const [items, setItems] = useState<CaseDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [pushed, setPushed] = useState<Record<string, DeadlineState>>({});
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [n, setN] = useState(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const arriveRef = useRef(onArrive);
  arriveRef.current = onArrive;

  useEffect(() => {
    if (!filter) return;
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    listCasesPage(filter, { limit: 50, signal: ac.signal })
      .then((r) => {
        setItems(r.items);
        setMore(!!r.nextCursor);
        setCursor(r.nextCursor);
        setLoading(false);
      })
      .catch((e: Error) => {
        if (e.name === "AbortError") return;
        setError(e.message);
        setLoading(false);
      });
    return () => ac.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, n]);

  const reload = useCallback(() => setN((x) => x + 1), []);

  const loadMore = useCallback(() => {
    const f = filterRef.current;
    if (!f || !cursor) return;
    setLoadingMore(true);
    listCasesPage(f, { cursor, limit: 50 })
      .then((p) => {
        setItems((xs) => mergeCases(xs, p.items));
        setCursor(p.nextCursor);
        setMore(!!p.nextCursor);
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoadingMore(false));
  }, [cursor]);

  const apply = useCallback((c: CaseDto, live = false) => {
    const f = filterRef.current;
    if (!f) return;
    const before = itemsRef.current;
    const after = applyCase(before, c, f);
    if (after === before) return;
    const isNew = live && !before.some((x) => x.id === c.id) && after.some((x) => x.id === c.id);
    itemsRef.current = after;
    setItems(after);
    if (isNew) {
      setFresh((s) => new Set(s).add(c.id));
      window.setTimeout(() => setFresh((s) => {
        const next = new Set(s);
        next.delete(c.id);
        return next;
      }), 8000);
      arriveRef.current?.(c);
    }
  }, []);

  useRealtime((m) => {
    if (m.type === "case.created" || m.type === "case.updated") apply(m.case, true);
    else if (m.type === "case.removed") setItems((xs) => xs.filter((c) => c.id !== m.caseId));
    else if (m.type === "case.deadline") setPushed((p) => (p[m.caseId] === "overdue" ? p : { ...p, [m.caseId]: m.state }));
    else if (m.type === "resync") {
      listChangedSince(m.since)
        .then((changed) => changed.forEach((c) => apply(c, true)))
        // If catching up fails (e.g. too much changed), reload the whole list instead.
        .catch(() => reload());
    }
  });

  return { items, loading, error, reload, more, loadMore, loadingMore, pushed, fresh, apply };
}
