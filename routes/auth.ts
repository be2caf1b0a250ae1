import { Router, type Request } from "express";
import Joi from "joi";
import type passport from "passport";
import { endUserSessions } from "../models/queries/accounts.ts";
import { findUserById, updateUser } from "../models/queries/directory.ts";
import { presentUser, type Actor } from "../server/auth/actor.ts";
import { hashPassword, verifyPassword } from "../server/auth/passwords.ts";
import { announceAccessChange } from "../server/auth/revocation.ts";
import { passwordChangeLimiter, signInLimiters } from "../server/auth/signInLimits.ts";
import type { AppDeps } from "../server/context.ts";
import { AppError, unauthenticated, validationFailed } from "../server/errors.ts";
import { csrfProtection, newCsrfToken, requireActor } from "../server/middleware/authenticate.ts";
import { validate } from "../server/middleware/validate.ts";

const loginSchema = Joi.object({
  username: Joi.string().trim().min(1).max(100).required(),
  password: Joi.string().min(1).max(200).required(),
});

const passwordSchema = Joi.object({
  currentPassword: Joi.string().min(1).max(200).required(),
  newPassword: Joi.string().min(8).max(200).required().invalid(Joi.ref("currentPassword")).messages({
    "any.invalid": "{{#label}} must differ from the current password",
  }),
});

function logIn(req: Request, user: Actor): Promise<void> {
  return new Promise((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
}

function authenticateLocal(pp: passport.PassportStatic, req: Request): Promise<Actor | false> {
  return new Promise((resolve, reject) =>
    pp.authenticate("local", { session: false }, (err: unknown, user: Actor | false) => (err ? reject(err) : resolve(user)))(req, {} as never, reject),
  );
}

/** Ends the request's own browser session (the stored row and the cookie). */
async function endRequestSession(req: Request): Promise<void> {
  if (!req.session) return;
  await new Promise<void>((resolve, reject) => req.logOut((err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
}

/** Ends every session, token and socket of a user, on every instance, before answering. */
async function endEverySession(deps: AppDeps, userId: string): Promise<void> {
  await endUserSessions(deps.database.db, userId);
  await announceAccessChange(deps, userId);
}

/** Sign-in, sign-out, "who am I" and changing one's own password. */
export function authRouter(deps: AppDeps, pp: passport.PassportStatic): Router {
  const router = Router();
  const db = deps.database.db;

  router.post("/login", ...signInLimiters(deps), validate({ body: loginSchema }), async (req, res) => {
    req.body = req.valid.body;
    const user = await authenticateLocal(pp, req);
    if (!user) throw unauthenticated({ zh: "用户名或密码错误", en: "Wrong username or password" });
    await logIn(req, user);
    const row = (await findUserById(db, user.id))!;
    req.session.csrfToken = newCsrfToken();
    req.session.epoch = row.sessionEpoch;
    res.json({ user: presentUser(row), token: await deps.tokens.issue(row.id, row.sessionEpoch), csrfToken: req.session.csrfToken });
  });

  // Signing out ends every session and token of the user, not only this one (api.md).
  router.post("/logout", csrfProtection, async (req, res) => {
    await endRequestSession(req);
    if (req.actor?.kind === "user") await endEverySession(deps, req.actor.id);
    res.clearCookie("ow.sid");
    res.status(204).end();
  });

  router.get("/me", requireActor, async (req, res) => {
    const actor = req.actor!;
    if (actor.kind === "integration") {
      res.json({ user: { id: actor.id, username: actor.username, displayName: actor.displayName, role: "integration", departmentId: null, enterpriseId: null } });
      return;
    }
    const row = await findUserById(db, actor.id);
    res.json({ user: presentUser(row!), ...(req.authMethod === "session" ? { csrfToken: req.session.csrfToken } : {}) });
  });

  router.post("/token", requireActor, csrfProtection, async (req, res) => {
    if (req.actor!.kind !== "user") throw new AppError("forbidden");
    res.json({ token: await deps.tokens.issue(req.actor!.id, req.actor!.sessionEpoch!) });
  });

  router.post("/password", requireActor, csrfProtection, passwordChangeLimiter(deps), validate({ body: passwordSchema }), async (req, res) => {
    if (req.actor!.kind !== "user") throw new AppError("forbidden");
    const { currentPassword, newPassword } = req.valid.body as { currentPassword: string; newPassword: string };
    const row = await findUserById(db, req.actor!.id);
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
      throw validationFailed([{ path: "currentPassword", message: "the current password is wrong" }], { zh: "当前密码不正确", en: "The current password is wrong" });
    }
    const passwordHash = await hashPassword(newPassword);
    await db.transaction(async (tx) => {
      await updateUser(tx, row.id, { passwordHash, mustChangePassword: false });
      await endUserSessions(tx, row.id);
    });
    await announceAccessChange(deps, row.id);
    await endRequestSession(req);
    res.clearCookie("ow.sid");
    res.status(204).end();
  });

  return router;
}
