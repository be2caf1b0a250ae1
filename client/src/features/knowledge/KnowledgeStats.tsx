/** Supervisors: 直接办结率 by month, article use and helpfulness, articles nearing expiry, questions that found no article. */
import { Link } from "react-router";
import { getKnowledgeStats } from "../../api/knowledge.ts";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useLoad } from "../admin/useLoad.ts";
import { useReference } from "../reference/ReferenceContext.tsx";

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

/** The last twelve months up to the end of this one (Asia/Shanghai dates). */
function lastYear(): { from: string; to: string } {
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const from = `${y - 1}-${String(m === 12 ? 1 : m + 1).padStart(2, "0")}-01`;
  return { from: m === 12 ? `${y}-01-01` : from, to };
}

export function KnowledgeStats({ base }: { base: string }) {
  const { t } = useI18n();
  const { departmentName } = useReference();
  const { data, error, loading, reload } = useLoad(() => getKnowledgeStats(lastYear()), []);
  if (error) return <ErrorState message={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const d = data.directAnswer;
  return (
    <div className="page">
      <h1 className="page-title">{t("kb.stats.title")}</h1>
      <div className="kb-kpis">
        <div className="panel kpi">
          <div className="kpi-value">{pct(d.rate)}</div>
          <div className="muted small">{t("kb.stats.directRate")}</div>
        </div>
        <div className="panel kpi">
          <div className="kpi-value">{d.answered} / {d.consultations}</div>
          <div className="muted small">{t("kb.stats.answeredOfConsultations")}</div>
        </div>
        <div className="panel kpi">
          <div className="kpi-value">{d.withArticle}</div>
          <div className="muted small">{t("kb.stats.withArticle")}</div>
        </div>
      </div>
      <div className="kb-stats-grid">
        <section className="panel">
          <h2>{t("kb.stats.byMonth")}</h2>
          {d.months.length === 0 ? <Empty /> : (
            <table className="table">
              <thead><tr><th>{t("kb.stats.month")}</th><th>{t("kb.stats.consultations")}</th><th>{t("kb.stats.answered")}</th><th>{t("kb.stats.directRate")}</th></tr></thead>
              <tbody>{d.months.map((m) => <tr key={m.month}><td>{m.month}</td><td>{m.consultations}</td><td>{m.answered}</td><td>{pct(m.rate)}</td></tr>)}</tbody>
            </table>
          )}
        </section>
        <section className="panel">
          <h2>{t("kb.stats.use")}</h2>
          {data.articles.length === 0 ? <Empty /> : (
            <table className="table">
              <thead><tr><th>{t("kb.field.title")}</th><th>{t("kb.stats.citations")}</th><th>{t("kb.feedback.helpful")}</th><th>{t("kb.feedback.unhelpful")}</th></tr></thead>
              <tbody>{data.articles.map((a) => <tr key={a.id}><td><Link to={`${base}/${a.id}`}>{a.title}</Link></td><td>{a.citations}</td><td>{a.helpful}</td><td>{a.unhelpful}</td></tr>)}</tbody>
            </table>
          )}
        </section>
        <section className="panel">
          <h2>{t("kb.stats.expiring")}</h2>
          {data.expiring.length === 0 ? <Empty /> : (
            <ul className="kb-plain-list">
              {data.expiring.map((e) => (
                <li key={e.id}>
                  <Link to={`${base}/${e.id}`}>{e.title}</Link> <span className={`badge ${e.expired ? "badge-danger" : "badge-warn"}`}>{e.expired ? t("kb.stats.expired", { date: e.effectiveTo }) : t("kb.until", { date: e.effectiveTo })}</span>
                  <div className="muted small">{departmentName(e.departmentId)}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel">
          <h2>{t("kb.stats.gaps")}</h2>
          <p className="muted small">{t("kb.stats.gapsLead")}</p>
          {data.gaps.length === 0 ? <Empty /> : (
            <ul className="kb-plain-list">
              {data.gaps.map((g) => (
                <li key={g.text}>
                  {g.text} <span className="badge badge-muted">×{g.count}</span> <span className="muted small">{formatDateTime(g.lastAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
