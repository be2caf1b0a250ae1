/** Duplicate candidates of a case (same credit code / phone / similar text), with merge. */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { CaseDto, DuplicateCandidateDto } from "../../../../models/contracts.ts";
import { getDuplicates } from "../../api/cases.ts";
import { StatusBadge } from "../../components/Badges.tsx";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { ActionForm, type ActionResult } from "./ActionForm.tsx";

export function DuplicatesPanel({ kase, onMerged, title }: { kase: CaseDto; onMerged?: (r: ActionResult) => void; title?: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<DuplicateCandidateDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  const [mergeInto, setMergeInto] = useState<string | null>(null);
  const canMerge = kase.actions.includes("merge");

  useEffect(() => {
    setItems(null);
    setError(null);
    getDuplicates(kase.id)
      .then((d) => setItems(d.filter((x) => x.case.id !== kase.id)))
      .catch((e: Error) => setError(e.message));
  }, [kase.id, n]);

  return (
    <section className="panel" aria-labelledby={`dup-${kase.id}`}>
      <h3 id={`dup-${kase.id}`}>{title ?? t("duplicates.title")}</h3>
      {error ? (
        <ErrorState message={error} onRetry={() => setN((x) => x + 1)} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t("duplicates.none")}</Empty>
      ) : (
        <ul className="dup-list">
          {items.map((d) => (
            <li key={d.case.id} className="dup-item">
              <div className="dup-main">
                <Link to={`/cases/${d.case.id}`} className="case-number">
                  {d.case.number}
                </Link>{" "}
                <span>{d.case.title}</span> <StatusBadge status={d.case.status} />
                <div className="muted small">
                  {formatDateTime(d.case.receivedAt)} · {d.reasons.map((r) => t(`duplicates.reason.${r}`)).join("、")} · {t("duplicates.score", { n: Math.round(d.score * 100) })}
                </div>
              </div>
              {canMerge && mergeInto !== d.case.id && (
                <button type="button" className="btn btn-small" onClick={() => setMergeInto(d.case.id)}>
                  {t("duplicates.mergeInto")}
                </button>
              )}
              {canMerge && mergeInto === d.case.id && (
                <div className="dup-merge">
                  <ActionForm
                    kase={kase}
                    action="merge"
                    presetInto={{ id: d.case.id, number: d.case.number }}
                    compact
                    onCancel={() => setMergeInto(null)}
                    onDone={(r) => {
                      setMergeInto(null);
                      onMerged?.(r);
                    }}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
