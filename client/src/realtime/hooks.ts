/** React bindings of the realtime hub. */
import { useEffect, useRef, useState } from "react";
import { subscribe, subscribeState, watchCase, type ConnectionState, type RealtimeMessage } from "./socket.ts";

/** Calls `handler` for every pushed message while the component is mounted (latest handler wins). */
export function useRealtime(handler: (m: RealtimeMessage) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => subscribe((m) => ref.current(m)), []);
}

/** The connection state, for the header indicator. */
export function useConnectionState(): ConnectionState {
  const [s, setS] = useState<ConnectionState>("offline");
  useEffect(() => subscribeState(setS), []);
  return s;
}

/** Watches one case's room while mounted. */
export function useWatchCase(caseId: string | undefined): void {
  useEffect(() => (caseId ? watchCase(caseId) : undefined), [caseId]);
}
