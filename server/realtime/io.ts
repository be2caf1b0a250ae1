import type { Server as HttpServer } from "node:http";
import type { AppDeps } from "../context.ts";

/** Socket.IO on the HTTP server (filled in by "Live everywhere"). */
export async function startRealtime(_server: HttpServer, _deps: AppDeps): Promise<{ close(): Promise<void> }> {
  return { close: async () => {} };
}
