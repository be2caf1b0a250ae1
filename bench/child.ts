/**
 * The child side of bench/support.ts startChild, kept apart so that the ceiling
 * server's process loads nothing of the app but the joi schema it validates with.
 */

/** In a child: reports readiness and wires the stop paths (IPC "stop", SIGTERM, parent gone). */
export function childLifecycle(ready: Record<string, unknown>, shutdown: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    shutdown()
      .catch((err) => console.error(err))
      .finally(() => process.exit(0));
  };
  process.on("message", (m: any) => m?.type === "stop" && stop());
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.send?.({ type: "ready", ...ready });
}

