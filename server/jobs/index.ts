import type { AppDeps } from "../context.ts";

/** Starts background jobs; returns a stopper. */
export function startJobs(_deps: AppDeps): { stop(): void } {
  return { stop: () => {} };
}
