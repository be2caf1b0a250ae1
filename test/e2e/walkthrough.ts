/**
 * Drives the main flows through the browser against a running server, with two users side by side
 * to see live updates, and screenshots along the way (not a test; run by hand):
 *   BASE_URL=http://localhost:3100 npx tsx test/e2e/walkthrough.ts
 */
import { launchBrowser, newContext, screenshot, signIn } from "./support.ts";

const BASE = process.env.BASE_URL ?? "http://localhost:3100";
const stamp = Date.now().toString().slice(-5);

async function page(browser: Awaited<ReturnType<typeof launchBrowser>>, user: string, device: "desktop" | "phone" = "desktop") {
  const ctx = await newContext(browser, BASE, device);
  const p = await ctx.newPage();
  p.on("pageerror", (e) => console.error(`[${user}] page error:`, e.message));
  await signIn(p, user);
  return p;
}

async function step(name: string, fn: () => Promise<void>) {
  const t0 = Date.now();
  await fn();
  console.log(`✓ ${name} (${Date.now() - t0} ms)`);
}

async function main() {
  const browser = await launchBrowser();
  const op = await page(browser, "operator");
  const env = await page(browser, "handler.env");
  const title = `夜间施工噪音扰民 ${stamp}`;
  let caseUrl = "";

  await step("handler watches the queue", async () => {
    await env.waitForSelector("h1");
  });

  await step("operator registers a call with live checks", async () => {
    await op.getByLabel(/联系电话/).fill("13800138000");
    await op.getByLabel("企业名称").fill("衢州示例");
    await op.getByRole("button", { name: /衢州示例科技有限公司/ }).click();
    await op.getByLabel(/诉求类型/).selectOption("complaint");
    await op.getByLabel(/诉求分类/).selectOption("env.noise");
    await op.getByLabel(/标题/).fill(title);
    await op.getByLabel(/诉求内容/).fill("小区旁工地每晚十点后仍在施工，噪音很大，影响休息。");
    await op.getByLabel(/发生地点/).fill("柯城区府山街道");
    await op.keyboard.press("Control+Enter");
    await op.getByRole("heading", { name: "已登记" }).waitFor();
    await op.getByText("疑似重复诉求（请核对后决定是否并单）").waitFor();
    await op.waitForTimeout(800);
    await screenshot(op, "flow-01-operator-created", true);
  });

  await step("operator dispatches from the result panel; the handler's queue updates live", async () => {
    await op.locator(".intake-result").getByRole("button", { name: "派单", exact: true }).click();
    await op.getByRole("button", { name: "确认派单" }).click();
    await op.getByText("派单已完成").waitFor();
    caseUrl = await op.locator(".result-number a").getAttribute("href") ?? "";
    await env.getByRole("link", { name: title }).waitFor({ timeout: 5000 });
    await env.locator(".notice").first().waitFor();
    await screenshot(env, "flow-02-handler-live-arrival");
  });

  await step("handler signs from the queue", async () => {
    const row = env.locator("tr", { has: env.getByRole("link", { name: title }) });
    await row.getByRole("button", { name: "签收" }).click();
    await env.getByRole("dialog").getByRole("button", { name: "确认签收" }).click();
    await env.getByText(/已签收/).waitFor();
  });

  await step("handler asks for an extension on the case page", async () => {
    await env.goto(caseUrl);
    await env.getByRole("button", { name: "申请延期" }).click();
    await env.getByLabel(/延期工作日数/).fill("3");
    await env.getByLabel(/延期理由/).fill("需协调住建部门联合执法");
    await env.getByRole("button", { name: "提交延期申请" }).click();
    await env.getByText(/申请延期 3 个工作日/).first().waitFor();
  });

  const sup = await page(browser, "supervisor");
  await step("supervisor approves the extension; the handler's page updates live", async () => {
    await sup.goto("/supervisor/approvals");
    const row = sup.locator("tr", { has: sup.getByRole("link", { name: title }) });
    await row.getByRole("button", { name: "延期审批" }).click();
    await sup.getByRole("dialog").getByText("同意", { exact: true }).click();
    await sup.getByRole("dialog").getByRole("button", { name: "提交审批意见" }).click();
    await sup.getByText(/已批准延期/).waitFor();
    await env.getByText("同意延期").waitFor({ timeout: 5000 });
    await screenshot(env, "flow-03-handler-extension-approved", true);
  });

  await step("handler replies", async () => {
    await env.getByRole("button", { name: "答复", exact: true }).click();
    await env.getByLabel(/答复内容/).fill("经现场核查，已责令施工单位夜间停工，并纳入重点巡查。");
    await env.getByRole("button", { name: "提交答复" }).click();
    await env.getByText("已答复/待回访").first().waitFor();
  });

  const ent = await page(browser, "enterprise", "phone");
  await step("enterprise sees the reply and rates it badly: the case goes back to the department", async () => {
    await ent.goto(caseUrl);
    await ent.getByText("经现场核查").first().waitFor();
    await ent.getByRole("button", { name: "评价", exact: true }).click();
    await ent.getByText("2 不满意").click();
    await ent.getByLabel(/说明/).fill("夜间仍有施工");
    await screenshot(ent, "flow-04-enterprise-rating", true);
    await ent.getByRole("button", { name: "提交评价" }).click();
    await ent.getByText("评价已提交，案件已退回承办单位重办").waitFor();
    await ent.waitForTimeout(500);
    await screenshot(ent, "flow-05-enterprise-after-rating", true);
  });

  await step("handler returns another case with a reason code; operator approves the return", async () => {
    await op.goto("/operator");
    await op.getByLabel(/联系电话/).fill("13912345678");
    await op.getByLabel(/诉求类型/).selectOption("complaint");
    await op.getByLabel(/标题/).fill(`商铺油烟扰民 ${stamp}`);
    await op.getByLabel(/诉求内容/).fill("楼下餐馆油烟直排。");
    await op.getByRole("button", { name: "登记", exact: true }).click();
    await op.locator(".intake-result").getByRole("button", { name: "派单", exact: true }).click();
    await op.getByLabel(/主办单位/).selectOption({ label: "市生态环境局" });
    await op.getByRole("button", { name: "确认派单" }).click();
    await op.getByText("派单已完成").waitFor();
    await env.goto("/handler");
    await env.getByRole("link", { name: `商铺油烟扰民 ${stamp}` }).click();
    await env.getByRole("button", { name: "退单", exact: true }).click();
    await env.getByLabel(/退单理由/).selectOption("not_our_function");
    await env.getByLabel(/退单说明/).fill("餐饮油烟属综合执法职责");
    await env.getByRole("button", { name: "提交退单" }).click();
    await env.getByRole("dialog").getByRole("button", { name: "提交退单" }).click();
    await env.getByText("退单审核中").first().waitFor();
    await op.goto("/operator/returns");
    const row = op.locator("tr", { has: op.getByRole("link", { name: `商铺油烟扰民 ${stamp}` }) });
    await row.getByRole("button", { name: "退单审核" }).click();
    await op.getByRole("dialog").getByText("非本单位职责").waitFor();
    await screenshot(op, "flow-06-operator-return-review");
    await op.getByRole("dialog").getByText("同意", { exact: true }).click();
    await op.getByRole("dialog").getByRole("button", { name: "提交审核意见" }).click();
    await op.goto("/operator/dispatch");
    await op.getByRole("link", { name: `商铺油烟扰民 ${stamp}` }).waitFor();
  });

  const clerk = await page(browser, "clerk");
  await step("clerk answers a walk-in consultation on the spot", async () => {
    await clerk.getByLabel(/联系电话/).fill("13600001234");
    await clerk.getByLabel(/诉求类型/).selectOption("consultation");
    await clerk.getByLabel(/标题/).fill(`个体户办理营业执照需要哪些材料 ${stamp}`);
    await clerk.getByLabel(/诉求内容/).fill("来访人咨询个体工商户登记所需材料。");
    await clerk.getByText("当场答复并办结（直接办结）").click();
    await clerk.getByLabel(/^答复内容/).fill("需身份证、经营场所证明，可在浙里办网上办理。");
    await clerk.getByRole("button", { name: "登记并直接办结" }).click();
    await clerk.getByRole("dialog").getByRole("button", { name: "确认办结" }).click();
    await clerk.getByRole("heading", { name: "已登记并直接办结" }).waitFor();
    await screenshot(clerk, "flow-07-clerk-answered");
  });

  await step("supervisor urges an open case", async () => {
    await sup.goto(caseUrl);
    await sup.getByRole("button", { name: "催办", exact: true }).click();
    await sup.getByLabel(/督办意见/).fill("请于明日前答复");
    await sup.getByRole("button", { name: "发出催办" }).click();
    await sup.getByText("已向承办单位发出催办").waitFor();
    await env.goto(caseUrl);
    await env.locator(".case-head .escalation-1").waitFor();
    await screenshot(sup, "flow-08-supervisor-urged", true);
  });

  await step("handler replies to the reopened case; operator calls back: reached, satisfied, closed", async () => {
    await env.goto(caseUrl);
    await env.getByRole("button", { name: "答复", exact: true }).click();
    await env.getByLabel(/答复内容/).fill("已联合住建部门查处，工地已停止夜间施工。");
    await env.getByRole("button", { name: "提交答复" }).click();
    await env.getByText("已答复/待回访").first().waitFor();
    await op.goto("/operator/callback");
    const row = op.locator("tr", { has: op.getByRole("link", { name: title }) });
    const number = (await row.locator("a.case-number").textContent()) ?? "";
    await row.getByRole("button", { name: "回访", exact: true }).click();
    const dialog = op.getByRole("dialog");
    await dialog.getByText("已联系上").click();
    await dialog.getByText("4 满意").click();
    await screenshot(op, "flow-09-operator-callback");
    await dialog.getByRole("button", { name: "记录回访" }).click();
    await op.getByText(`案件 ${number}：回访已记录，案件已办结`).waitFor();
    await op.locator("tr", { hasText: number }).waitFor({ state: "detached" });
  });

  await step("operator merges a duplicate after confirming", async () => {
    await op.goto("/operator");
    await op.getByLabel(/联系电话/).fill("13800138000");
    await op.getByLabel(/诉求类型/).selectOption("complaint");
    await op.getByLabel(/标题/).fill(`夜间施工噪音 再次来电 ${stamp}`);
    await op.getByLabel(/诉求内容/).fill("同一工地夜间施工，再次反映。");
    await op.keyboard.press("Control+Enter");
    await op.getByRole("heading", { name: "已登记" }).waitFor();
    await op.getByRole("button", { name: "并入此案" }).first().click();
    await op.getByRole("button", { name: "确认并单" }).click();
    await op.getByRole("dialog").getByText("并单后不可撤销", { exact: false }).waitFor();
    await screenshot(op, "flow-10-operator-merge-confirm");
    await op.getByRole("dialog").getByRole("button", { name: "确认并单" }).click();
    await op.getByText("已并单").first().waitFor();
  });

  await step("supervisor cancels a registered test entry after confirming", async () => {
    await op.goto("/operator");
    await op.getByLabel(/联系电话/).fill("13500000000");
    await op.getByLabel(/诉求类型/).selectOption("help");
    await op.getByLabel(/标题/).fill(`测试数据 ${stamp}`);
    await op.getByLabel(/诉求内容/).fill("测试");
    await op.keyboard.press("Control+Enter");
    await op.getByRole("heading", { name: "已登记" }).waitFor();
    const href = (await op.locator(".result-number a").getAttribute("href")) ?? "";
    await sup.goto(href);
    await sup.getByRole("button", { name: "作废", exact: true }).click();
    await sup.getByLabel(/作废理由/).fill("测试数据");
    await sup.getByRole("button", { name: "确认作废" }).click();
    await sup.getByRole("dialog").getByRole("button", { name: "确认作废" }).click();
    await sup.getByText("已作废").first().waitFor();
  });

  await browser.close();
}

main().catch(async (e) => {
  console.error(e);
  process.exit(1);
});
