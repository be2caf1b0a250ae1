/** 政策查询 for enterprises, phone first: search the published, in-force, public articles. */
import { useState } from "react";
import { Link } from "react-router";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Snippet } from "./ArticleBody.tsx";
import { useArticleSearch } from "./useArticleSearch.ts";

const TOPICS = ["企业开办", "税费减免", "社保缓缴", "稳岗补贴", "招工用工", "融资贷款", "环评审批", "不动产登记"];

export function PolicyLookup() {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const { items, error, hasMore, more, reload, searched } = useArticleSearch({ q });
  return (
    <div className="page narrow kb-lookup">
      <div className="page-head">
        <div>
          <h1>{t("kb.lookup.title")}</h1>
          <p className="muted">{t("kb.lookup.lead")}</p>
        </div>
      </div>
      <form className="kb-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <input className="input" type="search" aria-label={t("kb.searchPlaceholder")} placeholder={t("kb.lookup.placeholder")} value={q} onChange={(e) => setQ(e.target.value)} />
      </form>
      <div className="kb-topics" aria-label={t("kb.lookup.topics")}>
        {TOPICS.map((topic) => (
          <button key={topic} type="button" className={`chip${q === topic ? " active" : ""}`} onClick={() => setQ(topic)}>
            {topic}
          </button>
        ))}
      </div>
      {error ? (
        <ErrorState message={error} onRetry={reload} />
      ) : items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>{searched ? t("kb.lookup.none") : t("kb.empty")}</Empty>
      ) : (
        <ul className="kb-results">
          {items.map((a) => (
            <li key={a.id} className="panel kb-result">
              <Link to={`/enterprise/policies/${a.id}`} className="kb-result-title">
                {a.title}
              </Link>
              {a.snippet ? <Snippet html={a.snippet} /> : null}
              <p className="muted small">{[a.policyRef, a.effectiveTo ? t("kb.until", { date: a.effectiveTo }) : null].filter(Boolean).join(" · ")}</p>
            </li>
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="btn" onClick={() => void more()}>
          {t("kb.more")}
        </button>
      )}
    </div>
  );
}
