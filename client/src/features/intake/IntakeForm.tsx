/** Keyboard-first intake form (hotline, window, online): live checks, enterprise lookup, direct answer. */
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import type { CaseDto, EnterpriseDto, KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { CASE_TYPES, PRIORITIES } from "../../../../models/enums.ts";
import { caseAction, createCase } from "../../api/cases.ts";
import { ApiError } from "../../api/http.ts";
import { answerFromArticle } from "../../api/knowledge.ts";
import { CheckboxField, SelectField, TextArea, TextField } from "../../components/Field.tsx";
import { ConfirmDialog } from "../../components/Modal.tsx";
import { FormError } from "../../components/States.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.tsx";
import { isValidCreditCode, normalizeCreditCode } from "../../../../models/validation.ts";
import { localizeFieldErrors } from "../../lib/fieldErrors.ts";
import { ANSWERABLE_TYPES, checkIntake, creditCodeMessage, DESCRIPTION_MAX, EMPTY_INTAKE, intakeBody, newIdempotencyKey, phoneMessage, TITLE_MAX, type IntakeValues } from "../../lib/intake.ts";
import { useReference } from "../reference/ReferenceContext.tsx";
import { EnterpriseLookup } from "./EnterpriseLookup.tsx";
import { useEnterpriseByCode } from "./useEnterpriseByCode.ts";

export type IntakeMode = "operator" | "clerk" | "enterprise";

/** A request to answer with a knowledge-base article (a new object each time the operator picks one). */
export interface CiteRequest {
  article: KnowledgeArticleDto;
}

export function IntakeForm({
  mode,
  onCreated,
  onPhoneChange,
  initial,
  ticketId,
  onMatterChange,
  citeRequest,
  extra,
}: {
  mode: IntakeMode;
  onCreated: (c: CaseDto, answered: boolean, note?: string) => void;
  onPhoneChange?: (phone: string) => void;
  initial?: Partial<IntakeValues>;
  ticketId?: string;
  onMatterChange?: (text: string) => void;
  citeRequest?: CiteRequest | null;
  extra?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const { categories, departmentName } = useReference();
  const [v, setV] = useState<IntakeValues>(() => ({ ...EMPTY_INTAKE, ...initial }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answerMode, setAnswerMode] = useState(false);
  const [answer, setAnswer] = useState("");
  const [confirmAnswer, setConfirmAnswer] = useState(false);
  const [cited, setCited] = useState<KnowledgeArticleDto | null>(null);
  const idemKey = useRef(newIdempotencyKey());
  const staff = mode !== "enterprise";
  const phoneRequired = staff;

  const set = <K extends keyof IntakeValues>(k: K, value: IntakeValues[K]) => {
    setV((x) => {
      const next = { ...x, [k]: value };
      if (k === "type" && value === "report") next.confidential = true;
      return next;
    });
    const path =
      k === "name" || k === "phone" || k === "enterpriseName" || k === "creditCode"
        ? `requester.${k}`
        : k === "subjectName"
          ? "subject.enterpriseName"
          : k === "subjectCreditCode"
            ? "subject.creditCode"
            : k;
    setErrors((e) => (e[path] ? { ...e, [path]: "" } : e));
    if (k === "phone") onPhoneChange?.(value as string);
  };

  // Live messages: shown as the person types, not only on submit.
  const liveCode = v.creditCode ? creditCodeMessage(v.creditCode, !!touched.creditCode) : null;
  const livePhone = touched.phone ? phoneMessage(v.phone, phoneRequired) : v.phone.replace(/\D/g, "").length >= 11 ? phoneMessage(v.phone, false) : null;
  const codeOk = v.creditCode.trim() !== "" && isValidCreditCode(v.creditCode);
  // A valid code of a registered enterprise links it: its name fills an empty enterprise field.
  const linked = useEnterpriseByCode(staff && codeOk ? v.creditCode : "", (ent) => setV((x) => (x.enterpriseName.trim() ? x : { ...x, enterpriseName: ent.name })));
  const err = (path: string, live?: MessageKey | null) => errors[path] || (live ? t(live) : undefined);

  const categoryOptions = useMemo(
    () => categories.map((c) => ({ value: c.code, label: c.departmentId ? `${c.name}（${departmentName(c.departmentId)}）` : c.name })),
    [categories, departmentName],
  );
  const answerable = staff && v.type !== "" && ANSWERABLE_TYPES.includes(v.type);

  // The matter as typed, for the knowledge-base suggestions beside or below the form.
  useEffect(() => onMatterChange?.(`${v.title} ${v.description}`.trim()), [v.title, v.description, onMatterChange]);
  // "Answer with this": a consultation (unless a type was chosen), the article's text to edit, the article cited.
  useEffect(() => {
    if (!citeRequest || !staff) return;
    const { article } = citeRequest;
    setV((x) => ({ ...x, type: x.type || "consultation", title: x.title || article.title }));
    setAnswerMode(true);
    setAnswer(answerFromArticle(article));
    setCited(article);
    window.setTimeout(() => document.querySelector<HTMLTextAreaElement>('[data-path="answer"] textarea')?.focus(), 0);
  }, [citeRequest, staff]);

  const validate = (): boolean => {
    const problems = checkIntake(v, { phoneRequired, requesterFields: staff });
    if (answerMode && answerable && !answer.trim()) problems.answer = "validation.required";
    const keys = Object.keys(problems);
    setErrors(Object.fromEntries(keys.map((k) => [k, t(problems[k]!)])));
    setTouched({ phone: true, creditCode: true });
    if (keys.length) {
      const first = document.querySelector<HTMLElement>(`[data-path="${keys[0]}"] input, [data-path="${keys[0]}"] select, [data-path="${keys[0]}"] textarea`);
      first?.focus();
    }
    return keys.length === 0;
  };

  const send = async (withAnswer: boolean) => {
    setBusy(true);
    setFormError(null);
    let created: CaseDto | null = null;
    try {
      created = (await createCase({ ...intakeBody(v, { requesterFields: staff }), ...(ticketId ? { ticketId } : {}) }, idemKey.current)).case;
      if (withAnswer) {
        const r = await caseAction(created.id, "answer", { answer: answer.trim(), ...(cited ? { articleId: cited.id } : {}) }, created.version);
        created = r.case;
      }
      idemKey.current = newIdempotencyKey();
      setV(EMPTY_INTAKE);
      setAnswer("");
      setAnswerMode(false);
      setCited(null);
      setTouched({});
      onCreated(created, withAnswer);
    } catch (e) {
      if (created) {
        // The case exists; only the direct answer failed.
        idemKey.current = newIdempotencyKey();
        onCreated(created, false, e instanceof Error ? e.message : String(e));
        setV(EMPTY_INTAKE);
      } else if (e instanceof ApiError) {
        if (e.code === "validation_failed") {
          const known: Record<string, string> = {
            "requester.phone": t("validation.phone"),
            "requester.creditCode": t("validation.creditCodeCheck"),
            title: t("validation.titleTooLong"),
            description: t("validation.descriptionTooLong"),
          };
          setErrors(localizeFieldErrors(e.fieldErrors(), lang, known, t("validation.invalid")));
        }
        setFormError(e.message);
      } else setFormError((e as Error).message);
    } finally {
      setBusy(false);
      setConfirmAnswer(false);
    }
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !validate()) return;
    if (answerMode && answerable) setConfirmAnswer(true);
    else void send(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  const pickEnterprise = (ent: EnterpriseDto) => {
    set("enterpriseName", ent.name);
    set("creditCode", ent.creditCode);
    setTouched((x) => ({ ...x, creditCode: true }));
  };

  return (
    <form className="intake-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={t(`intake.title.${mode}`)}>
      {staff && (
        <fieldset className="form-section">
          <legend>{t("intake.section.requester")}</legend>
          <div className="grid-2">
            <div data-path="requester.phone">
              <TextField label={t("intake.phone")} required={phoneRequired} autoFocus inputMode="tel" autoComplete="off" value={v.phone} onChange={(e) => set("phone", e.target.value)} onBlur={() => setTouched((x) => ({ ...x, phone: true }))} error={err("requester.phone", livePhone)} hint={t("intake.phoneHint")} />
            </div>
            <div data-path="requester.name">
              <TextField label={t("intake.callerName")} autoComplete="off" value={v.name} onChange={(e) => set("name", e.target.value)} error={err("requester.name")} />
            </div>
            <EnterpriseLookup path="requester.enterpriseName" query={v.enterpriseName} onPick={pickEnterprise}>
              <TextField label={t("intake.enterpriseName")} autoComplete="off" value={v.enterpriseName} onChange={(e) => set("enterpriseName", e.target.value)} error={err("requester.enterpriseName")} hint={t("intake.enterpriseHint")} />
            </EnterpriseLookup>
            <div data-path="requester.creditCode">
              <CreditCodeField
                label={t("intake.creditCode")}
                value={v.creditCode}
                onChange={(code) => set("creditCode", code)}
                onBlur={() => setTouched((x) => ({ ...x, creditCode: true }))}
                error={err("requester.creditCode", liveCode)}
                hint={codeOk ? <span className="ok">✓ {linked ? t("intake.creditCodeLinked", { name: linked.name }) : t("intake.creditCodeOk")}</span> : v.creditCode ? t("intake.creditCodeProgress", { n: v.creditCode.length }) : t("intake.creditCodeHint")}
              />
            </div>
          </div>
          <div className="checks-inline">
            <CheckboxField label={t("intake.anonymous")} checked={v.anonymous} onChange={(e) => set("anonymous", e.target.checked)} />
            <CheckboxField label={t("intake.confidential")} checked={v.confidential} onChange={(e) => set("confidential", e.target.checked)} />
          </div>
        </fieldset>
      )}
      <fieldset className="form-section">
        <legend>{t("intake.section.matter")}</legend>
        <div className={staff ? "grid-3" : "grid-2"}>
          <div data-path="type">
            <SelectField label={t("case.type")} required value={v.type} onChange={(e) => set("type", e.target.value as IntakeValues["type"])} options={CASE_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))} placeholder={t("form.choose")} error={err("type")} />
          </div>
          <div data-path="categoryCode">
            <SelectField label={t("case.category")} value={v.categoryCode} onChange={(e) => set("categoryCode", e.target.value)} options={categoryOptions} placeholder={t("intake.categoryUnknown")} error={err("categoryCode")} />
          </div>
          {staff && (
            <div data-path="priority">
              <SelectField label={t("case.priority")} value={v.priority} onChange={(e) => set("priority", e.target.value as IntakeValues["priority"])} options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} error={err("priority")} />
            </div>
          )}
        </div>
        <div data-path="title">
          <TextField label={t("case.title")} required maxChars={TITLE_MAX} value={v.title} onChange={(e) => set("title", e.target.value)} error={err("title")} placeholder={t("intake.titlePlaceholder")} />
        </div>
        <div data-path="description">
          <TextArea label={t("case.description")} required rows={staff ? 5 : 7} maxChars={DESCRIPTION_MAX} value={v.description} onChange={(e) => set("description", e.target.value)} error={err("description")} placeholder={t("intake.descriptionPlaceholder")} />
        </div>
        <div data-path="location">
          <TextField label={t("case.location")} value={v.location} onChange={(e) => set("location", e.target.value)} error={err("location")} placeholder={t("intake.locationPlaceholder")} />
        </div>
      </fieldset>
      <fieldset className="form-section">
        <legend>{t("intake.section.subject")}</legend>
        <p className="muted small">{t("intake.subjectHint")}</p>
        <div className="grid-2">
          <div data-path="subject.enterpriseName">
            <TextField label={t("intake.subjectName")} autoComplete="off" value={v.subjectName} onChange={(e) => set("subjectName", e.target.value)} error={err("subject.enterpriseName")} />
          </div>
          <div data-path="subject.creditCode">
            <CreditCodeField
              label={t("intake.subjectCreditCode")}
              value={v.subjectCreditCode}
              onChange={(code) => set("subjectCreditCode", code)}
              error={err("subject.creditCode", v.subjectCreditCode ? creditCodeMessage(v.subjectCreditCode, false) : null)}
              hint={t("intake.creditCodeHint")}
            />
          </div>
        </div>
      </fieldset>
      {answerable && (
        <fieldset className="form-section">
          <legend>{t("intake.section.answer")}</legend>
          <CheckboxField label={t("intake.answerNow")} checked={answerMode} onChange={(e) => setAnswerMode(e.target.checked)} />
          {answerMode && cited && (
            <p className="kb-cited">
              {t("kb.citing", { title: cited.title, version: cited.version })}{" "}
              <button type="button" className="btn-link" onClick={() => setCited(null)}>
                {t("kb.removeCitation")}
              </button>
            </p>
          )}
          {answerMode && (
            <div data-path="answer">
              <TextArea label={t("form.answer")} required rows={4} maxChars={5000} value={answer} onChange={(e) => { setAnswer(e.target.value); setErrors((x) => ({ ...x, answer: "" })); }} error={errors.answer} hint={t("form.answerHint")} />
            </div>
          )}
        </fieldset>
      )}
      {extra}
      <FormError message={formError} />
      <div className="form-actions sticky-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t("common.working") : answerMode && answerable ? t("intake.submitAndAnswer") : t(`intake.submit.${mode}`)}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => { setV(EMPTY_INTAKE); setErrors({}); setTouched({}); setAnswer(""); setAnswerMode(false); setFormError(null); onPhoneChange?.(""); }}>
          {t("intake.clear")}
        </button>
        {staff && <span className="muted small kbd-hint">{t("intake.shortcuts")}</span>}
      </div>
      {confirmAnswer && (
        <ConfirmDialog title={t("confirm.answer.title")} message={t("intake.confirmAnswer")} confirmLabel={t("actionSubmit.answer")} busy={busy} onConfirm={() => void send(true)} onCancel={() => setConfirmAnswer(false)} />
      )}
    </form>
  );
}

/** A credit-code input: read as the person types it (spaces dropped, upper case), monospace, never autocompleted. */
function CreditCodeField(props: { label: string; value: string; onChange: (code: string) => void; onBlur?: () => void; error?: string; hint: ReactNode }) {
  return (
    <TextField
      label={props.label}
      className="mono-input"
      autoComplete="off"
      spellCheck={false}
      maxLength={24}
      value={props.value}
      onChange={(e) => props.onChange(normalizeCreditCode(e.target.value))}
      onBlur={props.onBlur}
      error={props.error}
      hint={props.hint}
    />
  );
}
