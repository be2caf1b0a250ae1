/** Picks the case to merge into: the duplicate candidates, or a case found by its number. */
import { useEffect, useState } from "react";
import type { CaseDto, DuplicateCandidateDto } from "../../../../models/contracts.ts";
import { OPEN_STATUSES } from "../../../../models/enums.ts";
import { getDuplicates, listCasesPage } from "../../api/cases.ts";
import { StatusBadge } from "../../components/Badges.tsx";
import { Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";

export function MergeTargetPicker({ kase, value, onChange, error }: { kase: CaseDto; value: string; onChange: (id: string) => void; error?: string }) {
  const { t } = useI18n();
  const [candidates, setCandidates] = useState<CaseDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [number, setNumber] = useState("");
  const [searchMsg, setSearchMsg] = useState<string | null>(null);

  useEffect(() => {
    getDuplicates(kase.id)
      .then((d: DuplicateCandidateDto[]) => setCandidates(d.map((x) => x.case).filter((c) => c.id !== kase.id && OPEN_STATUSES.includes(c.status))))
      .catch((e: Error) => {
        setCandidates([]);
        setLoadError(e.message);
      });
  }, [kase.id]);

  const find = async () => {
    setSearchMsg(null);
    const q = number.trim().toUpperCase();
    if (!q) return;
    try {
      const page = await listCasesPage({ q }, { limit: 20 });
      const hit = page.items.find((c) => c.number === q && c.id !== kase.id);
      if (!hit) setSearchMsg(t("merge.notFound"));
      else if (!OPEN_STATUSES.includes(hit.status)) setSearchMsg(t("merge.notOpen"));
      else {
        setCandidates((cs) => (cs && !cs.some((c) => c.id === hit.id) ? [hit, ...cs] : cs));
        onChange(hit.id);
      }
    } catch (e) {
      setSearchMsg((e as Error).message);
    }
  };

  return (
    <fieldset className={`merge-picker${error ? " field-invalid" : ""}`}>
      <legend>{t("merge.into")}</legend>
      {candidates === null ? (
        <Loading />
      ) : candidates.length === 0 ? (
        <p className="muted">{loadError ?? t("merge.noCandidates")}</p>
      ) : (
        <ul className="merge-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <label className={`radio-option${value === c.id ? " selected" : ""}`}>
                <input type="radio" name={`merge-${kase.id}`} checked={value === c.id} onChange={() => onChange(c.id)} />
                <span>
                  <strong>{c.number}</strong> {c.title} <StatusBadge status={c.status} /> <span className="muted">{formatDateTime(c.receivedAt)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-search">
        <label htmlFor={`merge-number-${kase.id}`}>{t("merge.byNumber")}</label>
        <input id={`merge-number-${kase.id}`} value={number} onChange={(e) => setNumber(e.target.value)} placeholder="QZ20260101000001" onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), void find())} />
        <button type="button" className="btn btn-small" onClick={() => void find()}>
          {t("common.search")}
        </button>
      </div>
      {searchMsg && <p className="field-error">{searchMsg}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
