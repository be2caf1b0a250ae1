/**
 * Arranges demo cases through the API and screenshots every workspace (not a test; run by hand):
 *   BASE_URL=http://localhost:3100 SCREENS_DIR=docs/screens npx tsx test/e2e/screenshots.ts [name prefix …]
 * PNGs land in SCREENS_DIR (docs/screens is committed), else test/e2e/artifacts/ (git-ignored).
 */
import type { Page } from "playwright-core";
import { ApiClient, launchBrowser, newContext, screenshot, signIn } from "./support.ts";

const BASE = process.env.BASE_URL ?? "http://localhost:3100";
const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.some((o) => name.startsWith(o));

async function arrange() {
  const op = await ApiClient.login(BASE, "operator");
  const env = await ApiClient.login(BASE, "handler.env");
  const ent = await ApiClient.login(BASE, "enterprise");
  const deps = await op.get<{ id: string; code: string }[]>("/departments");
  const dept = (code: string) => deps.find((d) => d.code === code)!.id;
  const existing = await op.get<{ items: unknown[] }>("/cases?limit=5");
  if (existing.items.length >= 5) return;
  const mk = (title: string, extra: Record<string, unknown> = {}) =>
    op.post<{ case: { id: string } }>("/cases", { type: "complaint", title, description: `${title}。来电人反映情况属实，请尽快处理。`, categoryCode: "env.noise", requester: { name: "张先生", phone: "13800138000", enterpriseName: "衢州示例科技有限公司", creditCode: "91350100M000100Y43" }, location: "柯城区府山街道", ...extra }).then((r) => r.case);
  const a = await mk("夜间施工噪音扰民", { subject: { enterpriseName: "衢州某某建筑工程有限公司" } });
  await op.action(a.id, "dispatch", { departmentId: dept("env") });
  const b = await mk("工地扬尘污染严重", { categoryCode: "env.air", priority: "urgent" });
  await op.action(b.id, "dispatch", { departmentId: dept("env"), coDepartmentIds: [dept("housing")] });
  await env.action(b.id, "sign");
  const c = await mk("河道排污发臭", { categoryCode: "env.water", requester: { phone: "0570-8881234" } });
  await op.action(c.id, "dispatch", { departmentId: dept("env") });
  await env.action(c.id, "sign");
  await env.action(c.id, "reply", { content: "经现场核查，已责令涉事企业停止排污并限期整改，后续将加强巡查。" });
  await mk("企业开办登记流程咨询", { type: "consultation", categoryCode: "market.license", requester: { phone: "13900001111" } });
  await mk("超市销售过期食品", { categoryCode: "market.food", requester: { phone: "13700002222" } });
  const d = await ent.post<{ case: { id: string } }>("/cases", { type: "help", title: "申请稳岗补贴进度查询", description: "我司三月提交稳岗补贴申请，至今未有结果，请协助了解办理进度。", categoryCode: "hrss.employment" });
  await op.action(d.case.id, "dispatch", { departmentId: dept("hrss") });
  await op.action(c.id, "callback", { reached: false });
  // Returned by the wrong department with a suggestion, approved: back in the dispatch queue.
  const e = await mk("公司拖欠三个月工资", { categoryCode: "env.noise", requester: { name: "刘女士", phone: "13600003333" } });
  await op.action(e.id, "dispatch", { departmentId: dept("env") });
  await env.action(e.id, "return", { reason: "not_our_function", note: "欠薪属劳动保障监察职责，非生态环境部门职能", suggestedDepartmentId: dept("hrss") });
  await op.action(e.id, "decide-return", { approve: true });
}

async function main() {
  await arrange();
  const browser = await launchBrowser();
  const shots: string[] = [];
  const session = async (user: string | null, device: "desktop" | "phone", lang: "zh-CN" | "en", steps: (p: Page) => Promise<void>) => {
    const ctx = await newContext(browser, BASE, device, lang);
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.error(`[${user}] page error:`, e.message));
    page.on("console", (m) => m.type() === "error" && console.error(`[${user}] console:`, m.text()));
    if (lang === "en") await page.addInitScript(() => localStorage.setItem("ow.lang", "en"));
    if (user) await signIn(page, user);
    await steps(page);
    await ctx.close();
  };
  const shot = async (page: Page, name: string, full = false) => {
    await page.waitForTimeout(300);
    await page.waitForFunction(() => !document.querySelector(".state-loading"), undefined, { timeout: 10000 }).catch(() => undefined);
    await page.waitForTimeout(400);
    shots.push(await screenshot(page, name, full));
  };

  if (want("login")) {
    await session(null, "desktop", "zh-CN", async (p) => {
      await p.goto("/login");
      await shot(p, "login");
      await p.getByLabel("用户名").fill("operator");
      await p.getByLabel(/^密码/).fill("wrong-password");
      await p.getByRole("button", { name: "登录" }).click();
      await p.getByRole("alert").first().waitFor();
      await shot(p, "login-error");
    });
  }
  if (want("operator")) {
    await session("operator", "desktop", "zh-CN", async (p) => {
      await p.setViewportSize({ width: 1440, height: 900 });
      await p.getByLabel(/联系电话/).fill("13800138000");
      await p.getByLabel(/统一社会信用代码/).fill("91350100M000100Y44");
      await p.getByLabel(/被反映企业或单位/).fill("衢州某某建筑工程有限公司");
      await p.getByLabel(/标题/).click();
      await shot(p, "operator-intake", true);
      await p.goto("/operator/dispatch");
      await shot(p, "operator-dispatch");
      await p.getByRole("button", { name: "派单" }).first().click();
      await shot(p, "operator-dispatch-modal");
      await p.keyboard.press("Escape");
      await p.getByRole("row", { name: /公司拖欠三个月工资/ }).getByRole("button", { name: "派单" }).click();
      await shot(p, "operator-redispatch-modal");
      await p.keyboard.press("Escape");
      await p.goto("/operator/callback");
      await shot(p, "operator-callback");
      await p.getByRole("button", { name: "回访" }).first().click();
      await shot(p, "operator-callback-modal");
      await p.keyboard.press("Escape");
    });
  }
  if (want("handler")) {
    await session("handler.env", "desktop", "zh-CN", async (p) => {
      await p.waitForSelector("table");
      await shot(p, "handler-queue");
      await p.locator("table a.case-number").first().click();
      await p.waitForSelector(".case-page");
      await shot(p, "handler-case", true);
    });
  }
  if (want("enterprise")) {
    await session("enterprise", "phone", "zh-CN", async (p) => {
      await shot(p, "enterprise-cases-phone", true);
      await p.locator("a.case-number").first().click();
      await p.waitForSelector(".case-page");
      await shot(p, "enterprise-case-phone", true);
      await p.goto("/enterprise/new");
      await shot(p, "enterprise-new-phone", true);
    });
  }
  if (want("supervisor")) {
    await session("supervisor", "desktop", "zh-CN", async (p) => {
      await shot(p, "supervisor-overdue");
      await p.goto("/supervisor/approvals");
      await shot(p, "supervisor-approvals");
      await p.goto("/supervisor/dashboard");
      await p.waitForTimeout(1200);
      await shot(p, "supervisor-dashboard", true);
    });
  }
  if (want("clerk")) {
    await session("clerk", "desktop", "zh-CN", async (p) => {
      await shot(p, "clerk-intake");
    });
  }
  if (want("admin")) {
    await session("admin", "desktop", "zh-CN", async (p) => {
      await p.waitForSelector("table");
      await shot(p, "admin-users");
      await p.goto("/admin/categories");
      await shot(p, "admin-categories");
      await p.goto("/admin/departments");
      await shot(p, "admin-departments");
      await p.goto("/admin/calendar");
      await p.getByLabel(/粘贴 JSON/).fill(JSON.stringify({ year: 2027, source: "国务院办公厅关于2027年部分节假日安排的通知", days: [{ date: "2027-01-01", working: false, name: "元旦" }, { date: "2027-02-06", working: true, name: "春节调休上班" }] }, null, 2));
      await shot(p, "admin-calendar");
      await p.getByRole("button", { name: "载入" }).click();
      await shot(p, "admin-calendar-confirm");
      await p.keyboard.press("Escape");
      await p.goto("/admin");
      await p.getByLabel(/^角色/).selectOption("enterprise");
      await p.getByLabel(/查找企业/).fill("衢州");
      await shot(p, "admin-users-new-enterprise");
    });
  }
  if (want("en")) {
    await session("handler.env", "desktop", "en", async (p) => {
      await p.waitForSelector("table");
      await shot(p, "en-handler-queue");
    });
    await session("supervisor", "desktop", "en", async (p) => {
      await p.goto("/supervisor/escalated");
      await shot(p, "en-supervisor-escalated");
      await p.goto("/supervisor/dashboard");
      await p.waitForTimeout(1200);
      await shot(p, "en-supervisor-dashboard");
    });
    await session(null, "phone", "en", async (p) => {
      await p.goto("/login");
      await shot(p, "en-login-phone");
    });
  }
  await browser.close();
  console.log(shots.join("\n"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
