/** Unobtrusive notices (e.g. "new case arrived"), announced politely to screen readers. */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../i18n/index.tsx";

type Kind = "info" | "success" | "error";
interface NoticeItem {
  id: number;
  kind: Kind;
  text: string;
  action?: { label: string; run: () => void };
}

interface Notices {
  notify: (text: string, kind?: Kind, action?: NoticeItem["action"]) => void;
}

const NoticeContext = createContext<Notices | null>(null);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [items, setItems] = useState<NoticeItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (text: string, kind: Kind = "info", action?: NoticeItem["action"]) => {
      const id = next.current++;
      setItems((xs) => [...xs.slice(-3), { id, kind, text, action }]);
      window.setTimeout(() => dismiss(id), kind === "error" ? 9000 : 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ notify }), [notify]);
  return (
    <NoticeContext.Provider value={value}>
      {children}
      <div className="notices" aria-live="polite" aria-relevant="additions">
        {items.map((n) => (
          <div key={n.id} className={`notice notice-${n.kind}`}>
            <span>{n.text}</span>
            {n.action && (
              <button
                type="button"
                className="btn btn-link"
                onClick={() => {
                  n.action!.run();
                  dismiss(n.id);
                }}
              >
                {n.action.label}
              </button>
            )}
            <button type="button" className="btn btn-link notice-close" onClick={() => dismiss(n.id)} aria-label={t("common.close")}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NoticeContext.Provider>
  );
}

export function useNotice(): Notices {
  const v = useContext(NoticeContext);
  if (!v) throw new Error("useNotice outside NoticeProvider");
  return v;
}
