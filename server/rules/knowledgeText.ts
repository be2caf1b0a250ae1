/**
 * Article text: Markdown rendered to safe HTML, its plain text, highlighted snippets, and the question text
 * kept for the gap list with phone numbers removed. Pure functions; no raw HTML from the database ever passes.
 */
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

// html: false escapes any HTML in the source; images are off (no remote fetches from a reader's browser).
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.disable("image");
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
  tokens[idx].attrSet("target", "_blank");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** The article body (Markdown: headings, lists, emphasis, links) as HTML safe to insert into a page. */
export function renderArticleHtml(markdown: string): string {
  return md.render(markdown);
}

/** The body's words without Markdown syntax, blocks separated by newlines (for tokens and snippets). */
export function articlePlainText(markdown: string): string {
  const out: string[] = [];
  for (const token of md.parse(markdown, {})) {
    if (token.type === "inline") out.push((token.children ?? []).map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" || c.type === "hardbreak" ? " " : "")).join(""));
    else if (token.type === "fence" || token.type === "code_block") out.push(token.content);
  }
  return out.join("\n");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Text escaped for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Which characters of a text belong to one of the matched terms (case-insensitive, after NFKC). */
function matchedMask(chars: string[], terms: string[]): boolean[] {
  const lower = chars.map((c) => c.normalize("NFKC").toLowerCase());
  const mask = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    const t = [...term];
    if (!t.length) continue;
    for (let i = 0; i + t.length <= lower.length; i++) {
      let same = true;
      for (let j = 0; j < t.length && same; j++) same = lower[i + j] === t[j];
      if (same) for (let j = 0; j < t.length; j++) mask[i + j] = true;
    }
  }
  return mask;
}

/**
 * An excerpt of about `size` characters around the densest run of matched terms, as HTML: matches in
 * <mark>, everything else escaped; an ellipsis marks a cut. Without a match, the text's start.
 */
export function highlightSnippet(text: string, terms: string[], size = 90): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  const mask = matchedMask(chars, terms);
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < chars.length; i++) {
    if (mask[i]) count++;
    if (i >= size && mask[i - size]) count--;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - size + 1);
    }
  }
  // Start a little before the first match of the window, so the match reads in context.
  let start = best;
  while (start < chars.length && !mask[start] && start < best + size / 3) start++;
  start = Math.max(0, start - 12);
  const end = Math.min(chars.length, start + size);
  return highlightRange(chars, mask, start, end);
}

function highlightRange(chars: string[], mask: boolean[], start: number, end: number): string {
  let html = start > 0 ? "…" : "";
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && mask[j] === mask[i]) j++;
    const piece = escapeHtml(chars.slice(i, j).join(""));
    html += mask[i] ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return html + (end < chars.length ? "…" : "");
}

// Mobile numbers, landlines with or without an area code, and any long run of digits a caller might give.
const PHONE_LIKE = /(?:\+?86[\s-]?)?(?:1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}[\s-]?\d{7,8}|\d[\d\s-]{5,}\d)/g;

/** The question as kept for the gap list: phone numbers (and any run of 7 or more digits) replaced, length capped. */
export function stripPhoneNumbers(text: string): string {
  return text
    .replace(PHONE_LIKE, (m) => (m.replace(/\D/g, "").length >= 7 ? "[号码]" : m))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

/** True when date (YYYY-MM-DD) lies within from..to, either end open when null. */
export function isInForce(a: { effectiveFrom: string | null; effectiveTo: string | null }, today: string): boolean {
  return (!a.effectiveFrom || a.effectiveFrom <= today) && (!a.effectiveTo || a.effectiveTo >= today);
}
