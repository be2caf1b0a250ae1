/** Switches between Simplified Chinese and English (the choice is remembered). */
import { useId } from "react";
import { useI18n, type Lang } from "../i18n/index.tsx";

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <span className="lang-switch">
      <label htmlFor={id} className="sr-only">
        {t("common.language")}
      </label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="zh-CN">简体中文</option>
        <option value="en">English</option>
      </select>
    </span>
  );
}
