/**
 * The change-password page in the browser: a user an admin created lands on it and cannot leave it until the
 * password is changed; afterwards every session has ended and the sign-in page says so. Any user reaches it from
 * the header. With SCREENS=1 it also saves docs/screens/change-password-*.png (staff 1440×900, enterprise 390×844).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { buildClientIfNeeded } from "../../server/buildClient.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildUser, TEST_PASSWORD, unique } from "../factories.ts";
import { startTestServer, type TestServer } from "../support/sockets.ts";
import { testDeps } from "../support/testDeps.ts";
import { CHROMIUM, hasChromium, launchBrowser, signIn } from "./support.ts";

const SCREENS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screens");

describe("e2e: changing one's password (browser)", () => {
  let deps: AppDeps;
  let server: TestServer | undefined;
  let baseURL: string;
  let browser: Browser | undefined;

  before(async function () {
    this.timeout(180_000);
    if (!hasChromium()) {
      console.warn(`      ⚠ browser e2e skipped: no Chromium at ${CHROMIUM}`);
      this.skip();
    }
    await buildClientIfNeeded({ info: (msg) => console.log(`      ${msg}`) });
    deps = await testDeps({ env: { SERVE_CLIENT: "1" } });
    server = await startTestServer(deps);
    baseURL = server.url;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
  });

  async function page(device: "staff" | "enterprise"): Promise<Page> {
    const viewport = device === "staff" ? { width: 1440, height: 900 } : { width: 390, height: 844 };
    const ctx = await browser!.newContext({ baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport, ...(device === "enterprise" ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}) });
    return ctx.newPage();
  }
  async function submitPasswordForm(p: Page, current: string, next: string, again: string): Promise<void> {
    await p.getByLabel(/^当前密码/).fill(current);
    await p.getByLabel(/^新密码/).fill(next);
    await p.getByLabel(/^再次输入新密码/).fill(again);
    await p.getByRole("button", { name: "确认修改" }).click();
  }
  const shot = async (p: Page, name: string) => {
    if (process.env.SCREENS) await p.screenshot({ path: path.join(SCREENS, `${name}.png`) });
  };

  it("keeps an admin-created user on the page until the password is changed, then asks for a new sign-in", async () => {
    const admin = await authHeader(deps.tokens, await buildUser(deps.database.db, "admin"));
    const username = unique("staff").toLowerCase();
    await request(server!.app).post("/api/users").set(admin).send({ username, displayName: "12345坐席 林晓", password: "set-by-admin", role: "operator" }).expect(201);
    const p = await page("staff");
    await signIn(p, username, "set-by-admin");
    await p.waitForURL("**/account/password");
    await p.getByText("管理员为您设置了密码").waitFor();
    await shot(p, "change-password-forced-staff");
    await p.goto("/operator");
    await p.waitForURL("**/account/password");
    await submitPasswordForm(p, "set-by-admin", "my-own-secret-1", "my-own-secret-2");
    await p.getByText("两次输入的新密码不一致").waitFor();
    await p.getByLabel(/^再次输入新密码/).fill("my-own-secret-1");
    await p.getByRole("button", { name: "确认修改" }).click();
    await p.waitForURL("**/login");
    await p.getByText("密码已修改").waitFor();
    await shot(p, "change-password-done-staff");
    await signIn(p, username, "my-own-secret-1");
    await p.waitForURL("**/operator");
    await p.getByRole("link", { name: "修改密码" }).click();
    await p.waitForURL("**/account/password");
    await p.locator(".conn-online").waitFor();
    await shot(p, "change-password-staff");
    await p.context().close();
  });

  it("is reachable from the header for an enterprise user on a phone", async () => {
    const user = await buildUser(deps.database.db, "enterprise");
    const p = await page("enterprise");
    await signIn(p, user.username, TEST_PASSWORD);
    await p.getByRole("link", { name: "修改密码" }).click();
    await p.waitForURL("**/account/password");
    await submitPasswordForm(p, "not-my-password", "enterprise-new-1", "enterprise-new-1");
    await p.getByText("当前密码不正确").waitFor();
    await p.locator(".conn-online").waitFor();
    await shot(p, "change-password-enterprise-phone");
    expect(new URL(p.url()).pathname).to.equal("/account/password");
    await p.context().close();
  });
});
