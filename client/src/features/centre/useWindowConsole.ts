/** The clerk's window: its settings (window, lines; remembered), the ticket at it, the hall's counts, and the steps. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ServiceDto, TicketDto, WaitingCountDto } from "../../../../models/contracts.ts";
import type { TicketOutcome, TicketStep } from "../../../../models/enums.ts";
import { ApiError } from "../../api/http.ts";
import { callNext, getBoard, listServices, listTickets, ticketStep } from "../../api/serviceCentre.ts";
import { useRealtime } from "../../realtime/hooks.ts";

const WINDOW_KEY = "ow.centre.window";
const LINES_KEY = "ow.centre.lines";

function remembered<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* private mode: settings last for the page only */
  }
}

/** Everything the console shows and does; `error` carries the last failure's message (or "nobody" when none waits). */
export function useWindowConsole() {
  const [windowLabel, setWindowState] = useState<string>(() => remembered(WINDOW_KEY, "1"));
  const [lines, setLinesState] = useState<string[]>(() => remembered(LINES_KEY, []));
  const [services, setServices] = useState<ServiceDto[]>([]);
  const [current, setCurrent] = useState<TicketDto | null>(null);
  const [history, setHistory] = useState<TicketDto[]>([]);
  const [waiting, setWaiting] = useState<WaitingCountDto[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const setWindow = (w: string) => {
    setWindowState(w);
    remember(WINDOW_KEY, w);
  };
  const setLines = (codes: string[]) => {
    setLinesState(codes);
    remember(LINES_KEY, codes);
  };

  // Bumped by every step: a reload that started before one must not overwrite its answer.
  const steps = useRef(0);
  const reload = useCallback(async () => {
    const started = steps.current;
    const [all, mine, board] = await Promise.all([listServices(), listTickets({ mine: true }), getBoard()]);
    setServices(all.filter((s) => s.active));
    setWaiting(board.waiting);
    if (steps.current !== started) return;
    const atWindow = mine.items.filter((x) => x.window === windowLabel);
    setCurrent([...atWindow].reverse().find((x) => x.status === "called" || x.status === "serving") ?? null);
    setHistory(atWindow.filter((x) => x.status === "done" || x.status === "missed").reverse());
  }, [windowLabel]);

  useEffect(() => {
    reload().catch((e: Error) => setError(e.message));
  }, [reload]);

  useRealtime((m) => {
    if (m.type === "queue.updated") setWaiting(m.update.waiting);
    else if (m.type === "queue.ticket") setCurrent((c) => (c && c.id === m.ticket.id ? (m.ticket.status === "called" || m.ticket.status === "serving" ? m.ticket : null) : c));
    else if (m.type === "resync") reload().catch(() => undefined);
  });

  const run = async (fn: () => Promise<{ ticket: TicketDto }>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    steps.current += 1;
    try {
      const { ticket } = await fn();
      const active = ticket.status === "called" || ticket.status === "serving";
      setCurrent(active ? ticket : null);
      if (!active) setHistory((h) => [ticket, ...h.filter((x) => x.id !== ticket.id)]);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 && e.code === "not_found" ? "nobody" : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return {
    windowLabel,
    setWindow,
    lines,
    setLines,
    services,
    current,
    history,
    waiting,
    busy,
    error,
    callNext: () => run(() => callNext(windowLabel, lines)),
    step: (s: TicketStep, outcome?: TicketOutcome) => current && run(() => ticketStep(current.id, s, outcome ? { outcome } : {})),
  };
}
