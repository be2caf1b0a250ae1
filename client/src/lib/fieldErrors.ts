/** Server field errors shown in the UI language (the API's per-field details come in English only). */

const CJK = /[\u3400-\u9fff]/;

/**
 * For a Chinese UI, replaces English-only detail messages: with the form's own message for a known
 * path, else with a generic one that keeps the server's text in brackets. Other languages pass through.
 */
export function localizeFieldErrors(errors: Record<string, string>, lang: string, known: Record<string, string>, generic: string): Record<string, string> {
  if (!lang.startsWith("zh")) return errors;
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (CJK.test(message)) out[path] = message;
    else out[path] = known[path] ?? `${generic}（${message}）`;
  }
  return out;
}
