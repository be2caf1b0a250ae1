import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db.ts";
import {
  categories,
  departments,
  enterprises,
  integrationClients,
  users,
  type CategoryRow,
  type DepartmentRow,
  type UserRow,
} from "../schema/index.ts";

export async function findUserById(ex: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await ex.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const rows = await ex.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export function listUsers(ex: Executor) {
  return ex.select().from(users).orderBy(asc(users.username));
}

export async function insertUser(ex: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [created] = await ex.insert(users).values(row).returning();
  return created;
}

export async function updateUser(ex: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await ex
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export function listDepartments(ex: Executor) {
  return ex.select().from(departments).orderBy(asc(departments.level), asc(departments.code));
}

export async function findDepartmentById(ex: Executor, id: string): Promise<DepartmentRow | undefined> {
  const rows = await ex.select().from(departments).where(eq(departments.id, id)).limit(1);
  return rows[0];
}

export async function findDepartmentByCode(ex: Executor, code: string): Promise<DepartmentRow | undefined> {
  const rows = await ex.select().from(departments).where(eq(departments.code, code)).limit(1);
  return rows[0];
}

/** How many of the given ids are existing, active departments. */
export async function countActiveDepartments(ex: Executor, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const rows = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(departments)
    .where(sql`${departments.id} in ${ids} and ${departments.active}`);
  return rows[0].n;
}

export async function insertDepartment(ex: Executor, row: typeof departments.$inferInsert): Promise<DepartmentRow> {
  const [created] = await ex.insert(departments).values(row).returning();
  return created;
}

export async function updateDepartment(ex: Executor, id: string, patch: Partial<typeof departments.$inferInsert>) {
  const [row] = await ex.update(departments).set(patch).where(eq(departments.id, id)).returning();
  return row;
}

export async function findEnterpriseById(ex: Executor, id: string) {
  const rows = await ex.select().from(enterprises).where(eq(enterprises.id, id)).limit(1);
  return rows[0];
}

export async function findEnterpriseByCreditCode(ex: Executor, creditCode: string) {
  const rows = await ex.select().from(enterprises).where(eq(enterprises.creditCode, creditCode)).limit(1);
  return rows[0];
}

/** Enterprises whose name contains the text or whose credit code starts with it. */
export function searchEnterprises(ex: Executor, q: string, limit = 20) {
  const like = `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
  return ex
    .select()
    .from(enterprises)
    .where(sql`${enterprises.name} ilike ${like} or ${enterprises.creditCode} like ${q.toUpperCase().replace(/[\\%_]/g, "") + "%"}`)
    .orderBy(asc(enterprises.name))
    .limit(limit);
}

export async function insertEnterprise(ex: Executor, row: typeof enterprises.$inferInsert) {
  const [created] = await ex.insert(enterprises).values(row).returning();
  return created;
}

export function listCategories(ex: Executor) {
  return ex.select().from(categories).orderBy(asc(categories.code));
}

export async function findCategory(ex: Executor, code: string): Promise<CategoryRow | undefined> {
  const rows = await ex.select().from(categories).where(eq(categories.code, code)).limit(1);
  return rows[0];
}

export async function upsertCategory(ex: Executor, row: typeof categories.$inferInsert): Promise<CategoryRow> {
  const { code: _code, ...rest } = row;
  const [saved] = await ex
    .insert(categories)
    .values(row)
    .onConflictDoUpdate({ target: categories.code, set: { ...rest, updatedAt: new Date() } })
    .returning();
  return saved;
}

export async function findIntegrationClientByKeyHash(ex: Executor, keyHash: string) {
  const rows = await ex.select().from(integrationClients).where(eq(integrationClients.keyHash, keyHash)).limit(1);
  return rows[0];
}

export async function insertIntegrationClient(ex: Executor, row: typeof integrationClients.$inferInsert) {
  const [created] = await ex.insert(integrationClients).values(row).returning();
  return created;
}

export function listIntegrationClients(ex: Executor) {
  return ex.select().from(integrationClients).orderBy(asc(integrationClients.name));
}
