/**
 * Screenshots of the exchange pages (not a test; run by hand against `npm start` with demo data):
 *   BASE_URL=http://localhost:3100 npx tsx test/e2e/exchangeScreens.ts
 * Arranges integration clients, webhooks (one to a live receiver, one to a dead URL) and cases through the API,
 * then saves 1440×900 PNGs under docs/screens/.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WebhookReceiver } from "../support/webhookReceiver.ts";
import { ApiClient, launchBrowser, newContext, signIn } from "./support.ts";

const ROOT_SCREENS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screens");
const BASE = process.env.BASE_URL ?? "http://localhost:3100";

async function arrange(receiver: WebhookReceiver) {
  const admin = await ApiClient.login(BASE, "admin");
  const op = await ApiClient.login(BASE, "operator");
  const province = await admin.post<{ id: string; apiKey: string }>("/integration-clients", { name: "浙江省12345政务服务平台" });
  await admin.call("PATCH", `/integration-clients/${province.id}`, { requireSignature: true });
  const open311 = await admin.post<{ id: string }>("/integration-clients", { name: "衢州随手拍（Open311）" });
  const old = await admin.post<{ id: string }>("/integration-clients", { name: "旧版区县平台" });
  await admin.call("PATCH", `/integration-clients/${old.id}`, { active: false });
  await admin.post(`/integration-clients/${open311.id}/rotate`);
  const live = await admin.post<{ secret: string }>("/webhooks", { url: receiver.url, events: ["case.created", "case.updated"] });
  receiver.secret = live.secret;
  await admin.post("/webhooks", { url: "http://127.0.0.1:9/down", events: ["case.created", "case.updated", "case.deadline"], integrationClientId: province.id });
  const deps = await op.get<{ id: string; code: string }[]>("/departments");
  const env = deps.find((d) => d.code === "env")!.id;
  for (const title of ["夜间施工噪音扰民", "工地扬尘污染严重", "河道排污发臭"]) {
    const { case: c } = await op.post<{ case: { id: string } }>("/cases", { type: "complaint", title, description: `${title}，请尽快处理。`, categoryCode: "env.noise", requester: { name: "张先生", phone: "13800138000" }, location: "柯城区府山街道" });
    await op.action(c.id, "dispatch", { departmentId: env });
  }
  receiver.failWith = 503;
  await op.post("/cases", { type: "help", title: "路灯不亮", description: "府山街道路灯不亮。", categoryCode: "env.noise", requester: { phone: "13900001111" } });
  await new Promise((r) => setTimeout(r, 2500));
}

async function main() {
  const receiver = await new WebhookReceiver().start();
  await arrange(receiver);
  const browser = await launchBrowser();
  const shoot = async (user: string, url: string, name: string, before?: (p: import("playwright-core").Page) => Promise<void>) => {
    const ctx = await newContext(browser, BASE, "desktop", "zh-CN");
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    page.on("pageerror", (e) => console.error(`page error on ${name}:`, e.message));
    await signIn(page, user);
    await page.goto(url);
    await page.waitForFunction(() => !document.querySelector(".state-loading"), undefined, { timeout: 10000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    if (before) await before(page);
    const file = path.join(ROOT_SCREENS, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await ctx.close();
  };
  await shoot("admin", "/admin/integrations", "admin-integrations-1440");
  await shoot("admin", "/admin/webhooks", "admin-webhooks-1440", async (p) => {
    const row = p.locator("tr", { hasText: receiver.url });
    await row.getByRole("button", { name: "推送记录" }).click();
    await p.waitForTimeout(800);
    await p.locator("#deliveries-title").scrollIntoViewIfNeeded();
  });
  await shoot("supervisor", "/supervisor/search", "supervisor-search-export-1440");
  await browser.close();
  await receiver.stop();
}

await main();
