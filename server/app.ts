import express, { type Express } from "express";
import session from "express-session";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { apiRouter } from "../routes/index.ts";
import { createPassport } from "./auth/passport.ts";
import { DbSessionStore } from "./auth/sessionStore.ts";
import type { AppDeps } from "./context.ts";
import { errorHandler, notFoundHandler } from "./middleware/errorHandler.ts";
import { identify } from "./middleware/authenticate.ts";
import { rejectNul } from "./middleware/rejectNul.ts";
import { healthRouter } from "../routes/health.ts";
import { clientRouter } from "./clientAssets.ts";
import { loggableUrl } from "./logger.ts";
import { captureRawBody } from "./integrations/signedRequests.ts";
import { open311Router } from "../routes/open311/open311.ts";
import { Open311Error, open311ErrorHandler } from "../routes/open311/format.ts";

/** The session middleware, shared with the Socket.IO handshake. */
export function createSessionMiddleware(deps: AppDeps): express.RequestHandler {
  return session({
    name: "ow.sid",
    secret: deps.signingSecret,
    store: new DbSessionStore(deps.database.db),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: deps.env.nodeEnv === "production" ? "auto" : false,
      maxAge: deps.env.tokenTtlSeconds * 1000,
    },
  });
}

/** Builds the Express app without listening (tests use it directly). */
export function createApp(deps: AppDeps, sessionMiddleware = createSessionMiddleware(deps)): Express {
  const app = express();
  app.disable("x-powered-by");
  // The client address (sign-in limits, logs) is the socket's unless TRUST_PROXY names the proxy in front.
  app.set("trust proxy", deps.env.trustProxy);
  app.set("query parser", "simple");
  const production = deps.env.nodeEnv === "production";
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          "connect-src": ["'self'", "ws:", "wss:"],
          "img-src": ["'self'", "data:"],
          // Plain-HTTP deployments (localhost, an intranet) must not be told to upgrade.
          "upgrade-insecure-requests": production ? [] : null,
        },
      },
      strictTransportSecurity: production,
    }),
  );
  if (deps.env.logLevel !== "silent") {
    app.use(
      pinoHttp({
        logger: deps.log,
        autoLogging: { ignore: (req) => req.url === "/healthz" },
        serializers: {
          // Query values never reach the log: they hold phones and search terms.
          req: (req) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
          res: (res) => ({ statusCode: res.statusCode }),
        },
      }),
    );
  }
  app.use(healthRouter(deps));

  const pp = createPassport(deps);
  app.use(
    "/api",
    express.json({ limit: deps.env.bodyLimit, strict: true, inflate: false, type: ["application/json", "application/*+json"], verify: captureRawBody }),
    rejectNul,
    sessionMiddleware,
    pp.initialize(),
    pp.session(),
    identify(deps),
    apiRouter(deps, pp),
    notFoundHandler,
  );
  app.use(
    "/open311/v2",
    express.urlencoded({ extended: false, limit: deps.env.bodyLimit, parameterLimit: 100, verify: captureRawBody }),
    rejectNul,
    open311Router(deps),
    (_req: express.Request, _res: express.Response, next: express.NextFunction) => next(new Open311Error(404, ["Unknown resource"])),
    open311ErrorHandler(deps.log),
  );
  if (deps.env.serveClient) app.use(clientRouter());
  app.use(errorHandler(deps.log));
  return app;
}
