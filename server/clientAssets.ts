import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";

/** Where `vite build` puts the web client. */
export const CLIENT_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "client", "dist");

/** Serves the built web client, with index.html for every client-side route. */
export function clientRouter(): Router {
  const router = Router();
  router.use(express.static(CLIENT_DIST, { index: false, maxAge: "1h" }));
  router.get(/^\/(?!api\/|socket\.io\/|healthz).*/, (_req, res, next) => {
    const index = path.join(CLIENT_DIST, "index.html");
    if (!existsSync(index)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
