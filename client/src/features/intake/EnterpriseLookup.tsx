/** Suggests registered enterprises by name or credit code while the operator types; arrows and Enter pick one. */
import { useEffect, useState, type KeyboardEvent, type ReactNode } from "react";
import type { EnterpriseDto } from "../../../../models/contracts.ts";
import { searchEnterprises } from "../../api/reference.ts";
import { useI18n } from "../../i18n/index.tsx";
import { lookupKey } from "../../lib/lookupKeys.ts";
import { useDebounced } from "./useDebounced.ts";

/** The input (children) with its suggestion list; keys typed in the input drive the list while it is open. */
export function EnterpriseLookup({ query, onPick, path, children }: { query: string; onPick: (e: EnterpriseDto) => void; path: string; children: ReactNode }) {
  const { t } = useI18n();
  const q = useDebounced(query.trim(), 300);
  const [items, setItems] = useState<EnterpriseDto[]>([]);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    setActive(-1);
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

  const shown = items.filter((e) => e.name !== query.trim() && e.creditCode !== query.trim()).slice(0, 6);
  const open = shown.length > 0 && dismissed !== q;
  const pick = (e: EnterpriseDto) => {
    onPick(e);
    setDismissed(q);
  };
  // Enter while the list is open picks a suggestion instead of submitting the form (the key never reaches it).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!open || !(e.target instanceof HTMLInputElement) || e.ctrlKey || e.metaKey || e.altKey) return;
    const move = lookupKey(e.key, active, shown.length);
    if (!move.handled) return;
    e.preventDefault();
    e.stopPropagation();
    setActive(move.active);
    if (move.pick !== undefined) pick(shown[move.pick]!);
    if (move.close) setDismissed(q);
  };

  return (
    <div data-path={path} className="lookup-anchor" onKeyDown={onKeyDown}>
      {children}
      {open && (
        <div className="lookup" role="group" aria-label={t("intake.lookup.label")}>
          <span className="lookup-title small muted">{t("intake.lookup.label")}</span>
          <ul>
            {shown.map((e, i) => (
              <li key={e.id}>
                <button type="button" className={`lookup-item${i === active ? " active" : ""}`} aria-current={i === active || undefined} onMouseDown={(ev) => ev.preventDefault()} onClick={() => pick(e)}>
                  <span>{e.name}</span>
                  <span className="mono muted">{e.creditCode}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
