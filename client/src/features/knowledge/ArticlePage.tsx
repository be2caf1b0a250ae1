/** One article (or an earlier version of it): staff see versions and, when allowed, edit, publish and retire; enterprises rate it. */
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { getArticle, setArticleStatus } from "../../api/knowledge.ts";
import { ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useLoad } from "../admin/useLoad.ts";
import { useUser } from "../auth/AuthContext.tsx";
import { ArticleBody, ArticleMeta } from "./ArticleBody.tsx";
import { FeedbackButtons } from "./FeedbackButtons.tsx";

export function ArticlePage({ base }: { base: string }) {
  const { t } = useI18n();
  const user = useUser();
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const version = Number(params.get("version")) || undefined;
  const { data, error, loading, reload } = useLoad(() => getArticle(id, version), [id, version]);
  const [actionError, setActionError] = useState<string | null>(null);
  if (error) return <ErrorState message={error} onRetry={reload} />;
  if (loading || !data) return <Loading />;
  const a = data.article;
  const current = data.versions[0]?.version ?? a.version;
  const old = version !== undefined && version !== current && a.status !== "draft";
  const mayPublish = user.role === "admin" || (user.role === "supervisor" && (!user.departmentId || user.departmentId === a.departmentId));
  const mayEdit = a.status !== "retired" && !old && (mayPublish || (user.role === "handler" && user.departmentId === a.departmentId && a.status === "draft"));
  const step = async (s: "publish" | "retire") => {
    setActionError(null);
    try {
      await setArticleStatus(a.id, s);
      reload();
    } catch (e) {
      setActionError((e as Error).message);
    }
  };
  return (
    <div className="page narrow kb-article">
      <p className="small">
        <Link to={base}>← {t("kb.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{a.title}</h1>
          <p className="muted small">
            <span className={`badge kb-status-${a.status}`}>{t(`kb.status.${a.status}`)}</span> {t("kb.versionN", { n: a.version })}
            {!a.public && <span className="badge badge-muted">{t("kb.internal")}</span>}
          </p>
        </div>
        {user.role !== "enterprise" && (
          <div className="form-actions">
            {mayEdit && <Link className="btn" to={`${base}/${a.id}/edit`}>{t("kb.edit")}</Link>}
            {mayPublish && !old && a.status !== "published" && <button type="button" className="btn btn-primary" onClick={() => void step("publish")}>{t("kb.publish")}</button>}
            {mayPublish && !old && a.status === "published" && <button type="button" className="btn btn-danger" onClick={() => void step("retire")}>{t("kb.retire")}</button>}
          </div>
        )}
      </div>
      {old && <p className="notice-inline" role="note">{t("kb.oldVersion", { n: a.version, current })} <Link to={`${base}/${a.id}`}>{t("kb.seeCurrent")}</Link></p>}
      <FormError message={actionError} />
      <section className="panel">
        <ArticleMeta article={a} />
        <ArticleBody article={a} />
        {!!a.keywords.length && user.role !== "enterprise" && <p className="muted small">{t("kb.keywords")}: {a.keywords.join("、")}</p>}
        {user.role === "enterprise" && <FeedbackButtons articleId={a.id} />}
      </section>
      {user.role !== "enterprise" && data.versions.length > 0 && (
        <section className="panel">
          <h2>{t("kb.versions")}</h2>
          <ul className="kb-versions">
            {data.versions.map((v) => (
              <li key={v.version}>
                <Link to={`${base}/${a.id}?version=${v.version}`}>{t("kb.versionN", { n: v.version })}</Link> · {v.title} <span className="muted small">{formatDateTime(v.publishedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
