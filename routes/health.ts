import { Router } from "express";
import type { AppDeps } from "../server/context.ts";

const PING_TIMEOUT_MS = 2000;

/** GET /healthz: 200 when the database answers, else 503. */
export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        deps.database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("database ping timed out")), PING_TIMEOUT_MS);
        }),
      ]);
      res.json({ status: "ok", db: "ok", engine: deps.database.kind });
    } catch {
      res.status(503).json({ status: "unavailable", db: "unreachable", engine: deps.database.kind });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
