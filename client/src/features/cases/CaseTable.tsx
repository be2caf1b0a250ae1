/** A table of cases: number, title, type, status, department, countdown, escalation; rows open the case. */
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { CaseDto } from "../../../../models/contracts.ts";
import type { DeadlineState } from "../../../../models/enums.ts";
import { Countdown, EscalationBadge, PriorityBadge, SatisfactionBadge, StatusBadge } from "../../components/Badges.tsx";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useReference } from "../reference/ReferenceContext.tsx";
import type { LiveList } from "./useCaseList.ts";

export type Column = "number" | "title" | "type" | "category" | "status" | "department" | "countdown" | "received" | "requester" | "channel" | "replyBy" | "satisfaction" | "contact";

export function CaseTable({
  list,
  items,
  columns,
  caption,
  emptyText,
  rowAction,
}: {
  list: Pick<LiveList, "loading" | "error" | "reload" | "more" | "loadMore" | "loadingMore"> & { pushed?: Record<string, DeadlineState>; fresh?: Set<string> };
  items: CaseDto[];
  columns: Column[];
  caption?: string;
  emptyText?: string;
  rowAction?: (c: CaseDto) => ReactNode;
}) {
  const { t } = useI18n();
  const { departmentName, categoryName } = useReference();
  if (list.loading && items.length === 0) return <Loading />;
  if (list.error && items.length === 0) return <ErrorState message={list.error} onRetry={list.reload} />;
  if (items.length === 0) return <Empty>{emptyText ?? t("cases.empty")}</Empty>;

  const head: Record<Column, string> = {
    number: t("case.number"),
    title: t("case.title"),
    type: t("case.type"),
    category: t("case.category"),
    status: t("case.status"),
    department: t("case.department"),
    countdown: t("case.deadline"),
    received: t("case.receivedAt"),
    requester: t("case.requester"),
    channel: t("case.channel"),
    replyBy: t("case.promisedReply"),
    satisfaction: t("case.satisfaction"),
    contact: t("case.contact"),
  };

  const cell = (c: CaseDto, col: Column): ReactNode => {
    switch (col) {
      case "number":
        return (
          <Link to={`/cases/${c.id}`} className="case-number">
            {c.number}
          </Link>
        );
      case "title":
        return (
          <span className="case-title-cell">
            <Link to={`/cases/${c.id}`}>{c.title}</Link>
            <PriorityBadge priority={c.priority} />
            <EscalationBadge level={c.escalation} />
            {c.pendingExtension && <span className="badge badge-muted">{t("case.extensionPending")}</span>}
            {c.reopenCount > 0 && <span className="badge badge-muted">{t("case.reopened", { n: c.reopenCount })}</span>}
          </span>
        );
      case "type":
        return t(`type.${c.type}`);
      case "category":
        return c.categoryCode ? categoryName(c.categoryCode) : "—";
      case "status":
        return <StatusBadge status={c.status} />;
      case "department":
        return c.departmentId ? departmentName(c.departmentId) : "—";
      case "countdown":
        return <Countdown kase={c} pushed={list.pushed?.[c.id]} />;
      case "received":
        return formatDateTime(c.receivedAt);
      case "requester":
        return c.requester.enterpriseName || c.requester.name || c.requester.phone || "—";
      case "channel":
        return t(`channel.${c.channel}`);
      case "replyBy":
        return c.deadlines.replyBy ? formatDateTime(c.deadlines.replyBy) : "—";
      case "satisfaction":
        return <SatisfactionBadge value={c.satisfaction} />;
      case "contact":
        return (
          <span className="contact-cell">
            {c.requester.name && <span>{c.requester.name}</span>}
            {c.requester.phone ? <a href={`tel:${c.requester.phone}`}>{c.requester.phone}</a> : !c.requester.name && "—"}
            {c.callbackAttempts > 0 && <span className="badge badge-muted">{t("outcome.callback.notReached", { n: c.callbackAttempts })}</span>}
          </span>
        );
    }
  };

  return (
    <div className="table-wrap">
      <table className="table">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((col) => (
              <th key={col} scope="col" className={`col-${col}`}>
                {head[col]}
              </th>
            ))}
            {rowAction && <th scope="col" className="col-actions">{t("common.actions")}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} className={list.fresh?.has(c.id) ? "row-fresh" : undefined}>
              {columns.map((col) => (
                <td key={col} className={`col-${col}`} data-label={head[col]}>
                  {cell(c, col)}
                </td>
              ))}
              {rowAction && <td className="col-actions">{rowAction(c)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {list.error && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.more && (
        <div className="table-more">
          <button type="button" className="btn" onClick={list.loadMore} disabled={list.loadingMore}>
            {list.loadingMore ? t("common.loading") : t("common.loadMore")}
          </button>
        </div>
      )}
    </div>
  );
}
