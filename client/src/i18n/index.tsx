/** Language choice (zh-CN default, en), persisted, and the `t` function. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { setApiLanguage } from "../api/http.ts";
import { interpolate, type DurationUnits } from "../lib/format.ts";
import { en } from "./en.ts";
import { zhCN, type MessageKey } from "./zh-CN.ts";

export type Lang = "zh-CN" | "en";
export type { MessageKey };

const DICTS: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };
const STORAGE_KEY = "ow.lang";

export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunction;
  units: DurationUnits;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh-CN") return saved;
  } catch {
    /* storage unavailable: default */
  }
  return "zh-CN";
}

/** Provides the language to the app and keeps the API's Accept-Language in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLanguage(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = DICTS[lang]["app.title"];
  }, [lang]);

  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
    setApiLanguage(l);
    setLangState(l);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = DICTS[lang];
    const t: TFunction = (key, vars) => interpolate(dict[key] ?? key, vars);
    const units: DurationUnits = {
      day: dict["unit.day"],
      hour: dict["unit.hour"],
      minute: dict["unit.minute"],
      lessThanMinute: dict["unit.lessThanMinute"],
      separator: dict["unit.separator"],
    };
    return { lang, setLang, t, units };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its `t` and duration units. */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error("useI18n outside I18nProvider");
  return v;
}
