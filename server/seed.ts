import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { categories, departments, enterprises, users } from "../models/schema/index.ts";
import { listCalendarYears, replaceCalendarYear } from "../models/queries/calendar.ts";
import { findDepartmentByCode, findEnterpriseByCreditCode } from "../models/queries/directory.ts";
import type { Db } from "./db.ts";
import { hashPassword } from "./auth/passwords.ts";
import { defaultCalendarData } from "./rules/workCalendar.ts";
import { seedServices } from "./commands/serviceCentre/services.ts";
import { seedKnowledgeArticles } from "./knowledgeSeed/seed.ts";

/** The city's departments and the six counties/districts (Quzhou). */
export const DEPARTMENTS = [
  { code: "env", name: "市生态环境局", level: "city" },
  { code: "market", name: "市市场监管局", level: "city" },
  { code: "housing", name: "市住房和城乡建设局", level: "city" },
  { code: "hrss", name: "市人力资源和社会保障局", level: "city" },
  { code: "tax", name: "国家税务总局衢州市税务局", level: "city" },
  { code: "planning", name: "市自然资源和规划局", level: "city" },
  { code: "kecheng", name: "柯城区", level: "county" },
  { code: "qujiang", name: "衢江区", level: "county" },
  { code: "longyou", name: "龙游县", level: "county" },
  { code: "jiangshan", name: "江山市", level: "county" },
  { code: "changshan", name: "常山县", level: "county" },
  { code: "kaihua", name: "开化县", level: "county" },
] as const;

/** Case categories with owner department and default limits (sign hours, reply working days). */
export const CATEGORIES = [
  { code: "env.noise", name: "噪声污染", department: "env", signHours: 2, replyDays: 5 },
  { code: "env.air", name: "大气污染", department: "env", signHours: 2, replyDays: 5 },
  { code: "env.water", name: "水污染", department: "env", signHours: 2, replyDays: 5 },
  { code: "market.license", name: "企业登记注册", department: "market", signHours: 2, replyDays: 5 },
  { code: "market.food", name: "食品安全", department: "market", signHours: 2, replyDays: 5 },
  { code: "market.consumer", name: "消费维权", department: "market", signHours: 2, replyDays: 5 },
  { code: "market.pricing", name: "价格监管", department: "market", signHours: 2, replyDays: 5 },
  { code: "housing.construction", name: "建筑施工管理", department: "housing", signHours: 2, replyDays: 5 },
  { code: "housing.property", name: "物业管理", department: "housing", signHours: 2, replyDays: 5 },
  { code: "hrss.wages", name: "欠薪维权", department: "hrss", signHours: 2, replyDays: 3 },
  { code: "hrss.social_insurance", name: "社会保险", department: "hrss", signHours: 2, replyDays: 5 },
  { code: "hrss.employment", name: "就业创业与人才政策", department: "hrss", signHours: 2, replyDays: 5 },
  { code: "tax.invoice", name: "发票办理", department: "tax", signHours: 2, replyDays: 5 },
  { code: "tax.policy", name: "税费优惠政策", department: "tax", signHours: 2, replyDays: 5 },
  { code: "planning.land", name: "用地与规划许可", department: "planning", signHours: 2, replyDays: 5 },
  { code: "business.environment", name: "营商环境综合", department: null, signHours: 2, replyDays: 5 },
] as const;

export const CALENDAR_YEARS = [2025, 2026];
export const CALENDAR_SOURCE = "国务院办公厅关于部分节假日安排的通知 (chinese-days 1.5.7)";

export const DEMO_PASSWORD = "onewindow-demo";
export const DEMO_ENTERPRISE = { name: "衢州示例科技有限公司", creditCode: "91350100M000100Y43" };
export const DEMO_USERS = [
  { username: "admin", displayName: "系统管理员", role: "admin" },
  { username: "operator", displayName: "12345坐席 王敏", role: "operator" },
  { username: "clerk", displayName: "政务服务中心窗口 李娜", role: "clerk" },
  { username: "supervisor", displayName: "营商办督查 陈刚", role: "supervisor" },
  { username: "handler.env", displayName: "生态环境局 赵磊", role: "handler", department: "env" },
  { username: "handler.market", displayName: "市场监管局 周洁", role: "handler", department: "market" },
  { username: "enterprise", displayName: "衢州示例科技 联系人 刘洋", role: "enterprise", enterprise: true },
] as const;

/** Inserts departments, categories, the service centre's lines, the shipped calendar years and knowledge articles where missing; never overwrites. */
export async function seedReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(departments)
      .values(DEPARTMENTS.map((d) => ({ id: randomUUID(), ...d })))
      .onConflictDoNothing({ target: departments.code });
    const ids = new Map((await tx.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]));
    await tx
      .insert(categories)
      .values(
        CATEGORIES.map(({ department, ...c }) => ({ ...c, departmentId: department ? (ids.get(department) ?? null) : null })),
      )
      .onConflictDoNothing({ target: categories.code });
    await seedServices(tx);
    const loaded = new Set((await listCalendarYears(tx)).map((y) => y.year));
    for (const { year, days } of defaultCalendarData(CALENDAR_YEARS.filter((y) => !loaded.has(y)))) {
      await replaceCalendarYear(tx, year, CALENDAR_SOURCE, days);
    }
  });
  await seedKnowledgeArticles(db);
}

/** True when no user exists yet (a fresh database). */
export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return rows[0].n === 0;
}

/** Creates the demo enterprise and accounts (password onewindow-demo) where missing. */
export async function seedDemoData(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.insert(enterprises).values({ id: randomUUID(), ...DEMO_ENTERPRISE }).onConflictDoNothing({ target: enterprises.creditCode });
    const enterprise = await findEnterpriseByCreditCode(tx, DEMO_ENTERPRISE.creditCode);
    for (const u of DEMO_USERS) {
      const departmentId = "department" in u ? (await findDepartmentByCode(tx, u.department))?.id ?? null : null;
      await tx
        .insert(users)
        .values({
          id: randomUUID(),
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          passwordHash,
          departmentId,
          enterpriseId: "enterprise" in u ? enterprise!.id : null,
        })
        .onConflictDoNothing();
    }
  });
}

