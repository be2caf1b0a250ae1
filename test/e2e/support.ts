/** Browser and API helpers for the web client's end-to-end tests and screenshots (playwright-core + Debian Chromium). */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");
export const DEMO_PASSWORD = "onewindow-demo";

/** Whether a system Chromium is installed (tests skip cleanly without it). */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** Launches headless Chromium with the flags that work in containers. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A fresh context (own cookies) sized like an office screen or a phone. */
export function newContext(browser: Browser, baseURL: string, device: "desktop" | "phone" = "desktop", lang: "zh-CN" | "en" = "zh-CN"): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale: lang,
    timezoneId: "Asia/Shanghai",
    ...(device === "phone" ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1366, height: 768 } }),
  });
}

/** Signs in through the form and waits for the role's workspace. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Saves a full-page screenshot under test/e2e/artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  // SCREENS_DIR=docs/screens keeps the pictures that are committed; tests write to the git-ignored artifacts.
  const dir = process.env.SCREENS_DIR ?? ARTIFACTS;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** A tiny API client with a bearer token (for arranging data around browser steps). */
export class ApiClient {
  constructor(
    readonly baseURL: string,
    readonly token: string,
  ) {}

  static async login(baseURL: string, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
    const res = await fetch(`${baseURL}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    return new ApiClient(baseURL, body.token);
  }

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.baseURL}/api${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T = any>(path: string) {
    return this.call<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.call<T>("POST", path, body ?? {}, headers);
  }
  action<T = any>(caseId: string, action: string, body: unknown = {}) {
    return this.call<T>("POST", `/cases/${caseId}/actions/${action}`, body);
  }
}

/** A browser test's server: the app with its client, Socket.IO and the demo accounts on the shared test database, and Chromium. */
export interface BrowserApp {
  baseURL: string;
  browser: import("playwright-core").Browser;
  close(): Promise<void>;
}

/** Starts the app (client built if needed, demo data seeded) on a free port and launches Chromium. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const { createServer } = await import("node:http");
  const { createApp, createSessionMiddleware } = await import("../../server/app.ts");
  const { buildClientIfNeeded } = await import("../../server/buildClient.ts");
  const { startRealtime } = await import("../../server/realtime/io.ts");
  const { seedDemoData } = await import("../../server/seed.ts");
  const { testDeps } = await import("../support/testDeps.ts");
  await buildClientIfNeeded({ info: (msg) => console.log(`      ${msg}`) });
  const deps = await testDeps({ env: { SERVE_CLIENT: "1" } });
  await seedDemoData(deps.database.db);
  const sessionMiddleware = createSessionMiddleware(deps);
  const http = createServer(createApp(deps, sessionMiddleware));
  const realtime = await startRealtime(http, deps, { sessionMiddleware });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address() as import("node:net").AddressInfo;
  const browser = await launchBrowser();
  return {
    baseURL: `http://127.0.0.1:${address.port}`,
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await realtime.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
