/** Suggests registered enterprises by name or credit code while the operator types. */
import { useEffect, useState } from "react";
import type { EnterpriseDto } from "../../../../models/contracts.ts";
import { searchEnterprises } from "../../api/reference.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useDebounced } from "./useDebounced.ts";

export function EnterpriseLookup({ query, onPick }: { query: string; onPick: (e: EnterpriseDto) => void }) {
  const { t } = useI18n();
  const q = useDebounced(query.trim(), 300);
  const [items, setItems] = useState<EnterpriseDto[]>([]);
  const [dismissed, setDismissed] = useState<string | null>(null);

  useEffect(() => {
    if (q.length < 2) {
      setItems([]);
      return;
    }
    const ac = new AbortController();
    searchEnterprises(q, ac.signal)
      .then(setItems)
      .catch(() => setItems([]));
    return () => ac.abort();
  }, [q]);

  const shown = items.filter((e) => e.name !== query.trim() && e.creditCode !== query.trim());
  if (shown.length === 0 || dismissed === q) return null;
  return (
    <div className="lookup" role="group" aria-label={t("intake.lookup.label")}>
      <span className="lookup-title small muted">{t("intake.lookup.label")}</span>
      <ul>
        {shown.slice(0, 6).map((e) => (
          <li key={e.id}>
            <button
              type="button"
              className="lookup-item"
              onClick={() => {
                onPick(e);
                setDismissed(q);
              }}
            >
              <span>{e.name}</span>
              <span className="mono muted">{e.creditCode}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
