/**
 * Chinese-capable search tokens: runs of CJK characters become overlapping bigrams
 * (plus the run's last character), other runs of letters/digits become lower-cased words.
 * PostgreSQL's parser does not split Chinese, so OneWindow builds the lexemes itself.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[\p{L}\p{N}]+/gu;

/** The distinct lexemes of a text. */
export function searchLexemes(text: string): string[] {
  const out = new Set<string>();
  for (const [run] of text.normalize("NFKC").matchAll(RUN)) {
    if (CJK.test(run[0])) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
      out.add(chars[chars.length - 1]);
    } else {
      out.add(run.toLowerCase().slice(0, 60));
    }
  }
  return [...out];
}

/** A tsquery (text form) matching documents that contain the query, or null when it has no searchable characters. */
export function searchQuery(q: string): string | null {
  const parts: string[] = [];
  for (const [run] of q.normalize("NFKC").matchAll(RUN)) {
    if (CJK.test(run[0])) {
      const chars = [...run];
      if (chars.length === 1) parts.push(`'${chars[0]}':*`);
      else for (let i = 0; i + 1 < chars.length; i++) parts.push(`'${chars[i]}${chars[i + 1]}'`);
    } else {
      parts.push(`'${run.toLowerCase().slice(0, 60)}':*`);
    }
  }
  return parts.length ? [...new Set(parts)].join(" & ") : null;
}

/** Bigram similarity (Jaccard) of two texts, 0–1. */
export function textSimilarity(a: string, b: string): number {
  const x = new Set(searchLexemes(a).filter((t) => t.length > 1));
  const y = new Set(searchLexemes(b).filter((t) => t.length > 1));
  if (!x.size || !y.size) return 0;
  let common = 0;
  for (const t of x) if (y.has(t)) common++;
  return common / (x.size + y.size - common);
}
