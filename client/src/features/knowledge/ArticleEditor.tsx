/** Writing an article: a new draft, a draft's changes, or (supervisors, admins) a published article's next version. */
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import type { KnowledgeArticleDto } from "../../../../models/contracts.ts";
import { createArticle, getArticle, updateArticle, type ArticleFields } from "../../api/knowledge.ts";
import { ApiError } from "../../api/http.ts";
import { CheckboxField, SelectField, TextArea, TextField } from "../../components/Field.tsx";
import { ErrorState, FormError, Loading } from "../../components/States.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useLoad } from "../admin/useLoad.ts";
import { useUser } from "../auth/AuthContext.tsx";
import { useReference } from "../reference/ReferenceContext.tsx";

const fieldsOf = (a: KnowledgeArticleDto | null, departmentId: string): ArticleFields & { keywordText: string } => ({
  title: a?.title ?? "",
  body: a?.body ?? "",
  categoryCode: a?.categoryCode ?? null,
  departmentId: a?.departmentId ?? departmentId,
  keywords: a?.keywords ?? [],
  keywordText: (a?.keywords ?? []).join("，"),
  policyRef: a?.policyRef ?? "",
  effectiveFrom: a?.effectiveFrom ?? "",
  effectiveTo: a?.effectiveTo ?? "",
  public: a?.public ?? true,
});

function EditorForm({ article, base }: { article: KnowledgeArticleDto | null; base: string }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { categories, departments } = useReference();
  const [v, setV] = useState(() => fieldsOf(article, user.departmentId ?? ""));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((x) => ({ ...x, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    setErrors({});
    const { keywordText, ...rest } = v;
    const body: ArticleFields = {
      ...rest,
      keywords: [...new Set(keywordText.split(/[,，、;；\n]/).map((k) => k.trim()).filter(Boolean))],
      policyRef: rest.policyRef || null,
      effectiveFrom: rest.effectiveFrom || null,
      effectiveTo: rest.effectiveTo || null,
      categoryCode: rest.categoryCode || null,
    };
    try {
      const saved = article ? await updateArticle(article.id, { ...body, ...(article.status === "published" ? { version: article.version } : {}) }) : await createArticle(body);
      navigate(`${base}/${saved.article.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation_failed") setErrors(err.fieldErrors());
      setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  void lang;
  return (
    <form className="kb-editor" onSubmit={submit} noValidate>
      {article?.status === "published" && <p className="notice-inline">{t("kb.editPublished", { n: article.version + 1 })}</p>}
      <TextField label={t("kb.field.title")} required maxChars={200} value={v.title} onChange={(e) => set("title", e.target.value)} error={errors.title} />
      <div className="grid-2">
        <SelectField label={t("kb.department")} required value={v.departmentId ?? ""} onChange={(e) => set("departmentId", e.target.value)} options={departments.map((d) => ({ value: d.id, label: d.name }))} placeholder={t("form.choose")} error={errors.departmentId} />
        <SelectField label={t("case.category")} value={v.categoryCode ?? ""} onChange={(e) => set("categoryCode", e.target.value || null)} options={categories.map((c) => ({ value: c.code, label: c.name }))} placeholder={t("kb.noCategory")} error={errors.categoryCode} />
      </div>
      <TextField label={t("kb.keywords")} value={v.keywordText} onChange={(e) => set("keywordText", e.target.value)} hint={t("kb.keywordsHint")} error={errors.keywords} />
      <div className="grid-3">
        <TextField label={t("kb.policyRef")} value={v.policyRef ?? ""} onChange={(e) => set("policyRef", e.target.value)} error={errors.policyRef} />
        <TextField label={t("kb.effectiveFrom")} type="date" value={v.effectiveFrom ?? ""} onChange={(e) => set("effectiveFrom", e.target.value)} error={errors.effectiveFrom} />
        <TextField label={t("kb.effectiveTo")} type="date" value={v.effectiveTo ?? ""} onChange={(e) => set("effectiveTo", e.target.value)} error={errors.effectiveTo} />
      </div>
      <TextArea label={t("kb.field.body")} required rows={14} maxChars={20000} value={v.body} onChange={(e) => set("body", e.target.value)} hint={t("kb.bodyHint")} error={errors.body} />
      <CheckboxField label={t("kb.field.public")} checked={v.public} onChange={(e) => set("public", e.target.checked)} />
      <FormError message={formError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t("common.working") : article ? t("common.save") : t("kb.saveDraft")}
        </button>
        <button type="button" className="btn" onClick={() => navigate(-1)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function ArticleEditor({ base }: { base: string }) {
  const { t } = useI18n();
  const { id } = useParams();
  const { data, error, loading, reload } = useLoad(() => (id ? getArticle(id) : Promise.resolve(null)), [id]);
  if (error) return <ErrorState message={error} onRetry={reload} />;
  if (loading) return <Loading />;
  return (
    <div className="page narrow">
      <h1 className="page-title">{id ? t("kb.editTitle") : t("kb.newTitle")}</h1>
      <section className="panel">
        <EditorForm article={data?.article ?? null} base={base} />
      </section>
    </div>
  );
}
