import { randomUUID } from "node:crypto";
import { Router } from "express";
import type { Role } from "../../models/enums.ts";
import {
  countActiveDepartments,
  findDepartmentById,
  findEnterpriseById,
  findUserById,
  insertDepartment,
  insertEnterprise,
  listUsers,
  searchEnterprises,
  updateDepartment,
  updateUser,
  insertUser,
  upsertCategory,
  findCategory,
} from "../../models/queries/directory.ts";
import { endUserSessions } from "../../models/queries/accounts.ts";
import { categoryLimits, categoryOverridesAfterPut, limitsProblems } from "../../server/rules/limits.ts";
import type { Executor } from "../../server/db.ts";
import { presentUser } from "../../server/auth/actor.ts";
import { actorCache } from "../../server/auth/actorCache.ts";
import { announceAccessChange } from "../../server/auth/revocation.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import type { AppDeps } from "../../server/context.ts";
import { notFound, validationFailed } from "../../server/errors.ts";
import { requireActor, requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { presentCategory, presentDepartment, presentEnterprise } from "../../server/presenters/directory.ts";
import * as s from "./schema.ts";

/** Checks that a user's role has the scope it needs and that referenced rows exist. */
async function assertUserScope(ex: Executor, u: { role: Role; departmentId?: string | null; enterpriseId?: string | null }) {
  if (u.role === "handler" && !u.departmentId) throw validationFailed([{ path: "departmentId", message: "a handler needs a department" }]);
  if (u.role === "enterprise" && !u.enterpriseId) throw validationFailed([{ path: "enterpriseId", message: "an enterprise user needs an enterprise" }]);
  if (u.departmentId && (await countActiveDepartments(ex, [u.departmentId])) === 0) {
    throw validationFailed([{ path: "departmentId", message: "unknown department" }]);
  }
  if (u.enterpriseId && !(await findEnterpriseById(ex, u.enterpriseId))) {
    throw validationFailed([{ path: "enterpriseId", message: "unknown enterprise" }]);
  }
}

/** Users, departments, categories and enterprises (admin); integration clients are in routes/integrations. */
export function adminRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;
  const admin = requireRole("admin");

  router.get("/users", admin, async (_req, res) => {
    res.json((await listUsers(db)).map((u) => presentUser(u, true)));
  });

  router.post("/users", admin, validate({ body: s.createUserBody }), async (req, res) => {
    const body = req.valid.body;
    await assertUserScope(db, body);
    const user = await insertUser(db, {
      id: randomUUID(),
      username: body.username,
      displayName: body.displayName,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      departmentId: body.departmentId ?? null,
      enterpriseId: body.role === "enterprise" ? body.enterpriseId : null,
      // The admin knows this password: the user must replace it at the first sign-in.
      mustChangePassword: true,
    });
    res.status(201).json({ user: presentUser(user, true) });
  });

  router.patch("/users/:id", admin, validate({ params: s.idParams, body: s.updateUserBody }), async (req, res) => {
    const current = await findUserById(db, req.valid.params.id);
    if (!current) throw notFound();
    const { password, ...patch } = req.valid.body;
    const merged = { role: (patch.role ?? current.role) as Role, departmentId: patch.departmentId === undefined ? current.departmentId : patch.departmentId, enterpriseId: patch.enterpriseId === undefined ? current.enterpriseId : patch.enterpriseId };
    await assertUserScope(db, merged);
    const passwordChange = password ? { passwordHash: await hashPassword(password), mustChangePassword: true } : {};
    // A password reset or disabling ends every session, token and socket of the user.
    const endSessions = !!password || patch.active === false;
    const user = await db.transaction(async (tx) => {
      const updated = await updateUser(tx, current.id, { ...patch, ...passwordChange });
      return endSessions ? endUserSessions(tx, current.id) : updated;
    });
    // Every instance reads the user afresh before this answers; when access changed, open sockets go too (and
    // reconnect with the new scope, or not at all).
    const scopeChanged = (["role", "departmentId", "enterpriseId"] as const).some((k) => patch[k] !== undefined && patch[k] !== current[k]);
    if (endSessions || scopeChanged) await announceAccessChange(deps, current.id);
    else await actorCache(deps).forgetEverywhere(current.id);
    res.json({ user: presentUser(user!, true) });
  });

  router.post("/departments", admin, validate({ body: s.createDepartmentBody }), async (req, res) => {
    const body = req.valid.body;
    if (body.parentId && !(await findDepartmentById(db, body.parentId))) throw validationFailed([{ path: "parentId", message: "unknown department" }]);
    const department = await insertDepartment(db, { id: randomUUID(), ...body, parentId: body.parentId ?? null });
    res.status(201).json({ department: presentDepartment(department) });
  });

  router.patch("/departments/:id", admin, validate({ params: s.idParams, body: s.updateDepartmentBody }), async (req, res) => {
    const { id } = req.valid.params;
    const body = req.valid.body;
    if (body.parentId && (body.parentId === id || !(await findDepartmentById(db, body.parentId)))) {
      throw validationFailed([{ path: "parentId", message: "unknown department" }]);
    }
    const department = await updateDepartment(db, id, body);
    if (!department) throw notFound();
    res.json({ department: presentDepartment(department) });
  });

  router.put("/categories/:code", admin, validate({ params: s.categoryParams, body: s.categoryBody }), async (req, res) => {
    const body = req.valid.body;
    if (body.departmentId && (await countActiveDepartments(db, [body.departmentId])) === 0) {
      throw validationFailed([{ path: "departmentId", message: "unknown department" }]);
    }
    const code: string = req.valid.params.code;
    const category = await db.transaction(async (tx) => {
      const limits = categoryOverridesAfterPut((await findCategory(tx, code))?.limits ?? null, body);
      // The explicit normal sign limit wins, and the signHours column keeps saying what is in force.
      const signHours = limits.signHours ?? body.signHours;
      const problems = limitsProblems(categoryLimits({ signHours, replyDays: body.replyDays, limits }));
      if (problems.length) throw validationFailed(problems);
      return upsertCategory(tx, { code, name: body.name, departmentId: body.departmentId, signHours, replyDays: body.replyDays, limits });
    });
    res.json({ category: presentCategory(category) });
  });

  router.get("/enterprises/:id", requireActor, validate({ params: s.idParams }), async (req, res) => {
    const actor = req.actor!;
    const enterprise = await findEnterpriseById(db, req.valid.params.id);
    // An enterprise user sees only its own enterprise; integration clients none.
    const visible = enterprise && (actor.role === "enterprise" ? actor.enterpriseId === enterprise.id : actor.role !== "integration");
    if (!visible) throw notFound();
    res.json({ enterprise: presentEnterprise(enterprise) });
  });

  router.post("/enterprises", admin, validate({ body: s.createEnterpriseBody }), async (req, res) => {
    const enterprise = await insertEnterprise(db, { id: randomUUID(), ...req.valid.body });
    res.status(201).json({ enterprise: presentEnterprise(enterprise) });
  });

  router.get("/enterprises", requireRole("operator", "clerk", "supervisor", "admin", "handler"), validate({ query: s.enterpriseQuery }), async (req, res) => {
    res.json((await searchEnterprises(db, req.valid.query.q)).map(presentEnterprise));
  });

  return router;
}
