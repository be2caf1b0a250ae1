/** What just got registered: its number, duplicate candidates, and the next step (dispatch / answer). */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { CaseDto } from "../../../../models/contracts.ts";
import type { CaseAction } from "../../../../models/enums.ts";
import { StatusBadge } from "../../components/Badges.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { outcomeText } from "../../lib/actionOutcome.ts";
import { isNewer } from "../../lib/caseList.ts";
import { useRealtime } from "../../realtime/hooks.ts";
import { ActionForm, type ActionResult } from "../cases/ActionForm.tsx";
import { DuplicatesPanel } from "../cases/DuplicatesPanel.tsx";

const NEXT_STEPS: CaseAction[] = ["dispatch", "answer"];

export function IntakeResult({ created, answered, warning, onNext }: { created: CaseDto; answered: boolean; warning?: string; onNext: () => void }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const [kase, setKase] = useState(created);
  const [open, setOpen] = useState<CaseAction | null>(null);

  useEffect(() => setKase(created), [created]);
  useRealtime((m) => {
    if ((m.type === "case.updated" || m.type === "case.created") && m.case.id === kase.id) setKase((k) => (isNewer(m.case, k) ? m.case : k));
  });

  const done = (a: CaseAction) => (r: ActionResult) => {
    setKase(r.case);
    setOpen(null);
    notify(outcomeText(t, a, r), "success");
  };
  const steps = NEXT_STEPS.filter((a) => kase.actions.includes(a));

  return (
    <div className="intake-result">
      <section className="panel panel-success" aria-live="polite">
        <h2>{answered ? t("intake.result.answered") : t("intake.result.created")}</h2>
        <p className="result-number">
          <Link to={`/cases/${kase.id}`} className="case-number big">
            {kase.number}
          </Link>{" "}
          <StatusBadge status={kase.status} />
        </p>
        <p>{kase.title}</p>
        {warning && (
          <p className="form-error" role="alert">
            {t("intake.result.answerFailed", { message: warning })}
          </p>
        )}
        <div className="form-actions">
          {steps.map((a) => (
            <button key={a} type="button" className={`btn ${open === a ? "btn-primary" : ""}`} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
              {t(`action.${a}`)}
            </button>
          ))}
          <Link className="btn" to={`/cases/${kase.id}`}>
            {t("intake.result.open")}
          </Link>
          <button type="button" className="btn btn-primary" onClick={onNext} autoFocus>
            {t("intake.result.next")}
          </button>
        </div>
        {open && kase.actions.includes(open) && <ActionForm key={open} kase={kase} action={open} onDone={done(open)} onCancel={() => setOpen(null)} />}
      </section>
      {kase.status !== "closed" && kase.status !== "merged" && <DuplicatesPanel kase={kase} onMerged={done("merge")} title={t("duplicates.afterIntake")} />}
    </div>
  );
}
