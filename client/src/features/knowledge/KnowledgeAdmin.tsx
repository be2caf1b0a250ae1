/** Staff: the knowledge base, searchable, by status; writers start a new draft here. */
import { useState } from "react";
import { Link } from "react-router";
import { KNOWLEDGE_STATUSES, type KnowledgeStatus } from "../../../../models/enums.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useUser } from "../auth/AuthContext.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";
import { Snippet, validityText } from "./ArticleBody.tsx";
import { useArticleSearch } from "./useArticleSearch.ts";

export function KnowledgeAdmin({ base }: { base: string }) {
  const { t } = useI18n();
  const user = useUser();
  const { departmentName, departments } = useReference();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<KnowledgeStatus | "">("");
  const [departmentId, setDepartmentId] = useState("");
  const { items, error, hasMore, more, reload } = useArticleSearch({ q, status, departmentId });
  const writer = ["handler", "supervisor", "admin"].includes(user.role);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("kb.admin.title")}</h1>
          <p className="muted">{t("kb.admin.lead")}</p>
        </div>
        {writer && (
          <Link className="btn btn-primary" to={`${base}/new`}>
            {t("kb.new")}
          </Link>
        )}
      </div>
      <div className="kb-filters">
        <TextField label={t("kb.search")} className="kb-filter-q" type="search" placeholder={t("kb.searchPlaceholder")} value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField label={t("kb.statusLabel")} value={status} onChange={(e) => setStatus(e.target.value as KnowledgeStatus | "")} options={KNOWLEDGE_STATUSES.map((s) => ({ value: s, label: t(`kb.status.${s}`) }))} placeholder={t("kb.allStatuses")} />
        <SelectField label={t("kb.department")} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={t("kb.allDepartments")} />
      </div>
      {error ? (
        <ErrorState message={error} onRetry={reload} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{t("kb.empty")}</Empty>
      ) : (
        <table className="table kb-table">
          <thead>
            <tr>
              <th>{t("kb.field.title")}</th>
              <th>{t("kb.statusLabel")}</th>
              <th>{t("kb.department")}</th>
              <th>{t("kb.validity")}</th>
              <th>{t("kb.version")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`${base}/${a.id}`}>{a.title}</Link> {!a.public && <span className="badge badge-muted">{t("kb.internal")}</span>}
                  {a.snippet && <Snippet html={a.snippet} />}
                </td>
                <td>
                  <span className={`badge kb-status-${a.status}`}>{t(`kb.status.${a.status}`)}</span> {a.status === "published" && !a.inForce && <span className="badge badge-muted">{t("kb.notInForce")}</span>}
                </td>
                <td>{departmentName(a.departmentId)}</td>
                <td className="nowrap small">{validityText(a, t)}</td>
                <td>{a.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasMore && (
        <button type="button" className="btn" onClick={() => void more()}>
          {t("kb.more")}
        </button>
      )}
    </div>
  );
}
