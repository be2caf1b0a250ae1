/** One case: facts, reply, live timeline, and exactly the actions the server offers this user. */
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { CaseDto, CaseEventDto } from "../../../../models/contracts.ts";
import type { CaseAction, DeadlineState } from "../../../../models/enums.ts";
import { getCase, type MergedCaseSummary } from "../../api/cases.ts";
import { ApiError } from "../../api/http.ts";
import { Countdown, EscalationBadge, PriorityBadge, StatusBadge } from "../../components/Badges.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { outcomeText } from "../../lib/actionOutcome.ts";
import { isNewer } from "../../lib/caseList.ts";
import { lastApprovedReturn } from "../../lib/redispatch.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useRealtime, useWatchCase } from "../../realtime/hooks.ts";
import { useUser } from "../auth/AuthContext.tsx";
import { CitedArticleNote } from "../knowledge/CitedArticleNote.tsx";
import { ActionForm, type ActionResult } from "./ActionForm.tsx";
import { CaseInfo } from "./CaseInfo.tsx";
import { DuplicatesPanel } from "./DuplicatesPanel.tsx";
import { Timeline } from "./Timeline.tsx";

function addEvent(list: CaseEventDto[], e: CaseEventDto): CaseEventDto[] {
  return list.some((x) => x.id === e.id) ? list : [...list, e];
}

export function CasePage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const { notify } = useNotice();
  const navigate = useNavigate();
  const [kase, setKase] = useState<CaseDto | null>(null);
  const [timeline, setTimeline] = useState<CaseEventDto[]>([]);
  const [merged, setMerged] = useState<MergedCaseSummary[]>([]);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [pushed, setPushed] = useState<DeadlineState | undefined>();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [commentKey, setCommentKey] = useState(0);
  const [n, setN] = useState(0);
  const isEnterprise = user.role === "enterprise";

  useEffect(() => {
    let alive = true;
    setError(null);
    getCase(id)
      .then((d) => {
        if (!alive) return;
        setKase(d.case);
        setTimeline(d.timeline);
        setMerged(d.mergedCases ?? []);
      })
      .catch((e: Error) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [id, n]);

  useWatchCase(id);
  const reload = useCallback(() => setN((x) => x + 1), []);

  useRealtime((m) => {
    if ((m.type === "case.updated" || m.type === "case.created") && m.case.id === id) {
      setKase((k) => (isNewer(m.case, k ?? undefined) ? m.case : k));
      if (m.type === "case.updated" && (!isEnterprise || m.event.public)) setTimeline((tl) => addEvent(tl, m.event));
    } else if (m.type === "case.deadline" && m.caseId === id) setPushed((p) => (p === "overdue" ? p : m.state));
    else if (m.type === "resync") reload();
  });

  const done = (action: CaseAction) => (r: ActionResult) => {
    setKase(r.case);
    if (!isEnterprise || r.event.public) setTimeline((tl) => addEvent(tl, r.event));
    setOpen(null);
    if (action === "comment") setCommentKey((k) => k + 1);
    notify(outcomeText(t, action, r), "success");
    if (action === "merge" && r.case.mergedIntoId) navigate(`/cases/${r.case.mergedIntoId}`);
  };

  if (error) {
    const notFound = error instanceof ApiError && error.status === 404;
    return (
      <div className="page">
        <ErrorState message={notFound ? t("case.notFound") : error.message} onRetry={notFound ? undefined : reload} />
        <p>
          <Link to="/">{t("common.backHome")}</Link>
        </p>
      </div>
    );
  }
  if (!kase) return <Loading />;

  const buttons: CaseAction[] = kase.actions.filter((a) => a !== "comment");
  const staff = !isEnterprise;
  // An enterprise sees what it can do (rate, reopen) first; staff keep it beside the facts.
  const actionsFirst = isEnterprise && buttons.length > 0;
  const actionsPanel = isEnterprise && buttons.length === 0 ? null : (
    <section className="panel actions-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t("case.actions")}</h2>
      {buttons.length === 0 ? (
        <p className="muted">{t("case.noActions")}</p>
      ) : (
        <div className="action-buttons">
          {buttons.map((a) => (
            <button key={a} type="button" className={`btn ${open === a ? "btn-primary" : ""} ${a === "cancel" ? "btn-danger-outline" : ""}`} aria-expanded={open === a} onClick={() => setOpen(open === a ? null : a)}>
              {t(`action.${a}`)}
            </button>
          ))}
        </div>
      )}
      {open && buttons.includes(open) && <ActionForm key={open} kase={kase} action={open} returned={open === "dispatch" ? lastApprovedReturn(timeline) : null} onDone={done(open)} onCancel={() => setOpen(null)} />}
    </section>
  );

  return (
    <div className="page case-page">
      <div className="case-head">
        <div>
          <p className="case-head-number">
            <button type="button" className="btn btn-link" onClick={() => navigate(-1)}>
              ← {t("common.back")}
            </button>
            <span className="case-number">{kase.number}</span>
          </p>
          <h1 className="case-head-title">{kase.title}</h1>
          <div className="case-head-badges">
            <StatusBadge status={kase.status} />
            <PriorityBadge priority={kase.priority} />
            <EscalationBadge level={kase.escalation} />
            {isEnterprise ? (
              kase.deadlines.replyBy && ["dispatched", "return_review", "in_progress"].includes(kase.status) ? <span className="badge badge-muted">{t("case.promisedReply")} {formatDateTime(kase.deadlines.replyBy)}</span> : null
            ) : (
              <Countdown kase={kase} pushed={pushed} />
            )}
          </div>
        </div>
      </div>
      <div className="case-layout">
        <div className="case-main">
          {actionsFirst && actionsPanel}
          <section className="panel">
            <h2>{t("case.description")}</h2>
            <p className="prewrap">{kase.description}</p>
          </section>
          {kase.answer && (
            <section className="panel panel-answer">
              <h2>{t("case.answer")}</h2>
              <p className="prewrap">{kase.answer}</p>
            </section>
          )}
          {kase.reply && (
            <section className="panel panel-answer">
              <h2>{kase.status === "in_progress" && kase.reopenCount > 0 ? t("case.previousReply") : t("case.reply")}</h2>
              <p className="prewrap">{kase.reply}</p>
              {kase.repliedAt && <p className="muted small">{formatDateTime(kase.repliedAt)}</p>}
            </section>
          )}
          {kase.citedArticle && <CitedArticleNote cited={kase.citedArticle} enterprise={isEnterprise} />}
          <section className="panel">
            <h2>{isEnterprise ? t("case.publicTimeline") : t("case.timeline")}</h2>
            <Timeline events={timeline} showVisibility={staff} />
            {kase.actions.includes("comment") && (
              <div className="comment-box">
                <ActionForm key={commentKey} kase={kase} action="comment" onDone={done("comment")} compact />
              </div>
            )}
          </section>
          {merged.length > 0 && (
            <section className="panel">
              <h2>{t("case.mergedCases")}</h2>
              <ul className="plain-list">
                {merged.map((m) => (
                  <li key={m.id}>
                    <Link to={`/cases/${m.id}`}>{m.number}</Link> {m.title ?? ""} {formatDateTime(m.receivedAt)} — {m.requester.enterpriseName || m.requester.name || m.requester.phone || "—"}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {staff && kase.actions.includes("merge") && <DuplicatesPanel kase={kase} onMerged={done("merge")} />}
        </div>
        <aside className="case-side">
          {!actionsFirst && actionsPanel}
          <section className="panel">
            <CaseInfo kase={kase} publicView={isEnterprise} />
          </section>
        </aside>
      </div>
    </div>
  );
}
