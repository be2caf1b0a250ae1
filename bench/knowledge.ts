/**
 * knowledge: the knowledge base's search at scale. Loads 10,000 articles (the 46 shipped ones plus variants of
 * them, written through the app's own insert and vector code) and 20,000 cases, then measures sequential
 * p50/p95 of intake suggestions (30 caller phrasings), policy lookup search (as an enterprise) and staff search,
 * beside the case search (q=噪音) and the minimal server's primary-key GET on the same database.
 * Target: p95 < 50 ms for suggestions and search.
 */
import { randomUUID } from "node:crypto";
import { insertArticle } from "../models/queries/knowledge.ts";
import { vectorOf } from "../server/commands/knowledge/saveArticle.ts";
import { SEED_ARTICLES } from "../server/knowledgeSeed/seed.ts";
import { loadDataset } from "./dataset.ts";
import { startApp } from "./intake.ts";
import { createTarget, engineName, fmt, machineConditions, openTarget, printTable, sampleSequential, startChild, targetEnv, type BenchOptions, type Engine, type Latency } from "./support.ts";

const ARTICLES = 10_000;
const CASES = 20_000;
const COUNTIES = ["柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县", "智造新城", "高新园区"];
const YEARS = ["2024年", "2025年", "2026年", "2027年"];
const EXTRA = ["申报材料可在线提交。", "具体以主管部门审核为准。", "咨询电话见部门网站。", "可委托代理人办理。", "办理进度可在浙里办查询。"];

const PHRASINGS = [
  "我和朋友打算合伙弄个小公司，执照在哪弄", "公司一直没做生意想把它关掉", "准备开一家面馆还要什么证", "小规模的一个季度卖了二十多万增值税要不要交",
  "印花税城建税听说能少交一半", "搞新产品开发花了不少钱税上能多抵吗", "开票额度不够了怎么提高", "退伍回来想开个店有没有低息的钱借",
  "厂房不够抵押政府能帮忙作保吗", "员工养老保险单位那部分能不能晚几个月交", "没裁过员失业保险能退一部分吗", "招了三个应届大学生有什么补贴",
  "工人考了电工证能领多少钱", "一直招不到工人人社能帮忙吗", "员工两个月了还没签合同", "包工头一直不给钱", "工人手被机器压伤了",
  "国庆让员工上班工资怎么算", "新建喷涂车间环评怎么批", "修车店旧机油交给谁", "新厂房消防规划验收能一起弄吗", "厂房押在银行想卖给别人",
  "企业所得税有什么优惠", "出口退税多久到账", "残疾人保障金要缴吗", "年报忘了交被标异常", "营业执照上的法人要改", "摆个水果摊要办什么",
  "往河里排水要办什么证", "施工许可证怎么办",
];
const LOOKUPS = ["社保缓缴", "稳岗补贴", "企业开办", "税费减免", "融资贷款", "环评审批", "不动产登记", "招工用工"];

/** Inserts variants of the shipped articles until the base holds `n`, in transactions of 500. */
async function loadArticles(db: Parameters<typeof insertArticle>[0] & { transaction: (fn: (tx: any) => Promise<void>) => Promise<void> }, departments: Record<string, string>, n: number): Promise<void> {
  const now = new Date();
  for (let start = SEED_ARTICLES.length; start < n; start += 500) {
    await db.transaction(async (tx) => {
      for (let i = start; i < Math.min(n, start + 500); i++) {
        const s = SEED_ARTICLES[i % SEED_ARTICLES.length];
        const county = COUNTIES[i % COUNTIES.length];
        const row = {
          id: randomUUID(),
          title: `${county}${YEARS[i % YEARS.length]}${s.title}（第${i}号）`,
          body: `${s.body}\n\n${county}：${EXTRA[i % EXTRA.length]}`,
          categoryCode: s.category,
          departmentId: departments[s.department],
          keywords: s.keywords.slice(0, 3 + (i % 4)),
          policyRef: s.policyRef,
          effectiveFrom: s.from,
          effectiveTo: i % 7 === 0 ? "2024-12-31" : s.to,
          public: i % 5 !== 0,
          status: (i % 11 === 0 ? "draft" : i % 13 === 0 ? "retired" : "published") as "draft" | "published" | "retired",
          version: 1,
          createdBy: null,
          createdAt: now,
          updatedAt: now,
        };
        await insertArticle(tx, row, vectorOf(row));
      }
    });
  }
}

/** Runs the knowledge scenario on one engine and prints its table. */
export async function knowledgeBench(engine: Engine, o: BenchOptions): Promise<void> {
  console.log(`\n=== knowledge on ${engineName(engine)}`);
  const target = await createTarget(engine, "knowledge");
  try {
    const opened = await openTarget(target, { seed: true });
    let ids: string[];
    try {
      const t0 = performance.now();
      await loadDataset(opened.raw, engine, CASES, () => undefined);
      const departments = Object.fromEntries((await opened.raw.query<{ code: string; id: string }>("select code, id from departments")).map((d) => [d.code, d.id]));
      await loadArticles(opened.database.db as any, departments, ARTICLES);
      await opened.raw.exec("analyze knowledge_articles; analyze cases;");
      const [count] = await opened.raw.query<{ n: number }>("select count(*)::int as n from knowledge_articles");
      console.log(`  loaded ${count.n.toLocaleString("en-US")} articles and ${CASES.toLocaleString("en-US")} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      ids = (await opened.raw.query<{ id: string }>("select id from cases order by hashtext(id) limit 200")).map((r) => r.id);
    } finally {
      await opened.close();
    }

    const ceiling = await startChild("ceiling.ts", targetEnv(target));
    let ceilingGet: Latency;
    try {
      ceilingGet = await sampleSequential(o.samples, 20, async (i) => {
        const res = await fetch(`${ceiling.url}/cases/${ids[i % ids.length]}`);
        await res.json();
        return res.status === 200;
      });
    } finally {
      await ceiling.stop();
    }

    const app = await startApp(target, o);
    const rows: (string | number)[][] = [];
    try {
      const tokens = app.child.info.tokens as Record<string, string>;
      const call = (method: string, url: string, user: string | null, body?: unknown) =>
        fetch(app.child.url + url, { method, headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...(body ? { "content-type": "application/json" } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const scenarios: [string, (i: number) => Promise<Response>][] = [
        ["case search q=噪音 (operator)", () => call("GET", `/api/cases?q=${encodeURIComponent("噪音")}`, "operator")],
        [`suggest, ${PHRASINGS.length} caller phrasings (operator)`, (i) => call("POST", "/api/knowledge/suggest", "operator", { text: PHRASINGS[i % PHRASINGS.length] })],
        [`policy lookup q=, ${LOOKUPS.length} topics (enterprise)`, (i) => call("GET", `/api/knowledge?q=${encodeURIComponent(LOOKUPS[i % LOOKUPS.length])}`, "enterprise")],
        [`staff search q=, ${LOOKUPS.length} topics (handler.env)`, (i) => call("GET", `/api/knowledge?q=${encodeURIComponent(LOOKUPS[i % LOOKUPS.length])}`, "handler.env")],
        ["article list page (enterprise)", () => call("GET", "/api/knowledge?limit=20", "enterprise")],
      ];
      for (const [name, op] of scenarios) {
        const latency = await sampleSequential(o.samples, 20, async (i) => {
          const res = await op(i);
          await res.json();
          return res.status === 200;
        });
        console.log(`  ${name}: p50 ${fmt.ms(latency.p50)}, p95 ${fmt.ms(latency.p95)}`);
        const searchy = name.startsWith("suggest") || name.includes("lookup") || name.includes("staff search");
        rows.push([name, latency.n, fmt.ms(latency.p50), fmt.ms(latency.p95), fmt.ms(latency.p99), latency.errors, searchy ? "50 ms" : "", searchy ? (latency.p95 < 50 ? "yes" : "NO") : "", (latency.p50 / ceilingGet.p50).toFixed(1)]);
      }
    } finally {
      await app.stop();
    }
    printTable(
      `knowledge on ${engineName(engine)} — ${ARTICLES.toLocaleString("en-US")} articles, ${CASES.toLocaleString("en-US")} cases, ${o.samples} sequential requests each (after 20 warm-up); ${machineConditions()}`,
      ["request", "n", "p50", "p95", "p99", "errors", "p95 target", "met", "p50 / ceiling GET p50"],
      [["ceiling: GET /cases/:id (one PK select)", ceilingGet.n, fmt.ms(ceilingGet.p50), fmt.ms(ceilingGet.p95), fmt.ms(ceilingGet.p99), ceilingGet.errors, "", "", "1.0"], ...rows],
    );
  } finally {
    await target.drop();
  }
}
