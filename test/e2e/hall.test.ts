/**
 * End-to-end in a real browser: the service-centre hall with four screens at once, each its own browser context:
 *
 *   kiosk        (no sign-in, a portrait kiosk screen) takes a number on a line of this run, leaving a mobile number;
 *   enterprise   (its phone) takes a number remotely on the same line and follows 前面还有 N 人 live;
 *   board        (1920×1080, no sign-in) shows the kiosk's number called to the clerk's window;
 *   clerk        (window console) calls with F1, starts with F4 and turns the ticket into a walk-in case with F9,
 *                the intake prefilled with the kiosk's phone; then calls the enterprise's number, which its phone shows.
 *
 * Screenshots land in test/e2e/artifacts/hall-*.png (git-ignored). Skips when no Chromium is installed.
 */
import { expect } from "chai";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildClientIfNeeded } from "../../server/buildClient.ts";
import { seedDemoData } from "../../server/seed.ts";
import { startTestServer, type TestServer } from "../support/sockets.ts";
import { testDeps } from "../support/testDeps.ts";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { ApiClient, ARTIFACTS, CHROMIUM, hasChromium, launchBrowser, newContext, signIn } from "./support.ts";

const LIVE = { timeout: 10_000 };

/** A screenshot under test/e2e/artifacts/ with animations stopped (the board flashes a new call). */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), animations: "disabled" });
}

describe("e2e: the service-centre hall (kiosk, board, window console, remote ticket)", function () {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let baseURL = "";
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  let kiosk: Page, board: Page, clerk: Page, ent: Page;
  let clerkApi: ApiClient;
  const stamp = `${Date.now().toString(36).slice(-4)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const lineName = `E2E业务${stamp}`;
  const phone = `137${String(Date.now() % 1e8).padStart(8, "0")}`;
  let kioskNumber = "";
  let remoteNumber = "";

  async function open(path: string, viewport: { width: number; height: number }, opts: { user?: string; phone?: boolean } = {}): Promise<Page> {
    const context = await newContext(browser!, baseURL, opts.phone ? "phone" : "desktop");
    contexts.push(context);
    const page = await context.newPage();
    if (!opts.phone) await page.setViewportSize(viewport);
    page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
    if (opts.user) await signIn(page, opts.user);
    await page.goto(path);
    return page;
  }

  let broken = false;
  beforeEach(function () {
    if (broken) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") broken = true;
  });

  before(async function () {
    this.timeout(180_000);
    if (!hasChromium()) {
      console.warn(`      ⚠ browser e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
      this.skip();
    }
    await buildClientIfNeeded({ info: (msg) => console.log(`      ${msg}`) });
    const deps = await testDeps({ env: { SERVE_CLIENT: "1", KIOSK_RATE_LIMIT: "1000" } });
    await seedDemoData(deps.database.db);
    server = await startTestServer(deps);
    baseURL = server.url;
    browser = await launchBrowser();
    // A line of this run only, so earlier runs' tickets (on a kept PostgreSQL database) never come first.
    const admin = await ApiClient.login(baseURL, "admin");
    const letters = () => Array.from({ length: 3 }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[Math.floor(Math.random() * 26)]).join("");
    await admin.call("PUT", `/service-centre/services/e2e-${stamp}`, { name: lineName, prefix: letters(), active: true, sort: 1 });
    clerkApi = await ApiClient.login(baseURL, "clerk");
  });

  after(async function () {
    this.timeout(30_000);
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  it("a kiosk takes a number without signing in, leaving a mobile number for the reminder", async function () {
    this.timeout(60_000);
    kiosk = await open("/kiosk", { width: 1080, height: 1920 });
    board = await open("/board", { width: 1920, height: 1080 });
    await kiosk.getByRole("button", { name: new RegExp(lineName) }).waitFor(LIVE);
    await screenshot(kiosk, "hall-kiosk-home-1080x1920");
    await kiosk.getByRole("button", { name: new RegExp(lineName) }).click();
    for (const digit of phone) await kiosk.locator(".keypad-key", { hasText: new RegExp(`^${digit}$`) }).click();
    await kiosk.getByRole("button", { name: "取号", exact: true }).click();
    kioskNumber = ((await kiosk.getByTestId("kiosk-number").textContent()) ?? "").trim();
    expect(kioskNumber).to.match(/^[A-Z]{3}\d{3}$/);
    await kiosk.locator(".kiosk-ticket-ahead", { hasText: "前面还有 0 人" }).waitFor();
    await kiosk.getByText(`${phone.slice(0, 3)}****${phone.slice(-4)}`, { exact: false }).waitFor();
    await screenshot(kiosk, "hall-kiosk-1080x1920");
  });

  it("the enterprise takes a number remotely on its phone: 前面还有 1 人", async function () {
    this.timeout(60_000);
    ent = await open("/enterprise/ticket", { width: 390, height: 844 }, { user: "enterprise", phone: true });
    await ent.getByRole("button", { name: new RegExp(lineName) }).click();
    const card = ent.getByTestId("remote-ticket");
    await card.waitFor(LIVE);
    remoteNumber = ((await card.locator(".remote-number").textContent()) ?? "").trim();
    await ent.getByTestId("remote-ahead").filter({ hasText: "前面还有 1 人" }).waitFor(LIVE);
  });

  it("the clerk calls with F1: the board shows the kiosk's number at window 5, the enterprise moves up live", async function () {
    this.timeout(60_000);
    clerk = await open("/clerk/window", { width: 1440, height: 900 }, { user: "clerk" });
    const windowInput = clerk.getByLabel("窗口号");
    await windowInput.fill("5");
    await clerk.getByRole("checkbox", { name: new RegExp(lineName) }).check();
    await clerk.locator(".conn.conn-online").waitFor({ state: "attached", ...LIVE });
    await clerk.keyboard.press("F1");
    await clerk.getByTestId("console-number").filter({ hasText: kioskNumber }).waitFor(LIVE);
    await board.locator(".board-now-number", { hasText: kioskNumber }).waitFor(LIVE);
    expect((await board.locator(".board-now-window").textContent())?.replace(/\s+/g, "")).to.contain("5号窗口");
    expect(await board.content()).to.not.contain(phone);
    await ent.getByTestId("remote-ahead").filter({ hasText: "前面还有 0 人" }).waitFor(LIVE);
    await screenshot(board, "hall-board-1920x1080");
    await screenshot(ent, "hall-remote-390x844");
  });

  it("the clerk starts (F4) and turns the ticket into a case (F9): the intake is prefilled and the case keeps the ticket", async function () {
    this.timeout(60_000);
    await clerk.keyboard.press("F4");
    await clerk.locator(".ticket-status", { hasText: "办理中" }).first().waitFor(LIVE);
    await screenshot(clerk, "hall-console-1440x900");
    await clerk.keyboard.press("F9");
    await clerk.waitForURL((u) => u.pathname === "/clerk" && u.searchParams.has("ticket"));
    await clerk.getByText(`排队号 ${kioskNumber}`, { exact: false }).waitFor(LIVE);
    expect(await clerk.getByLabel(/联系电话/).inputValue()).to.equal(phone);
    await clerk.getByLabel(/诉求类型/).selectOption({ label: "咨询" });
    await clerk.getByLabel(/标题/).fill(`企业开办材料咨询 ${stamp}`);
    await clerk.getByLabel(/诉求内容/).fill("来窗口咨询企业开办需要准备的材料，需要市场监管部门进一步答复。");
    await clerk.getByRole("button", { name: "登记为案件", exact: true }).click();
    await clerk.getByRole("heading", { name: "已登记", exact: true }).waitFor(LIVE);
    const mine = await clerkApi.get<{ items: { number: string; status: string; caseId: string | null; outcome: string | null }[] }>("/service-centre/tickets?mine=true");
    const ticket = mine.items.find((x) => x.number === kioskNumber)!;
    expect(ticket).to.include({ status: "done", outcome: "case" });
    const kase = await clerkApi.get<{ timeline: { action: string; data: Record<string, unknown> }[] }>(`/cases/${ticket.caseId}`);
    expect(kase.timeline[0].data.ticketNumber).to.equal(kioskNumber);
  });

  it("the next call reaches the enterprise's phone: 请到 5 号窗口办理", async function () {
    this.timeout(60_000);
    await clerk.goto("/clerk/window");
    await clerk.locator(".conn.conn-online").waitFor({ state: "attached", ...LIVE });
    await clerk.getByRole("checkbox", { name: new RegExp(lineName) }).waitFor(LIVE);
    await clerk.keyboard.press("F1");
    await clerk.getByTestId("console-number").filter({ hasText: remoteNumber }).waitFor(LIVE);
    await ent.getByText("请到 5 号窗口办理").waitFor(LIVE);
    await board.locator(".board-now-number", { hasText: remoteNumber }).waitFor(LIVE);
    await screenshot(ent, "hall-remote-called-390x844");
    await screenshot(board, "hall-board-second-call-1920x1080");
    expect(errors).to.deep.equal([]);
  });
});
