/** A department's return request as a quote: reason, note, suggested department. */
import type { CaseEventDto } from "../../../../models/contracts.ts";
import { RETURN_REASONS, type ReturnReason } from "../../../../models/enums.ts";
import { useI18n } from "../../i18n/index.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";

export function ReturnQuote({ returned, title }: { returned: CaseEventDto; title: string }) {
  const { t } = useI18n();
  const { departmentName } = useReference();
  const reason = returned.data.reason as string | undefined;
  return (
    <div className="quote">
      <strong>{title}</strong>
      <p>
        {reason && RETURN_REASONS.includes(reason as ReturnReason) ? t(`returnReason.${reason as ReturnReason}`) : reason}
        {typeof returned.data.note === "string" ? ` — ${returned.data.note}` : ""}
      </p>
      {typeof returned.data.departmentId === "string" && <p className="small">{t("returns.returnedBy")}: {departmentName(returned.data.departmentId)}</p>}
      {typeof returned.data.suggestedDepartmentId === "string" && <p className="small">{t("timeline.suggested")}: {departmentName(returned.data.suggestedDepartmentId)}</p>}
    </div>
  );
}
