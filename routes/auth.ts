import { Router, type Request } from "express";
import Joi from "joi";
import type passport from "passport";
import { rateLimit } from "express-rate-limit";
import { findUserById } from "../models/queries/directory.ts";
import { presentUser, type Actor } from "../server/auth/actor.ts";
import { loginRateStore } from "../server/auth/loginRateStore.ts";
import type { AppDeps } from "../server/context.ts";
import { AppError, unauthenticated } from "../server/errors.ts";
import { csrfProtection, newCsrfToken, requireActor } from "../server/middleware/authenticate.ts";
import { validate } from "../server/middleware/validate.ts";

const loginSchema = Joi.object({
  username: Joi.string().trim().min(1).max(100).required(),
  password: Joi.string().min(1).max(200).required(),
});

function logIn(req: Request, user: Actor): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
}

function authenticateLocal(pp: passport.PassportStatic, req: Request): Promise<Actor | false> {
  return new Promise((resolve, reject) =>
    pp.authenticate("local", { session: false }, (err: unknown, user: Actor | false) => (err ? reject(err) : resolve(user)))(req, {} as never, reject),
  );
}

/** Sign-in, sign-out and "who am I". */
export function authRouter(deps: AppDeps, pp: passport.PassportStatic): Router {
  const router = Router();
  const logLimiterProblem = (err: unknown, message?: string) =>
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, message ?? "sign-in rate limit problem");
  const loginLimiter = rateLimit({
    windowMs: deps.env.loginRateWindowSeconds * 1000,
    limit: deps.env.loginRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: loginRateStore(deps),
    // A Redis that does not answer must not lock everyone out: the attempt goes through, and the store logs it.
    passOnStoreError: true,
    logger: { error: logLimiterProblem, warn: logLimiterProblem },
    keyGenerator: (req) => `${req.ip}|${String(req.body?.username ?? "").toLowerCase().slice(0, 100)}`,
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, _res, next) => next(new AppError("rate_limited", { zh: "登录尝试过多，请稍后再试", en: "Too many sign-in attempts, try again later" })),
  });

  router.post("/login", loginLimiter, validate({ body: loginSchema }), async (req, res) => {
    req.body = req.valid.body;
    const user = await authenticateLocal(pp, req);
    if (!user) throw unauthenticated({ zh: "用户名或密码错误", en: "Wrong username or password" });
    await logIn(req, user);
    req.session.csrfToken = newCsrfToken();
    const row = await findUserById(deps.database.db, user.id);
    res.json({ user: presentUser(row!), token: await deps.tokens.issue(user.id), csrfToken: req.session.csrfToken });
  });

  router.post("/logout", csrfProtection, async (req, res) => {
    if (req.session) {
      await new Promise<void>((resolve, reject) => req.logOut((err) => (err ? reject(err) : resolve())));
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    }
    res.clearCookie("ow.sid");
    res.status(204).end();
  });

  router.get("/me", requireActor, async (req, res) => {
    const actor = req.actor!;
    if (actor.kind === "integration") {
      res.json({ user: { id: actor.id, username: actor.username, displayName: actor.displayName, role: "integration", departmentId: null, enterpriseId: null } });
      return;
    }
    const row = await findUserById(deps.database.db, actor.id);
    res.json({ user: presentUser(row!), ...(req.authMethod === "session" ? { csrfToken: req.session.csrfToken } : {}) });
  });

  router.post("/token", requireActor, csrfProtection, async (req, res) => {
    if (req.actor!.kind !== "user") throw new AppError("forbidden");
    res.json({ token: await deps.tokens.issue(req.actor!.id) });
  });

  return router;
}
