/** "导出 CSV / Excel" for supervisors and admins: downloads the list's filter through GET /api/cases/export. */
import { useI18n } from "../../i18n/index.tsx";
import { filterToQuery, type CaseFilter } from "../../lib/caseList.ts";
import { useAuth } from "../auth/AuthContext.tsx";

export function ExportButtons({ filter }: { filter: CaseFilter }) {
  const { t } = useI18n();
  const { user } = useAuth();
  if (user?.role !== "supervisor" && user?.role !== "admin") return null;
  const href = (format: "csv" | "xlsx") => `/api/cases/export?${filterToQuery(filter, { format })}`;
  return (
    <>
      <a className="btn" href={href("csv")} download>
        {t("export.csv")}
      </a>
      <a className="btn" href={href("xlsx")} download>
        {t("export.xlsx")}
      </a>
    </>
  );
}
