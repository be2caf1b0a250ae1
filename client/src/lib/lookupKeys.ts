/** Keyboard moves in a suggestion list: arrows move the highlight, Enter picks, Escape closes. */

/** What a key does to an open list of `count` suggestions with `active` highlighted (-1: none). */
export interface LookupMove {
  /** The key was the list's: the caller prevents its default (Enter must not submit the form). */
  handled: boolean;
  active: number;
  /** The index to pick now. */
  pick?: number;
  close?: boolean;
}

/** The effect of one key on an open suggestion list; keys it does not own are left alone. */
export function lookupKey(key: string, active: number, count: number): LookupMove {
  if (count === 0) return { handled: false, active: -1 };
  switch (key) {
    case "ArrowDown":
      return { handled: true, active: (active + 1) % count };
    case "ArrowUp":
      return { handled: true, active: active <= 0 ? count - 1 : active - 1 };
    case "Enter":
      return { handled: true, active, pick: active >= 0 && active < count ? active : 0 };
    case "Escape":
      return { handled: true, active: -1, close: true };
    default:
      return { handled: false, active };
  }
}
