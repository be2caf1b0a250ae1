/** Hotline or window intake: the form with the caller's history beside it, then the result. */
import { useCallback, useEffect, useState } from "react";
import type { CaseDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";
import { CallerHistory } from "./CallerHistory.tsx";
import { KnowledgeSuggestions } from "../knowledge/KnowledgeSuggestions.tsx";
import { IntakeForm, type CiteRequest, type IntakeMode } from "./IntakeForm.tsx";
import { IntakeResult } from "./IntakeResult.tsx";

export function IntakePage({ mode }: { mode: Exclude<IntakeMode, "enterprise"> }) {
  const { t } = useI18n();
  const [phone, setPhone] = useState("");
  const [result, setResult] = useState<{ c: CaseDto; answered: boolean; warning?: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [matter, setMatter] = useState("");
  const [cite, setCite] = useState<CiteRequest | null>(null);

  const next = useCallback(() => {
    setResult(null);
    setPhone("");
    setMatter("");
    setCite(null);
    setFormKey((k) => k + 1);
  }, []);

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
              <IntakeForm key={formKey} mode={mode} onPhoneChange={setPhone} onMatterChange={setMatter} citeRequest={cite} onCreated={(c, answered, warning) => setResult({ c, answered, warning })} />
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
