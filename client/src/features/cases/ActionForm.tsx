/** The form of one case action: fields, client checks, confirmation when irreversible, server field errors. */
import { useState, type FormEvent } from "react";
import type { CaseDto, CaseEventDto, KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { RETURN_REASONS, SATISFACTION_LEVELS, type CaseAction } from "../../../../models/enums.ts";
import { caseAction } from "../../api/cases.ts";
import { ApiError } from "../../api/http.ts";
import { CheckboxField, RadioGroup, SelectField, TextArea, TextField } from "../../components/Field.tsx";
import { ConfirmDialog } from "../../components/Modal.tsx";
import { FormError } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { localizeFieldErrors } from "../../lib/fieldErrors.ts";
import { DIRECT_ANSWER_TYPES } from "../../../../models/validation.ts";
import { actionBody, checkAction, DISPOSALS, EMPTY_VALUES, IRREVERSIBLE, type ActionValues } from "../../lib/actionBodies.ts";
import { dispatchPreset } from "../../lib/redispatch.ts";
import { useAuth } from "../auth/AuthContext.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";
import { ArticlePicker } from "../knowledge/ArticlePicker.tsx";
import { MergeTargetPicker } from "./MergeTargetPicker.tsx";
import { ReplyCheckPanel } from "./ReplyCheckPanel.tsx";
import { ReturnQuote } from "./ReturnQuote.tsx";

export interface ActionResult {
  case: CaseDto;
  event: CaseEventDto;
}

/** Initial values: dispatch suggests the return's suggestion, else the category's owner unless it just returned the case. */
function initialValues(action: CaseAction, kase: CaseDto, categoryDept: string | null, returned: CaseEventDto | null, presetInto?: MergeTarget): ActionValues {
  const v = { ...EMPTY_VALUES, coDepartmentIds: [] as string[] };
  if (action === "dispatch") {
    v.departmentId = dispatchPreset(categoryDept, returned);
    v.categoryCode = kase.categoryCode ?? "";
  }
  if (action === "merge" && presetInto) v.intoCaseId = presetInto.id;
  return v;
}

/** A merge target chosen beforehand (from the duplicate list). */
export interface MergeTarget {
  id: string;
  number: string;
}

export function ActionForm({
  kase,
  action,
  onDone,
  onCancel,
  presetInto,
  compact,
  returned = null,
}: {
  kase: CaseDto;
  action: CaseAction;
  onDone: (r: ActionResult) => void;
  onCancel?: () => void;
  presetInto?: MergeTarget;
  compact?: boolean;
  /** For dispatch: the approved return that sent the case back (shown, and its department not preselected). */
  returned?: CaseEventDto | null;
}) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const { departments, categories } = useReference();
  const categoryDept = categories.find((c) => c.code === kase.categoryCode)?.departmentId ?? null;
  const [v, setV] = useState<ActionValues>(() => initialValues(action, kase, categoryDept, returned, presetInto));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [basis, setBasis] = useState<KnowledgeArticleDto | null>(null);
  // A reply with a blocking finding is refused by the server; the button says so before.
  const [replyBlocked, setReplyBlocked] = useState(false);

  const set = <K extends keyof ActionValues>(k: K, value: ActionValues[K]) => {
    setV((x) => ({ ...x, [k]: value }));
    setErrors((e) => (e[k] ? { ...e, [k]: "" } : e));
  };
  const activeDepartments = departments.filter((d) => d.active !== false);
  const deptOptions = activeDepartments.map((d) => ({ value: d.id, label: d.name }));
  const satisfactionOptions = [...SATISFACTION_LEVELS].reverse().map((s) => ({ value: s as number, label: `${s} ${t(`satisfaction.${s}`)}` }));
  const isStaff = user?.role !== "enterprise";
  const categoryOptions = categories.map((c) => ({ value: c.code, label: c.name }));
  /** A corrected category brings its owner department along, unless the operator already chose another one. */
  const setCategory = (code: string) => {
    const ownerOf = (c: string) => categories.find((x) => x.code === c)?.departmentId ?? "";
    if (!v.departmentId || v.departmentId === ownerOf(v.categoryCode)) set("departmentId", ownerOf(code));
    set("categoryCode", code);
  };

  const send = async () => {
    setBusy(true);
    setFormError(null);
    try {
      const res = await caseAction(kase.id, action, { ...actionBody(action, v), ...(basis ? { articleId: basis.id } : {}) }, kase.version);
      setConfirming(false);
      onDone(res);
    } catch (err) {
      setConfirming(false);
      if (err instanceof ApiError) {
        if (err.code === "validation_failed" && err.details.length) setErrors(localizeFieldErrors(err.fieldErrors(), lang, {}, t("validation.invalid")));
        setFormError(err.code === "conflict" ? `${err.message} ${t("case.conflictHint")}` : err.message);
      } else setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = checkAction(action, v, kase.type);
    const keys = Object.keys(problems);
    if (keys.length) {
      setErrors(Object.fromEntries(keys.map((k) => [k, t(problems[k]!)])));
      return;
    }
    if (IRREVERSIBLE.includes(action)) setConfirming(true);
    else void send();
  };

  const approveOptions = [
    { value: "yes" as const, label: t("form.approve") },
    { value: "no" as const, label: t("form.reject") },
  ];

  return (
    <form className={`action-form${compact ? " compact" : ""}`} onSubmit={submit} noValidate aria-label={t(`action.${action}`)}>
      {action === "dispatch" && (
        <>
          {returned && <ReturnQuote returned={returned} title={t("returns.approvedReturn")} />}
          <SelectField label={t("case.category")} value={v.categoryCode} onChange={(e) => setCategory(e.target.value)} options={categoryOptions} placeholder={t("form.none")} error={errors.categoryCode} hint={t("form.categoryAtDispatchHint")} />
          <SelectField label={t("form.leadDepartment")} required value={v.departmentId} onChange={(e) => set("departmentId", e.target.value)} options={deptOptions} placeholder={t("form.choose")} error={errors.departmentId} />
          <fieldset className="checks-inline">
            <legend>{t("form.coDepartments")}</legend>
            {activeDepartments
              .filter((d) => d.id !== v.departmentId)
              .map((d) => (
                <CheckboxField
                  key={d.id}
                  label={d.name}
                  checked={v.coDepartmentIds.includes(d.id)}
                  onChange={(e) => set("coDepartmentIds", e.target.checked ? [...v.coDepartmentIds, d.id] : v.coDepartmentIds.filter((x) => x !== d.id))}
                />
              ))}
          </fieldset>
          <TextArea label={t("form.note")} rows={2} value={v.note} onChange={(e) => set("note", e.target.value)} error={errors.note} hint={v.notePublic ? t("form.notePublicHint") : t("form.noteInternalHint")} />
          <CheckboxField label={t("form.notePublic")} checked={v.notePublic} onChange={(e) => set("notePublic", e.target.checked)} />
        </>
      )}
      {action === "answer" && (
        <>
          <TextArea label={t("form.answer")} required rows={4} maxChars={5000} value={v.answer} onChange={(e) => set("answer", e.target.value)} error={errors.answer} hint={t("form.answerHint")} />
          <SelectField
            label={t("form.disposal")}
            required={!DIRECT_ANSWER_TYPES.includes(kase.type)}
            value={v.disposal}
            onChange={(e) => set("disposal", e.target.value as ActionValues["disposal"])}
            options={DISPOSALS.map((d) => ({ value: d, label: t(`disposal.${d}`) }))}
            placeholder={DIRECT_ANSWER_TYPES.includes(kase.type) ? t("form.none") : t("form.choose")}
            error={errors.disposal}
            hint={DIRECT_ANSWER_TYPES.includes(kase.type) ? undefined : t("form.disposalHint")}
          />
        </>
      )}
      {action === "return" && (
        <>
          <SelectField label={t("form.returnReason")} required value={v.reason} onChange={(e) => set("reason", e.target.value)} options={RETURN_REASONS.map((r) => ({ value: r, label: t(`returnReason.${r}`) }))} placeholder={t("form.choose")} error={errors.reason} />
          <TextArea label={t("form.returnNote")} required rows={3} value={v.note} onChange={(e) => set("note", e.target.value)} error={errors.note} />
          <SelectField label={t("form.suggestedDepartment")} value={v.suggestedDepartmentId} onChange={(e) => set("suggestedDepartmentId", e.target.value)} options={deptOptions.filter((o) => o.value !== kase.departmentId)} placeholder={t("form.none")} error={errors.suggestedDepartmentId} />
        </>
      )}
      {(action === "decide-return" || action === "decide-extension") && (
        <>
          {action === "decide-extension" && kase.pendingExtension && (
            <p className="form-context">{t("form.extensionAsked", { days: kase.pendingExtension.days, reason: kase.pendingExtension.reason })}</p>
          )}
          <RadioGroup legend={t("form.decision")} name="approve" value={v.approve || null} options={approveOptions} onChange={(x) => set("approve", x)} error={errors.approve} />
          <TextArea label={t("form.note")} rows={2} value={v.note} onChange={(e) => set("note", e.target.value)} error={errors.note} />
        </>
      )}
      {action === "reply" && (
        <>
          <TextArea label={t("form.replyContent")} required rows={5} maxChars={5000} value={v.content} onChange={(e) => set("content", e.target.value)} error={errors.content} hint={t("form.replyHint")} />
          <ReplyCheckPanel caseId={kase.id} content={v.content} articleId={basis?.id} onBlocking={setReplyBlocked} />
        </>
      )}
      {(action === "reply" || action === "answer") && <ArticlePicker context={`${kase.title} ${kase.description}`} value={basis} onChange={setBasis} />}
      {action === "request-extension" && (
        <>
          <TextField label={t("form.extensionDays")} required type="number" min={1} max={10} inputMode="numeric" value={v.days} onChange={(e) => set("days", e.target.value)} error={errors.days} hint={t("form.extensionDaysHint")} />
          <TextArea label={t("form.extensionReason")} required rows={3} value={v.reason} onChange={(e) => set("reason", e.target.value)} error={errors.reason} />
        </>
      )}
      {(action === "reject-reply" || action === "reopen" || action === "cancel") && (
        <TextArea label={t(action === "cancel" ? "form.cancelReason" : action === "reopen" ? "form.reopenReason" : "form.rejectReplyReason")} required rows={3} value={v.reason} onChange={(e) => set("reason", e.target.value)} error={errors.reason} />
      )}
      {action === "callback" && (
        <>
          <RadioGroup legend={t("form.reached")} name="reached" value={v.reached || null} options={[{ value: "yes" as const, label: t("form.reachedYes") }, { value: "no" as const, label: t("form.reachedNo") }]} onChange={(x) => set("reached", x)} error={errors.reached} />
          {v.reached === "yes" && <RadioGroup legend={t("form.satisfaction")} name="satisfaction" value={v.satisfaction} options={satisfactionOptions} onChange={(x) => set("satisfaction", x)} error={errors.satisfaction} />}
          <TextArea label={t("form.comment")} rows={2} value={v.comment} onChange={(e) => set("comment", e.target.value)} error={errors.comment} />
        </>
      )}
      {action === "rate" && (
        <>
          <RadioGroup legend={t("form.satisfaction")} name="satisfaction" value={v.satisfaction} options={satisfactionOptions} onChange={(x) => set("satisfaction", x)} error={errors.satisfaction} className="rating" />
          {v.satisfaction !== null && v.satisfaction <= 2 && <p className="form-context">{t("form.badRatingHint")}</p>}
          <TextArea label={t("form.comment")} rows={2} value={v.comment} onChange={(e) => set("comment", e.target.value)} error={errors.comment} />
        </>
      )}
      {(action === "urge" || action === "supervise" || action === "list") && <TextArea label={t("form.escalationNote")} required rows={2} value={v.note} onChange={(e) => set("note", e.target.value)} error={errors.note} />}
      {action === "merge" &&
        (presetInto ? (
          <p className="form-context">{t("merge.intoFixed", { from: kase.number, into: presetInto.number })}</p>
        ) : (
          <MergeTargetPicker kase={kase} value={v.intoCaseId} onChange={(id) => set("intoCaseId", id)} error={errors.intoCaseId} />
        ))}
      {action === "comment" && (
        <>
          <TextArea label={t("form.commentContent")} required rows={3} maxChars={5000} value={v.content} onChange={(e) => set("content", e.target.value)} error={errors.content} />
          {isStaff && <CheckboxField label={t("form.internal")} checked={v.internal} onChange={(e) => set("internal", e.target.checked)} />}
        </>
      )}
      {action === "sign" && <p className="form-context">{t("form.signHint")}</p>}
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className={`btn ${action === "cancel" ? "btn-danger" : "btn-primary"}`} disabled={busy || (action === "reply" && replyBlocked)}>
          {busy ? t("common.working") : t(`actionSubmit.${action}`)}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t("common.cancel")}
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t(`confirm.${action as "cancel" | "merge" | "answer" | "return"}.title`)}
          message={t(`confirm.${action as "cancel" | "merge" | "answer" | "return"}.message`, { number: kase.number })}
          confirmLabel={t(`actionSubmit.${action}`)}
          danger={action === "cancel" || action === "merge"}
          busy={busy}
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </form>
  );
}
