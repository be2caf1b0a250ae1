import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { CLIENT_DIST } from "./clientAssets.ts";

const CLIENT_ROOT = path.dirname(CLIENT_DIST);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web client with Vite when its sources are newer than the last build. */
export async function buildClientIfNeeded(log: { info: (msg: string) => void }): Promise<void> {
  if (!existsSync(path.join(CLIENT_ROOT, "index.html"))) return;
  const built = path.join(CLIENT_DIST, "index.html");
  const sources = Math.max(newestMtime(CLIENT_ROOT), statSync(path.join(CLIENT_ROOT, "..", "models", "enums.ts")).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  log.info("building the web client (first start or changed sources)…");
  const { build } = await import("vite");
  await build({ configFile: path.join(CLIENT_ROOT, "vite.config.ts"), logLevel: "warn" });
}
