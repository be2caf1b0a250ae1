/** In-force articles for the words being typed, fetched after a pause (POST /api/knowledge/suggest). */
import { useEffect, useState } from "react";
import { suggestArticles, type Suggestion } from "../../api/knowledge.ts";
import { useDebounced } from "../intake/useDebounced.ts";

/** Fewer characters than this are not a question yet. */
const MIN_CHARS = 4;

export function useSuggestions(text: string, ms = 400): { items: Suggestion[] | null; error: string | null; waiting: boolean } {
  const debounced = useDebounced(text.trim(), ms);
  const [items, setItems] = useState<Suggestion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (debounced.length < MIN_CHARS) {
      setItems(null);
      return;
    }
    const ac = new AbortController();
    setError(null);
    suggestArticles(debounced, ac.signal)
      .then(setItems)
      .catch((e: Error) => e.name !== "AbortError" && setError(e.message));
    return () => ac.abort();
  }, [debounced]);
  return { items, error, waiting: text.trim().length >= MIN_CHARS && text.trim() !== debounced };
}
