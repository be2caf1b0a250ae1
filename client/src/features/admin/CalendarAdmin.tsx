/** Working calendar: which years carry official data; load next year's schedule from pasted JSON. */
import { useMemo, useState } from "react";
import { loadCalendarYear } from "../../api/admin.ts";
import { listCalendarYears } from "../../api/reference.ts";
import { TextArea } from "../../components/Field.tsx";
import { ConfirmDialog } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { Empty, ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useSubmit } from "../../components/useSubmit.ts";
import { useI18n, type TFunction } from "../../i18n/index.tsx";
import { parseCalendarSchedule, summarizeSchedule, type CalendarProblem } from "../../lib/calendarUpload.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useLoad } from "./useLoad.ts";

const EXAMPLE = `{
  "year": 2027,
  "source": "国务院办公厅关于2027年部分节假日安排的通知",
  "days": [
    { "date": "2027-01-01", "working": false, "name": "元旦" },
    { "date": "2027-02-06", "working": true, "name": "春节调休上班" }
  ]
}`;

function problemText(p: CalendarProblem, t: TFunction): string {
  switch (p.code) {
    case "json":
      return t("calendar.problem.json", { detail: p.detail });
    case "day":
    case "foreign":
    case "duplicate":
      return t(`calendar.problem.${p.code}`, { n: p.index + 1 });
    default:
      return t(`calendar.problem.${p.code}`);
  }
}

export function CalendarAdmin() {
  const { t } = useI18n();
  const { notify } = useNotice();
  const years = useLoad(listCalendarYears);
  const [text, setText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const s = useSubmit();
  const parsed = useMemo(() => (text.trim() ? parseCalendarSchedule(text) : null), [text]);
  const thisYear = new Date().getFullYear();
  const loadedYears = new Set((years.data ?? []).map((y) => y.year));
  const missingNext = years.data && !loadedYears.has(thisYear + 1);
  const replacing = parsed?.ok && loadedYears.has(parsed.value.year);

  const upload = async () => {
    if (!parsed?.ok) return;
    const r = await s.run(() => loadCalendarYear(parsed.value));
    setConfirming(false);
    if (r) {
      notify(t("calendar.loaded", { year: r.year }), "success");
      setText("");
      years.reload();
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("nav.admin.calendar")}</h1>
          <p className="muted">{t("calendar.lead")}</p>
        </div>
      </div>
      {missingNext && (
        <p className="banner banner-warning" role="status">
          {t("calendar.missingNext", { year: thisYear + 1 })}
        </p>
      )}
      <div className="two-col wide-side">
        <section className="panel panel-flush col-main" aria-labelledby="years-title">
          <h2 id="years-title" className="panel-title">{t("calendar.years")}</h2>
          {years.loading && !years.data ? (
            <Loading />
          ) : years.error ? (
            <ErrorState message={years.error} onRetry={years.reload} />
          ) : !years.data?.length ? (
            <Empty>{t("calendar.none")}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="sr-only">{t("calendar.years")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("calendar.year")}</th>
                    <th scope="col">{t("calendar.source")}</th>
                    <th scope="col" className="num">{t("calendar.days")}</th>
                    <th scope="col">{t("calendar.loadedAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...years.data].sort((a, b) => a.year - b.year).map((y) => (
                    <tr key={y.year}>
                      <td>{y.year}</td>
                      <td>{y.source}</td>
                      <td className="num">{y.days}</td>
                      <td>{formatDateTime(y.loadedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <aside className="col-side">
          <section className="panel" aria-labelledby="load-title">
            <h2 id="load-title">{t("calendar.loadTitle")}</h2>
            <TextArea label={t("calendar.paste")} rows={12} className="mono-input" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} placeholder={EXAMPLE} hint={t("calendar.pasteHint")} error={parsed && !parsed.ok ? problemText(parsed.problem, t) : s.fieldErrors.days || s.fieldErrors.year} />
            {parsed?.ok && (
              <p className="form-info">
                {t("calendar.preview", { year: parsed.value.year, n: parsed.value.days.length, holidays: summarizeSchedule(parsed.value).holidays, workdays: summarizeSchedule(parsed.value).workdays })}
              </p>
            )}
            <FormError message={s.formError} />
            <button type="button" className="btn btn-primary" disabled={!parsed?.ok || s.busy} onClick={() => setConfirming(true)}>
              {t("calendar.load")}
            </button>
          </section>
        </aside>
      </div>
      {confirming && parsed?.ok && (
        <ConfirmDialog
          title={t("calendar.load")}
          message={t(replacing ? "calendar.confirmReplace" : "calendar.confirmLoad", { year: parsed.value.year })}
          busy={s.busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void upload()}
        />
      )}
    </div>
  );
}
