/** Runs a request for a form: busy flag, the error message, and server field errors by path. */
import { useCallback, useState } from "react";
import { ApiError } from "../api/http.ts";
import { useI18n } from "../i18n/index.tsx";
import { localizeFieldErrors } from "../lib/fieldErrors.ts";

export function useSubmit() {
  const { lang, t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setFormError(null);
    setFieldErrors({});
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiError && e.code === "validation_failed" && e.details.length) setFieldErrors(localizeFieldErrors(e.fieldErrors(), lang, {}, t("validation.invalid")));
      setFormError((e as Error).message);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [lang, t]);
  const clear = useCallback(() => {
    setFormError(null);
    setFieldErrors({});
  }, []);
  return { busy, formError, fieldErrors, setFieldErrors, run, clear };
}
