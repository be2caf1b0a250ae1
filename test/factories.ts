import { randomUUID } from "node:crypto";
import type { Role } from "../models/enums.ts";
import { insertDepartment, insertEnterprise, insertUser } from "../models/queries/directory.ts";
import type { DepartmentRow, EnterpriseRow, UserRow } from "../models/schema/index.ts";
import type { Executor } from "../server/db.ts";
import { hashPassword } from "../server/auth/passwords.ts";
import { creditCodeCheckCharacter } from "../models/validation.ts";

export const TEST_PASSWORD = "test-password-1";
let passwordHash: Promise<string> | null = null;
let counter = 0;

/** A short unique suffix for names in this run. */
export function unique(prefix = "t"): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.floor(Math.random() * 1e4)}`;
}

/** A valid unified social credit code that no other test uses. */
export function buildCreditCode(): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let body = "91330800";
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(Math.random() * alphabet.length)];
  return body + creditCodeCheckCharacter(body)!;
}

export async function buildDepartment(ex: Executor, overrides: Partial<DepartmentRow> = {}): Promise<DepartmentRow> {
  const code = unique("d").toLowerCase();
  return insertDepartment(ex, { id: randomUUID(), code, name: `测试部门${code}`, level: "city", parentId: null, ...overrides });
}

export async function buildEnterprise(ex: Executor, overrides: Partial<EnterpriseRow> = {}): Promise<EnterpriseRow> {
  return insertEnterprise(ex, { id: randomUUID(), name: `测试企业${unique()}有限公司`, creditCode: buildCreditCode(), ...overrides });
}

/** A user with TEST_PASSWORD; handlers get a new department and enterprises a new enterprise unless given. */
export async function buildUser(ex: Executor, role: Role, overrides: Partial<UserRow> = {}): Promise<UserRow> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const departmentId = overrides.departmentId !== undefined ? overrides.departmentId : role === "handler" ? (await buildDepartment(ex)).id : null;
  const enterpriseId = overrides.enterpriseId !== undefined ? overrides.enterpriseId : role === "enterprise" ? (await buildEnterprise(ex)).id : null;
  return insertUser(ex, {
    id: randomUUID(),
    username: unique(role).toLowerCase(),
    displayName: `${role} ${unique()}`,
    passwordHash: await passwordHash,
    role,
    ...overrides,
    departmentId,
    enterpriseId,
  });
}

/** A bearer header for a user, issued directly (no password round trip). */
export async function authHeader(tokens: { issue(id: string, epoch: number): Promise<string> }, user: UserRow): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await tokens.issue(user.id, user.sessionEpoch)}` };
}
