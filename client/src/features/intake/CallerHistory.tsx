/** The caller's earlier cases, found by phone as the operator types it. */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { CaseDto } from "../../../../models/contracts.ts";
import { listCasesPage } from "../../api/cases.ts";
import { StatusBadge } from "../../components/Badges.tsx";
import { ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { isValidPhone, normalizePhone } from "../../../../models/validation.ts";
import { formatDate } from "../../lib/format.ts";
import { useDebounced } from "./useDebounced.ts";

export function CallerHistory({ phone }: { phone: string }) {
  const { t } = useI18n();
  const debounced = useDebounced(normalizePhone(phone), 350);
  const [items, setItems] = useState<CaseDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  const searchable = isValidPhone(debounced);

  useEffect(() => {
    if (!searchable) {
      setItems(null);
      return;
    }
    const ac = new AbortController();
    setItems(null);
    setError(null);
    listCasesPage({ phone: debounced }, { limit: 10, signal: ac.signal })
      .then((p) => setItems(p.items))
      .catch((e: Error) => e.name !== "AbortError" && setError(e.message));
    return () => ac.abort();
  }, [debounced, searchable, n]);

  return (
    <section className="panel side-panel" aria-labelledby="caller-history" aria-live="polite">
      <h2 id="caller-history">{t("intake.history.title")}</h2>
      {!searchable ? (
        <p className="muted">{t("intake.history.hint")}</p>
      ) : error ? (
        <ErrorState message={error} onRetry={() => setN((x) => x + 1)} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t("intake.history.none", { phone: debounced })}</p>
      ) : (
        <>
          <p className="small">{t("intake.history.count", { n: items.length })}</p>
          <ul className="history-list">
            {items.map((c) => (
              <li key={c.id}>
                <Link to={`/cases/${c.id}`} target="_blank" rel="noopener">
                  {c.number}
                </Link>{" "}
                <StatusBadge status={c.status} />
                <div className="history-title">{c.title}</div>
                <div className="muted small">
                  {formatDate(c.receivedAt)} · {t(`type.${c.type}`)}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
