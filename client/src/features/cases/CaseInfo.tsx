/** The facts of a case: requester, classification, departments, deadlines and times. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { CaseDto } from "../../../../models/contracts.ts";
import { SatisfactionBadge } from "../../components/Badges.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useReference } from "../reference/ReferenceContext.tsx";

function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === "" || children === false) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function CaseInfo({ kase, publicView }: { kase: CaseDto; publicView: boolean }) {
  const { t } = useI18n();
  const { departmentName, categoryName } = useReference();
  const r = kase.requester;
  const flags = [r.anonymous && t("intake.anonymous"), r.confidential && t("intake.confidential")].filter(Boolean).join("、");
  return (
    <div className="info-grid">
      <section aria-labelledby="info-matter">
        <h3 id="info-matter">{t("case.section.matter")}</h3>
        <dl className="facts">
          <Row label={t("case.type")}>{t(`type.${kase.type}`)}</Row>
          <Row label={t("case.category")}>{kase.categoryCode ? categoryName(kase.categoryCode) : null}</Row>
          <Row label={t("case.priority")}>{t(`priority.${kase.priority}`)}</Row>
          <Row label={t("case.channel")}>{t(`channel.${kase.channel}`)}</Row>
          <Row label={t("case.location")}>{kase.location}</Row>
          <Row label={t("case.externalRef")}>{publicView ? null : kase.externalRef}</Row>
        </dl>
      </section>
      <section aria-labelledby="info-requester">
        <h3 id="info-requester">{t("case.section.requester")}</h3>
        <dl className="facts">
          <Row label={t("intake.enterpriseName")}>{r.enterpriseName}</Row>
          <Row label={t("intake.creditCode")}>{r.creditCode}</Row>
          <Row label={t("intake.callerName")}>{r.name ?? (r.anonymous ? t("case.hidden") : null)}</Row>
          <Row label={t("intake.phone")}>{r.phone}</Row>
          <Row label={t("case.privacy")}>{flags}</Row>
        </dl>
      </section>
      {kase.subject && (
        <section aria-labelledby="info-subject">
          <h3 id="info-subject">{t("intake.section.subject")}</h3>
          <dl className="facts">
            <Row label={t("intake.subjectName")}>{kase.subject.enterpriseName}</Row>
            <Row label={t("intake.subjectCreditCode")}>{kase.subject.creditCode}</Row>
          </dl>
        </section>
      )}
      <section aria-labelledby="info-handling">
        <h3 id="info-handling">{t("case.section.handling")}</h3>
        <dl className="facts">
          <Row label={t("case.department")}>{kase.departmentId ? departmentName(kase.departmentId) : t("case.notDispatched")}</Row>
          <Row label={t("case.coDepartments")}>{kase.coDepartmentIds.length ? kase.coDepartmentIds.map((d) => departmentName(d)).join("、") : null}</Row>
          <Row label={t("case.receivedAt")}>{formatDateTime(kase.receivedAt)}</Row>
          <Row label={t("case.dispatchedAt")}>{formatDateTime(kase.dispatchedAt)}</Row>
          <Row label={t("case.signBy")}>{publicView ? null : formatDateTime(kase.deadlines.signBy)}</Row>
          <Row label={t("case.signedAt")}>{publicView ? null : formatDateTime(kase.signedAt)}</Row>
          <Row label={publicView ? t("case.promisedReply") : t("case.replyBy")}>{formatDateTime(kase.deadlines.replyBy)}</Row>
          <Row label={t("case.returnBy")}>{publicView ? null : formatDateTime(kase.deadlines.returnBy)}</Row>
          <Row label={t("case.repliedAt")}>{formatDateTime(kase.repliedAt)}</Row>
          <Row label={t("case.callbackBy")}>{publicView ? null : formatDateTime(kase.deadlines.callbackBy)}</Row>
          <Row label={t("case.closedAt")}>{formatDateTime(kase.closedAt)}</Row>
          <Row label={t("case.satisfaction")}>{kase.satisfaction ? <SatisfactionBadge value={kase.satisfaction} /> : null}</Row>
          <Row label={t("case.reopenCount")}>{kase.reopenCount > 0 ? String(kase.reopenCount) : null}</Row>
          <Row label={t("case.pendingExtension")}>{kase.pendingExtension ? t("case.pendingExtensionText", { days: kase.pendingExtension.days, reason: kase.pendingExtension.reason }) : null}</Row>
          <Row label={t("case.mergedInto")}>{kase.mergedIntoId ? <Link to={`/cases/${kase.mergedIntoId}`}>{t("case.openSurvivor")}</Link> : null}</Row>
        </dl>
      </section>
    </div>
  );
}
