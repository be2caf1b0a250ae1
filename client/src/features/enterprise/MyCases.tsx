/** An enterprise's own cases: status and the promised reply date, live. */
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.tsx";
import { CaseTable } from "../cases/CaseTable.tsx";
import { useCaseList } from "../cases/useCaseList.ts";

const ALL = {};

export function MyCases() {
  const { t } = useI18n();
  const list = useCaseList(ALL);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("enterprise.cases.title")}</h1>
          <p className="muted">{t("enterprise.cases.lead")}</p>
        </div>
        <div className="page-tools">
          <Link to="/enterprise/new" className="btn btn-primary">
            {t("enterprise.new.button")}
          </Link>
        </div>
      </div>
      <section className="panel panel-flush cards-on-phone">
        <CaseTable list={list} items={list.items} columns={["number", "title", "status", "replyBy", "received", "satisfaction"]} caption={t("enterprise.cases.title")} emptyText={t("enterprise.cases.empty")} />
      </section>
    </div>
  );
}
