/**
 * End-to-end in a real browser (Debian Chromium via playwright-core): one hotline case through its whole
 * lifecycle with three people watching at once, each in their own browser context (own session cookie):
 *
 *   operator      registers the call (with the demo enterprise's credit code) and dispatches it to 市生态环境局,
 *                 then follows the case page and records the callback that closes it;
 *   handler.env   sits on the department queue and sees the case arrive live, opens it, signs and replies;
 *   enterprise    sees the case appear in 我的诉求 live, opens it before dispatch and watches its status
 *                 change 已受理/待派单 → 已派单/待签收 → 办理中 → 已答复/待回访 → 已办结 without reloading.
 *
 * Finally the operator's caller-history panel finds the case by the caller's exact phone number.
 * Screenshots land in test/e2e/artifacts/lifecycle-*.png (git-ignored).
 * Skips (with a message) when no Chromium is installed; CI installs chromium and fonts-noto-cjk.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createApp, createSessionMiddleware } from "../../server/app.ts";
import { buildClientIfNeeded } from "../../server/buildClient.ts";
import type { AppDeps } from "../../server/context.ts";
import { startRealtime, type Realtime } from "../../server/realtime/io.ts";
import { DEMO_ENTERPRISE, seedDemoData } from "../../server/seed.ts";
import { testDeps } from "../support/testDeps.ts";
import { CHROMIUM, hasChromium, launchBrowser, newContext, screenshot as saveScreenshot, signIn } from "./support.ts";

/** Live updates (socket push) and anything that waits on one. */
const LIVE = { timeout: 10_000 };

/** Exact-text match for locator filters (labels such as 已派单/待签收 contain no regex-special characters but be safe). */
const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);

/** A page of one signed-in person, with uncaught errors collected. */
interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

const NO_RELOAD_MARK = "__e2eNoReload";

/** Marks the current document; a reload or full navigation would lose the mark. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate((key) => {
    (window as unknown as Record<string, unknown>)[key] = true;
  }, NO_RELOAD_MARK);
}

async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate((key) => (window as unknown as Record<string, unknown>)[key] === true, NO_RELOAD_MARK);
}

/** Waits until the case page's status badge reads exactly `label`, then asserts it. */
async function expectCaseStatus(page: Page, label: string, opts = LIVE): Promise<void> {
  const badge = page.locator(".case-head-badges .status");
  await badge.filter({ hasText: exactly(label) }).waitFor(opts);
  expect((await badge.textContent())?.trim()).to.equal(label);
}

/** A screenshot under test/e2e/artifacts/; full-page ones from the top, so the sticky header is not drawn mid-page. */
async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name, fullPage);
}

/** Waits for the header's connection indicator to say the socket is up. */
async function waitOnline(page: Page): Promise<void> {
  await page.locator(".conn.conn-online").waitFor({ state: "attached", ...LIVE });
}

describe("e2e: a hotline case's lifecycle in the browser (operator, department handler, enterprise)", function () {
  let deps: AppDeps;
  let http: HttpServer | undefined;
  let realtime: Realtime | undefined;
  let browser: Browser | undefined;
  let baseURL = "";
  let op: Person, env: Person, ent: Person;
  const people: Person[] = [];

  const stamp = `${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1296).toString(36)}`.toUpperCase();
  const title = `夜间施工噪音扰民 E2E-${stamp}`;
  // A fresh mobile number per run (1 + [3-9] + 9 digits), so the caller history holds exactly this run's case.
  const phone = `139${String(Date.now() % 1e8).padStart(8, "0")}`;
  const replyText = `经现场核查，已责令施工单位夜间停工并纳入重点巡查（${stamp}）。`;
  let caseUrl = "";
  let caseNumber = "";

  async function person(name: string, username: string, device: "desktop" | "phone" = "desktop"): Promise<Person> {
    const context = await newContext(browser!, baseURL, device);
    const page = await context.newPage();
    const p: Person = { name, context, page, errors: [] };
    page.on("pageerror", (e) => p.errors.push(e.message));
    people.push(p);
    await signIn(page, username);
    await waitOnline(page);
    return p;
  }

  // The steps build on each other: after one fails, skip the rest instead of piling up follow-on failures.
  let broken = false;
  beforeEach(function () {
    if (broken) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") broken = true;
  });

  before(async function () {
    this.timeout(180_000); // a first run may have to build the client
    if (!hasChromium()) {
      console.warn(`      ⚠ browser e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
      this.skip();
    }
    await buildClientIfNeeded({ info: (msg) => console.log(`      ${msg}`) });
    deps = await testDeps({ env: { SERVE_CLIENT: "1" } });
    await seedDemoData(deps.database.db);

    const sessionMiddleware = createSessionMiddleware(deps);
    http = createServer(createApp(deps, sessionMiddleware));
    realtime = await startRealtime(http, deps, { sessionMiddleware });
    await new Promise<void>((resolve) => http!.listen(0, "127.0.0.1", resolve));
    baseURL = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async function () {
    this.timeout(30_000);
    for (const p of people) await p.context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await realtime?.close();
    if (http) {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http!.close(() => resolve()));
    }
  });

  it("signs in the three workspaces; the handler waits on the queue, the enterprise on 我的诉求", async function () {
    this.timeout(30_000);
    [env, ent, op] = await Promise.all([person("handler.env", "handler.env"), person("enterprise", "enterprise", "phone"), person("operator", "operator")]);

    await env.page.getByRole("heading", { level: 1, name: /本单位待办案件/ }).waitFor(LIVE);
    await env.page.locator("table, .state-empty").first().waitFor(LIVE);
    expect(await env.page.getByRole("link", { name: title }).count()).to.equal(0);
    await markDocument(env.page);
    await screenshot(env.page, "lifecycle-01-handler-queue-before");

    await ent.page.getByRole("heading", { level: 1, name: "我的诉求" }).waitFor(LIVE);
    await markDocument(ent.page);
    await screenshot(ent.page, "lifecycle-01-enterprise-list-before", true);

    await op.page.getByRole("heading", { level: 1, name: "来电登记" }).waitFor(LIVE);
  });

  it("operator fills the intake form (with the enterprise's credit code) and registers the call", async function () {
    this.timeout(30_000);
    const p = op.page;
    await p.getByLabel(/联系电话/).fill(phone);
    // A number never seen before: the caller-history panel says so.
    await p.locator(".side-panel").getByText(`号码 ${phone} 没有历史诉求。`).waitFor(LIVE);
    await p.getByLabel(/联系人姓名/).fill("刘洋");
    await p.getByLabel("企业名称").fill(DEMO_ENTERPRISE.name);
    await p.getByRole("group", { name: "来电人 / 企业" }).getByLabel(/统一社会信用代码/).fill(DEMO_ENTERPRISE.creditCode);
    await p.getByText("校验通过").waitFor(LIVE);
    await p.getByLabel(/诉求类型/).selectOption({ label: "投诉" });
    await p.getByLabel(/诉求分类/).selectOption("env.noise");
    await p.getByLabel(/标题/).fill(title);
    await p.getByLabel(/诉求内容/).fill("公司厂区旁工地每晚十点后仍在施工，噪音很大，影响员工宿舍休息。");
    await p.getByLabel(/发生地点/).fill("柯城区府山街道");
    await screenshot(p, "lifecycle-02-operator-intake-filled", true);

    await p.getByRole("button", { name: "登记", exact: true }).click();
    await p.getByRole("heading", { name: "已登记", exact: true }).waitFor(LIVE);
    const result = p.locator(".intake-result");
    const link = result.locator(".result-number a");
    caseUrl = (await link.getAttribute("href")) ?? "";
    caseNumber = ((await link.textContent()) ?? "").trim();
    expect(caseUrl).to.match(/^\/cases\/[0-9a-f-]{36}$/);
    expect(caseNumber).to.match(/\d{8}/);
    expect((await result.locator(".result-number .status").textContent())?.trim()).to.equal("已受理/待派单");
    await result.getByText(title, { exact: true }).waitFor();
  });

  it("the enterprise's list shows the new case live (credit code linked it); the enterprise opens its page", async function () {
    this.timeout(30_000);
    const p = ent.page;
    const row = p.getByRole("link", { name: title });
    await row.waitFor(LIVE);
    expect(await stillSameDocument(p), "the enterprise's list was not reloaded").to.equal(true);
    await screenshot(p, "lifecycle-03-enterprise-list-live", true);

    await row.click();
    await p.waitForURL((u) => u.pathname === caseUrl);
    await p.getByRole("heading", { level: 1, name: title }).waitFor(LIVE);
    await expectCaseStatus(p, "已受理/待派单");
    expect((await p.locator(".case-head-number .case-number").textContent())?.trim()).to.equal(caseNumber);
    await waitOnline(p);
    await markDocument(p);
    await screenshot(p, "lifecycle-03-enterprise-case-registered", true);
  });

  it("operator dispatches to 市生态环境局; the handler's queue shows it without reloading; the enterprise sees 已派单/待签收", async function () {
    this.timeout(30_000);
    const p = op.page;
    const result = p.locator(".intake-result");
    await result.getByRole("button", { name: "派单", exact: true }).click();
    await result.getByLabel(/主办单位/).selectOption({ label: "市生态环境局" });
    await result.getByRole("button", { name: "确认派单" }).click();
    await p.getByText("派单已完成").waitFor(LIVE);
    await result.locator(".result-number .status").filter({ hasText: exactly("已派单/待签收") }).waitFor(LIVE);
    await screenshot(p, "lifecycle-04-operator-dispatched", true);

    // The handler's queue: the row and the arrival notice come by push.
    const h = env.page;
    const link = h.getByRole("link", { name: title });
    await link.waitFor(LIVE);
    await h.locator(".notice").filter({ hasText: `新派单 ${caseNumber}：${title}` }).waitFor(LIVE);
    const row = h.locator("tr", { has: link });
    await row.locator(".status").filter({ hasText: exactly("已派单/待签收") }).waitFor(LIVE);
    await row.getByRole("button", { name: "签收" }).waitFor();
    expect(await stillSameDocument(h), "the handler's queue was not reloaded").to.equal(true);
    await screenshot(h, "lifecycle-04-handler-queue-live-arrival");

    await expectCaseStatus(ent.page, "已派单/待签收");
    await screenshot(ent.page, "lifecycle-04-enterprise-dispatched", true);

    // The operator follows the case from its page from now on.
    await result.getByRole("link", { name: "打开案件" }).click();
    await p.waitForURL((u) => u.pathname === caseUrl);
    await expectCaseStatus(p, "已派单/待签收");
    await markDocument(p);
  });

  it("the handler opens the case and signs it: 办理中 everywhere, live", async function () {
    this.timeout(30_000);
    const h = env.page;
    await h.getByRole("link", { name: title }).click();
    await h.waitForURL((u) => u.pathname === caseUrl);
    await h.getByRole("heading", { level: 1, name: title }).waitFor(LIVE);
    await expectCaseStatus(h, "已派单/待签收");
    await h.locator(".actions-panel").getByRole("button", { name: "签收", exact: true }).click();
    await h.getByRole("button", { name: "确认签收" }).click();
    await h.getByText("已签收，请在时限内办理答复").waitFor(LIVE);
    await expectCaseStatus(h, "办理中");

    await expectCaseStatus(ent.page, "办理中");
    await expectCaseStatus(op.page, "办理中");
    await screenshot(ent.page, "lifecycle-05-enterprise-in-progress", true);
  });

  it("the handler replies: the enterprise sees 已答复/待回访 and the reply text, live", async function () {
    this.timeout(30_000);
    const h = env.page;
    await h.locator(".actions-panel").getByRole("button", { name: "答复", exact: true }).click();
    await h.getByLabel(/答复内容/).fill(replyText);
    await screenshot(h, "lifecycle-06-handler-reply-form", true);
    await h.getByRole("button", { name: "提交答复" }).click();
    await h.getByText("答复已提交，等待回访").waitFor(LIVE);
    await expectCaseStatus(h, "已答复/待回访");

    await expectCaseStatus(ent.page, "已答复/待回访");
    await ent.page.locator(".panel-answer").getByText(replyText).waitFor(LIVE);
    expect(await stillSameDocument(ent.page), "the enterprise's case page was not reloaded").to.equal(true);
    await screenshot(ent.page, "lifecycle-06-enterprise-replied", true);
  });

  it("the operator's callback (reached, 5 非常满意) closes the case: 已办结 on the operator's and the handler's pages", async function () {
    this.timeout(30_000);
    const p = op.page;
    // The operator's page updated live too, and now offers the callback.
    await expectCaseStatus(p, "已答复/待回访");
    await p.locator(".panel-answer").getByText(replyText).waitFor(LIVE);
    const actions = p.locator(".actions-panel");
    await actions.getByRole("button", { name: "回访", exact: true }).click();
    await actions.getByText("已联系上", { exact: true }).click();
    await actions.getByText("5 非常满意", { exact: true }).click();
    await actions.getByLabel("说明").fill("来电人对处理结果表示满意。");
    await screenshot(p, "lifecycle-07-operator-callback", true);
    await actions.getByRole("button", { name: "记录回访" }).click();
    await p.getByText("回访已记录，案件已办结").waitFor(LIVE);
    await expectCaseStatus(p, "已办结");
    expect(await stillSameDocument(p), "the operator's case page was not reloaded").to.equal(true);
    await screenshot(p, "lifecycle-07-operator-closed", true);

    await expectCaseStatus(env.page, "已办结");
    await screenshot(env.page, "lifecycle-07-handler-closed", true);
  });

  it("the enterprise's open case page shows 已办结 live after the callback", async function () {
    this.timeout(30_000);
    const p = ent.page;
    await expectCaseStatus(p, "已办结");
    expect(await stillSameDocument(p), "the enterprise's case page was not reloaded").to.equal(true);
    await screenshot(p, "lifecycle-07-enterprise-closed", true);
  });

  it("the caller-history panel finds the case by the caller's exact phone number", async function () {
    this.timeout(20_000);
    const p = op.page;
    await p.getByRole("navigation").getByRole("link", { name: "来电登记" }).click();
    await p.getByRole("heading", { level: 1, name: "来电登记" }).waitFor(LIVE);
    await p.getByLabel(/联系电话/).fill(phone);
    const panel = p.locator(".side-panel");
    await panel.getByText("该号码共有 1 件历史诉求（最近的在前）：").waitFor(LIVE);
    const item = panel.locator(".history-list li", { hasText: title });
    await item.waitFor();
    expect((await item.locator("a").textContent())?.trim()).to.equal(caseNumber);
    expect((await item.locator(".status").textContent())?.trim()).to.equal("已办结");
    await screenshot(p, "lifecycle-08-operator-caller-history");
  });

  it("raised no uncaught errors in any page", function () {
    for (const p of people) expect(p.errors, `uncaught errors in ${p.name}'s page`).to.deep.equal([]);
  });
});
