/** Unknown address. */
import { Link } from "react-router";
import { useI18n } from "../i18n/index.tsx";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <h1>{t("notFound.title")}</h1>
      <p>
        <Link to="/">{t("common.backHome")}</Link>
      </p>
    </div>
  );
}
