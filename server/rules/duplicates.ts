import type { CaseRow } from "../../models/schema/index.ts";
import { isPhoneProtected } from "./phones.ts";
import { textSimilarity } from "./searchTokens.ts";

export type DuplicateReason = "same_credit_code" | "same_phone" | "similar_text";

/** Minimum text similarity for a candidate found by text alone. */
export const TEXT_THRESHOLD = 0.2;

/**
 * Scores candidates against a case: same credit code or phone are strong (0.6 / 0.5),
 * text similarity adds up to 0.4. Returns those worth showing, best first. With `protectedPhonesMasked` (a reader
 * who sees confidential and anonymous phones masked) a phone involving such a requester never matches.
 */
export function scoreDuplicates(kase: CaseRow, candidates: CaseRow[], opts: { protectedPhonesMasked: boolean }): { case: CaseRow; score: number; reasons: DuplicateReason[] }[] {
  const phoneMayMatch = (c: CaseRow) => !opts.protectedPhonesMasked || (!isPhoneProtected(kase) && !isPhoneProtected(c));
  const text = `${kase.title} ${kase.description}`;
  return candidates
    .map((c) => {
      const reasons: DuplicateReason[] = [];
      let score = 0;
      if (kase.creditCode && c.creditCode === kase.creditCode) {
        reasons.push("same_credit_code");
        score += 0.6;
      }
      if (kase.requesterPhone && c.requesterPhone === kase.requesterPhone && phoneMayMatch(c)) {
        reasons.push("same_phone");
        score += 0.5;
      }
      const similarity = textSimilarity(text, `${c.title} ${c.description}`);
      if (similarity >= TEXT_THRESHOLD) {
        reasons.push("similar_text");
        score += 0.4 * Math.min(1, similarity * 2);
      }
      return { case: c, score: Math.round(Math.min(1, score) * 100) / 100, reasons };
    })
    .filter((c) => c.reasons.length > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
}
