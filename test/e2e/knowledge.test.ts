/**
 * End-to-end in a real browser: the knowledge base at work.
 *
 *   operator     types a caller's question at intake; the matching in-force article appears beside the form,
 *                Alt+1 opens it, "answer with this" fills the answer and cites it, and the case is closed at once
 *                (直接办结) citing the article's current version;
 *   enterprise   (phone) looks a policy up in 政策查询, reads it and says it helped; while typing a new appeal it is
 *                shown "these answers may help";
 *   supervisor   opens the knowledge admin list and the figures.
 *
 * Screenshots land in test/e2e/artifacts/kb-*.png (git-ignored; the ones in docs/screens/ are copies).
 * Skips (with a message) when no Chromium is installed.
 */
import { expect } from "chai";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ApiClient, CHROMIUM, hasChromium, newContext, screenshot, signIn, startBrowserApp, type BrowserApp } from "./support.ts";

const LIVE = { timeout: 10_000 };

describe("e2e: the knowledge base in the browser (intake answer, policy lookup, admin)", function () {
  let server: BrowserApp | undefined;
  let browser: Browser | undefined;
  let baseURL = "";
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const phone = `137${String(Date.now() % 1e8).padStart(8, "0")}`;

  async function open(username: string, device: "desktop" | "phone" = "desktop"): Promise<Page> {
    const context = await newContext(browser!, baseURL, device);
    contexts.push(context);
    const page = await context.newPage();
    if (device === "desktop") await page.setViewportSize({ width: 1440, height: 900 });
    page.on("pageerror", (e) => errors.push(`${username}: ${e.message}`));
    await signIn(page, username);
    return page;
  }

  before(async function () {
    this.timeout(180_000);
    if (!hasChromium()) {
      console.warn(`      ⚠ browser e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
      this.skip();
    }
    server = await startBrowserApp();
    ({ baseURL, browser } = server);
  });

  after(async function () {
    this.timeout(30_000);
    for (const c of contexts) await c.close().catch(() => undefined);
    await server?.close();
  });

  it("the operator answers a caller from a suggested article, citing its version", async function () {
    this.timeout(60_000);
    const p = await open("operator");
    await p.getByRole("heading", { level: 1, name: "来电登记" }).waitFor(LIVE);
    await p.getByLabel(/联系电话/).fill(phone);
    await p.getByLabel(/诉求内容/).fill("我们厂今年一个人都没裁，听说交的失业保险能退回来一部分，想问问怎么领。");
    const panel = p.locator(".kb-suggest");
    const first = panel.locator(".kb-suggest-item").first();
    await first.filter({ hasText: "稳岗返还" }).waitFor(LIVE);
    await screenshot(p, "kb-intake-suggestions");

    await p.keyboard.press("Alt+1");
    const dialog = p.getByRole("dialog");
    await dialog.getByRole("heading", { name: /稳岗返还/ }).waitFor(LIVE);
    await screenshot(p, "kb-intake-article");
    await dialog.getByRole("button", { name: /用此条目答复/ }).click();

    const answer = p.locator('[data-path="answer"] textarea');
    await answer.waitFor(LIVE);
    expect(await answer.inputValue()).to.contain("依据：失业保险稳岗返还");
    await p.locator(".kb-cited").filter({ hasText: "第 1 版" }).waitFor(LIVE);
    await answer.press("End");
    await answer.type(" 如有疑问可拨打12345。");
    await p.getByRole("button", { name: "登记并直接办结" }).click();
    await p.getByRole("dialog").getByRole("button", { name: "确认办结" }).click();
    await p.getByRole("heading", { name: "已登记并直接办结" }).waitFor(LIVE);

    const api = await ApiClient.login(baseURL, "operator");
    const found = await api.get<{ items: { id: string; status: string; answer: string; citedArticle: { title: string; version: number } | null }[] }>(`/cases?phone=${phone}`);
    expect(found.items).to.have.length(1);
    expect(found.items[0].status).to.equal("closed");
    expect(found.items[0].answer).to.contain("如有疑问可拨打12345。");
    expect(found.items[0].citedArticle).to.deep.include({ version: 1 });
    expect(found.items[0].citedArticle!.title).to.contain("稳岗返还");

    // The case page shows the cited version, linking to it.
    await p.goto(`/cases/${found.items[0].id}`);
    await p.locator(".kb-cited-note a", { hasText: "稳岗返还" }).waitFor(LIVE);
    expect(await p.locator(".kb-cited-note a").getAttribute("href")).to.match(/\/knowledge\/.+\?version=1$/);
  });

  it("the enterprise finds an answer in policy lookup on its phone and says it helped", async function () {
    this.timeout(60_000);
    const p = await open("enterprise", "phone");
    await p.goto("/enterprise/policies");
    await p.getByRole("heading", { level: 1, name: "政策查询" }).waitFor(LIVE);
    await p.getByRole("searchbox").fill("社保缓缴");
    // The unfiltered list shows first; the search's results carry highlighted snippets.
    const hit = p.locator(".kb-result", { hasText: "阶段性缓缴社会保险费", has: p.locator("mark") }).first();
    await hit.waitFor(LIVE);
    expect(await hit.locator("mark").count()).to.be.greaterThan(0);
    await screenshot(p, "kb-enterprise-lookup");
    await hit.getByRole("link").click();
    await p.getByRole("heading", { level: 1, name: /阶段性缓缴社会保险费/ }).waitFor(LIVE);
    await p.getByRole("button", { name: /有用/ }).click();
    await p.getByText("感谢反馈").waitFor(LIVE);
    await screenshot(p, "kb-enterprise-article", true);

    // A new appeal: the answers that may help appear as it is typed; a helpful one means no appeal is needed.
    await p.goto("/enterprise/new");
    await p.getByLabel(/诉求内容/).fill("今年订单少资金紧张，想问问单位缴的养老保险能不能晚几个月再交？");
    const helpful = p.locator(".kb-helpful");
    await helpful.locator(".kb-helpful-head", { hasText: "缓缴" }).first().waitFor(LIVE);
    await helpful.locator(".kb-helpful-head").first().click();
    await screenshot(p, "kb-enterprise-new-appeal");
    await helpful.getByRole("button", { name: /有用/ }).first().click();
    await p.getByRole("link", { name: /不用提交了/ }).click();
    await p.waitForURL((u) => u.pathname === "/enterprise");
  });

  it("a supervisor sees the knowledge admin list and the figures", async function () {
    this.timeout(60_000);
    const p = await open("supervisor");
    await p.goto("/knowledge");
    await p.getByRole("heading", { level: 1, name: "政策知识库" }).waitFor(LIVE);
    await p.locator(".kb-table tbody tr").nth(10).waitFor(LIVE);
    await screenshot(p, "kb-admin");
    await p.goto("/knowledge/stats");
    await p.getByRole("heading", { level: 1, name: /知识库统计/ }).waitFor(LIVE);
    await p.locator(".kb-stats-grid").getByText(/稳岗返还/).first().waitFor(LIVE);
    await screenshot(p, "kb-stats");
  });

  it("raised no uncaught errors in any page", function () {
    expect(errors).to.deep.equal([]);
  });
});
