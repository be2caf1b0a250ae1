/** A shared clock that re-renders subscribers every few seconds (for live countdowns). */
import { useEffect, useState } from "react";

const subscribers = new Set<(t: number) => void>();
let timer: number | null = null;

function start() {
  if (timer !== null) return;
  timer = window.setInterval(() => {
    const now = Date.now();
    for (const s of subscribers) s(now);
  }, 5000);
}

/** The current time, refreshed every 5 s while mounted. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    subscribers.add(setNow);
    start();
    return () => {
      subscribers.delete(setNow);
      if (subscribers.size === 0 && timer !== null) {
        window.clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return now;
}
