/** On the case page: the knowledge-base article version the answer or reply cited, linking to that very version. */
import { Link } from "react-router";
import type { CitedArticleDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";

export function CitedArticleNote({ cited, enterprise }: { cited: CitedArticleDto; enterprise: boolean }) {
  const { t } = useI18n();
  const to = `${enterprise ? "/enterprise/policies" : "/knowledge"}/${cited.id}?version=${cited.version}`;
  return (
    <p className="kb-cited-note">
      {t("kb.citedBasis")}: <Link to={to}>{cited.title}</Link> <span className="muted small">{t("kb.versionN", { n: cited.version })}</span>
    </p>
  );
}
