/** A live work queue: title, the list, per-row actions in a dialog, and a notice when cases arrive. */
import { useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import type { CaseDto } from "../../../../models/contracts.ts";
import type { CaseAction } from "../../../../models/enums.ts";
import { useNotice } from "../../components/Notice.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import type { CaseFilter } from "../../lib/caseList.ts";
import { CaseActionModal } from "./CaseActionModal.tsx";
import { CaseTable, type Column } from "./CaseTable.tsx";
import { ExportButtons } from "./ExportButtons.tsx";
import { useCaseList } from "./useCaseList.ts";

export interface QueueProps {
  title: MessageKey;
  lead?: MessageKey;
  filter: CaseFilter;
  columns: Column[];
  /** Row buttons, shown only when the case offers them (the server's `actions`). */
  rowActions?: CaseAction[];
  sort?: (a: CaseDto, b: CaseDto) => number;
  /** Extra client-side filter (e.g. pending extensions). */
  keep?: (c: CaseDto) => boolean;
  arrivalNotice?: MessageKey;
  empty?: MessageKey;
  toolbar?: ReactNode;
}

/** The list part of a queue, with its heading (h1 on a page, h2 inside one). */
export function QueueSection({ title, lead, filter, columns, rowActions = [], sort, keep, arrivalNotice, empty, toolbar, level = 1 }: QueueProps & { level?: 1 | 2 }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const navigate = useNavigate();
  const [acting, setActing] = useState<{ kase: CaseDto; action: CaseAction } | null>(null);
  const list = useCaseList(filter, (c) => {
    if (arrivalNotice && (!keep || keep(c))) notify(t(arrivalNotice, { number: c.number, title: c.title }), "info", { label: t("common.open"), run: () => navigate(`/cases/${c.id}`) });
  });
  const items = useMemo(() => {
    const xs = keep ? list.items.filter(keep) : list.items;
    return sort ? [...xs].sort(sort) : xs;
  }, [list.items, keep, sort]);
  const Heading = level === 1 ? "h1" : "h2";

  return (
    <>
      <div className="page-head">
        <div>
          <Heading>
            {t(title)} {!list.loading && <span className="count">{items.length}{list.more ? "+" : ""}</span>}
          </Heading>
          {lead && <p className="muted">{t(lead)}</p>}
        </div>
        <div className="page-tools">
          {toolbar}
          <ExportButtons filter={filter} />
          <button type="button" className="btn" onClick={list.reload}>
            {t("common.refresh")}
          </button>
        </div>
      </div>
      <section className="panel panel-flush">
        <CaseTable
          list={list}
          items={items}
          columns={columns}
          caption={t(title)}
          emptyText={empty ? t(empty) : undefined}
          rowAction={
            rowActions.length
              ? (c) => (
                  <div className="row-actions">
                    {rowActions
                      .filter((a) => c.actions.includes(a))
                      .map((a) => (
                        <button key={a} type="button" className="btn btn-small" onClick={() => setActing({ kase: c, action: a })}>
                          {t(`action.${a}`)}
                        </button>
                      ))}
                  </div>
                )
              : undefined
          }
        />
      </section>
      {acting && (
        <CaseActionModal kase={list.items.find((c) => c.id === acting.kase.id) ?? acting.kase} action={acting.action} onClose={() => setActing(null)} onDone={(r) => list.apply(r.case)} />
      )}
    </>
  );
}

export function QueuePage(props: QueueProps) {
  return (
    <div className="page">
      <QueueSection {...props} />
    </div>
  );
}
