import { Router } from "express";
import type passport from "passport";
import type { AppDeps } from "../server/context.ts";
import { csrfProtection, requirePasswordChanged } from "../server/middleware/authenticate.ts";
import { adminRouter } from "./admin/admin.ts";
import { authRouter } from "./auth.ts";
import { casesRouter } from "./cases/cases.ts";
import { knowledgeRouter } from "./knowledge/knowledge.ts";
import { integrationClientsRouter } from "./integrations/clients.ts";
import { webhooksRouter } from "./integrations/webhooks.ts";
import { metricsRouter } from "./metrics/metrics.ts";
import { referenceRouter } from "./reference/reference.ts";
import { serviceCentreRouter } from "./serviceCentre/serviceCentre.ts";

/** Everything under /api. */
export function apiRouter(deps: AppDeps, pp: passport.PassportStatic): Router {
  const router = Router();
  router.use(requirePasswordChanged);
  router.use("/auth", authRouter(deps, pp));
  router.use(csrfProtection);
  router.use(referenceRouter(deps));
  router.use(adminRouter(deps));
  router.use(integrationClientsRouter(deps));
  router.use(webhooksRouter(deps));
  router.use("/cases", casesRouter(deps));
  router.use("/metrics", metricsRouter(deps));
  router.use("/service-centre", serviceCentreRouter(deps));
  router.use("/knowledge", knowledgeRouter(deps));
  return router;
}
