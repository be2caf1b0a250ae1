/** The board's data: fetched over HTTP, kept live over the public /board namespace, re-fetched on every (re)connect. */
import { useCallback, useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";
import type { BoardCallDto, BoardDto, QueueCalledPayload, QueueUpdatedPayload } from "../../../../models/contracts.ts";
import { getBoard } from "../../api/serviceCentre.ts";

const MAX_CALLS = 8;

/** Live board state; `onCall` runs for every call pushed (the chime and the spoken call). */
export function useBoard(onCall?: (call: BoardCallDto) => void) {
  const [board, setBoard] = useState<BoardDto | null>(null);
  const [online, setOnline] = useState(false);
  const callRef = useRef(onCall);
  callRef.current = onCall;

  const refetch = useCallback(() => {
    getBoard()
      .then(setBoard)
      .catch(() => undefined); // the next reconnect or call fetches again
  }, []);

  useEffect(() => {
    refetch();
    // Reconnects by itself (network drop, server restart); every connect re-reads the whole board.
    const socket = io("/board", { reconnection: true, reconnectionDelay: 1000, reconnectionDelayMax: 5000, transports: ["websocket", "polling"] });
    socket.on("connect", () => {
      setOnline(true);
      refetch();
    });
    socket.on("disconnect", () => setOnline(false));
    socket.on("connect_error", () => setOnline(false));
    socket.on("queue.called", (call: QueueCalledPayload) => {
      const entry: BoardCallDto = { number: call.number, window: call.window, serviceCode: call.serviceCode, at: call.at };
      setBoard((b) => (b ? { ...b, calls: [entry, ...b.calls.filter((c) => c.number !== entry.number || c.serviceCode !== entry.serviceCode)].slice(0, MAX_CALLS) } : b));
      callRef.current?.(entry);
    });
    socket.on("queue.updated", (u: QueueUpdatedPayload) => setBoard((b) => (b ? { ...b, waiting: u.waiting } : b)));
    // A board left on for days: read it again now and then, in case a service was renamed or the day turned.
    const timer = window.setInterval(refetch, 5 * 60_000);
    return () => {
      window.clearInterval(timer);
      socket.close();
    };
  }, [refetch]);

  return { board, online };
}
