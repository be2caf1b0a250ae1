/** Finds cases by number, title, description or enterprise (Chinese text works), with filters. */
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { CASE_TYPES, STATUSES, type CaseType, type Status } from "../../../../models/enums.ts";
import { SelectField, TextField } from "../../components/Field.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { CaseFilter } from "../../lib/caseList.ts";
import { CaseTable, type Column } from "../cases/CaseTable.tsx";
import { useCaseList } from "../cases/useCaseList.ts";
import { ExportButtons } from "../cases/ExportButtons.tsx";

const COLUMNS: Column[] = ["number", "title", "type", "status", "department", "countdown", "received"];

export function SearchPage({ channel }: { channel?: CaseFilter["channel"] }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [status, setStatus] = useState(params.get("status") ?? "");
  const [type, setType] = useState(params.get("type") ?? "");
  const filter: CaseFilter = {
    q: params.get("q") ?? undefined,
    status: (params.get("status") as Status | null) ?? undefined,
    type: (params.get("type") as CaseType | null) ?? undefined,
    channel,
  };
  const list = useCaseList(filter);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set("q", q.trim());
    if (status) next.set("status", status);
    if (type) next.set("type", type);
    setParams(next);
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t(channel ? "nav.clerk.cases" : "search.title")}</h1>
        <div className="page-tools">
          <ExportButtons filter={filter} />
        </div>
      </div>
      <form className="panel filter-bar" onSubmit={submit} role="search">
        <TextField label={t("search.q")} value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("search.placeholder")} className="grow" />
        <SelectField label={t("case.status")} value={status} onChange={(e) => setStatus(e.target.value)} options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} placeholder={t("common.all")} />
        <SelectField label={t("case.type")} value={type} onChange={(e) => setType(e.target.value)} options={CASE_TYPES.map((s) => ({ value: s, label: t(`type.${s}`) }))} placeholder={t("common.all")} />
        <button type="submit" className="btn btn-primary">
          {t("common.search")}
        </button>
      </form>
      <section className="panel panel-flush">
        <CaseTable list={list} items={list.items} columns={COLUMNS} caption={t("search.title")} emptyText={t("search.none")} />
      </section>
    </div>
  );
}
