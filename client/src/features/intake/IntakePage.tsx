/** Hotline or window intake: the form with the caller's history beside it, then the result. */
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import type { CaseDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";
import { CallerHistory } from "./CallerHistory.tsx";
import { KnowledgeSuggestions } from "../knowledge/KnowledgeSuggestions.tsx";
import { IntakeForm, type CiteRequest, type IntakeMode } from "./IntakeForm.tsx";
import { IntakeResult } from "./IntakeResult.tsx";
import { Loading } from "../../components/States.tsx";
import { useTicketIntake } from "../centre/useTicketIntake.ts";

export function IntakePage({ mode }: { mode: Exclude<IntakeMode, "enterprise"> }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState("");
  const [result, setResult] = useState<{ c: CaseDto; answered: boolean; warning?: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  // 转为工单 from the window console: /clerk?ticket=<id> prefills the ticket's phone and enterprise.
  const [params, setParams] = useSearchParams();
  const hall = useTicketIntake(mode === "clerk" ? params.get("ticket") : null);

  useEffect(() => {
    if (hall.initial.phone) setPhone(hall.initial.phone);
  }, [hall.initial.phone]);
  const [matter, setMatter] = useState("");
  const [cite, setCite] = useState<CiteRequest | null>(null);

  const next = useCallback(() => {
    setResult(null);
    setPhone("");
    setParams({}, { replace: true });
    setMatter("");
    setCite(null);
    setFormKey((k) => k + 1);
  }, [setParams]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === "n" || e.key === "N")) {
        e.preventDefault();
        next();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [next]);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t(`intake.title.${mode}`)}</h1>
          <p className="muted">{t(`intake.lead.${mode}`)}</p>
        </div>
      </div>
      <div className="two-col">
        <div className="col-main">
          {result ? (
            <IntakeResult created={result.c} answered={result.answered} warning={result.warning} onNext={next} />
          ) : (
            <section className="panel">
              {hall.ticket && <p className="banner">{t("intake.fromTicket", { number: hall.ticket.number })}</p>}
              {hall.ready ? (
                <IntakeForm key={`${formKey}-${hall.ticket?.id ?? ""}`} mode={mode} initial={hall.initial} ticketId={hall.ticket?.id} onPhoneChange={setPhone} onMatterChange={setMatter} citeRequest={cite} onCreated={(c, answered, warning) => setResult({ c, answered, warning })} />
              ) : (
                <Loading />
              )}
            </section>
          )}
        </div>
        <aside className="col-side">
          {!result && <KnowledgeSuggestions text={matter} onAnswer={(article) => setCite({ article })} />}
          <CallerHistory phone={result ? (result.c.requester.phone ?? phone) : phone} />
        </aside>
      </div>
    </div>
  );
}
