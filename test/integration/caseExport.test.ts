import { expect } from "chai";
import ExcelJS from "exceljs";
import type { Express } from "express";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildDepartment, buildUser } from "../factories.ts";
import { actOk, createCase, type Header } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";

/** Collects a binary response body. */
function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  stream.on("end", () => cb(null, Buffer.concat(chunks)));
}

/** Parses the export's CSV (RFC 4180) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += ch;
  }
  return rows;
}

describe("case export (CSV / XLSX)", () => {
  let deps: AppDeps;
  let app: Express;
  let operator: Header, supervisor: Header, admin: Header, handler: Header, enterprise: Header;
  let deptId: string;
  const titles = ["=HYPERLINK(\"http://evil\",\"点我\")", "+86 工地夜间施工", "-减噪请求", "@SUM(A1)", "普通标题，带逗号和\"引号\""];

  before(async function () {
    this.timeout(120_000);
    deps = await testDeps();
    app = createApp(deps);
    const db = deps.database.db;
    deptId = (await buildDepartment(db)).id;
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    supervisor = await authHeader(deps.tokens, await buildUser(db, "supervisor"));
    admin = await authHeader(deps.tokens, await buildUser(db, "admin"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: deptId }));
    enterprise = await authHeader(deps.tokens, await buildUser(db, "enterprise"));
    for (const title of titles) {
      const kase = await createCase(app, operator, { title, requester: { name: "王五", phone: "13700001234", anonymous: title.startsWith("@") } });
      await actOk(app, operator, kase.id, "dispatch", { departmentId: deptId });
    }
  });

  const csv = async (header: Header, query: string) => {
    const res = await request(app).get(`/api/cases/export?${query}`).set(header).expect(200);
    expect(res.headers["content-type"]).to.match(/^text\/csv; charset=utf-8/);
    expect(res.headers["content-disposition"]).to.match(/^attachment; filename="cases-\d{8}\.csv"$/);
    expect(res.text.charCodeAt(0), "UTF-8 BOM").to.equal(0xfeff);
    return parseCsv(res.text.slice(1));
  };

  it("streams the filtered cases as CSV with a BOM, Chinese headers and neutralised formulas", async () => {
    const rows = await csv(supervisor, `departmentId=${deptId}&format=csv`);
    const [head, ...body] = rows;
    expect(head.slice(0, 4)).to.deep.equal(["编号", "渠道", "类型", "标题"]);
    expect(body).to.have.length(titles.length);
    const exported = body.map((r) => r[head.indexOf("标题")]).sort();
    const expected = titles.map((t) => (/^[=+\-@\t]/.test(t) ? `'${t}` : t)).sort();
    expect(exported).to.deep.equal(expected);
    expect(body.every((r) => r[head.indexOf("承办单位")].startsWith("测试部门"))).to.equal(true);
  });

  it("masks as for the reader: an anonymous requester's name is hidden from a supervisor", async () => {
    const [head, ...body] = await csv(supervisor, `departmentId=${deptId}`);
    const anonymous = body.find((r) => r[head.indexOf("标题")] === "'@SUM(A1)")!;
    expect(anonymous[head.indexOf("诉求人")]).to.equal("");
    const named = body.find((r) => r[head.indexOf("标题")] === "-减噪请求".replace(/^/, "'"))!;
    expect(named[head.indexOf("诉求人")]).to.equal("王五");
  });

  it("writes the same rows as XLSX", async () => {
    const res = await request(app).get(`/api/cases/export?format=xlsx&departmentId=${deptId}`).set(admin).buffer(true).parse(binary).expect(200);
    expect(res.headers["content-type"]).to.equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("cases")!;
    expect(sheet.rowCount).to.equal(titles.length + 1);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = header.indexOf("标题") + 1;
    const values: string[] = [];
    sheet.eachRow((row, n) => n > 1 && values.push(String(row.getCell(col).value)));
    expect(values.filter((v) => v.startsWith("="))).to.deep.equal([]);
    expect(values).to.include(`'=HYPERLINK("http://evil","点我")`);
  });

  it("authorises: 401 without credentials, 403 for handlers and enterprises, operators only their own channel", async () => {
    await request(app).get("/api/cases/export").expect(401);
    await request(app).get("/api/cases/export").set(handler).expect(403);
    await request(app).get("/api/cases/export").set(enterprise).expect(403);
    await request(app).get("/api/cases/export?channel=online").set(operator).expect(403);
    const [head, ...body] = await csv(operator, `departmentId=${deptId}`);
    expect(body.every((r) => r[head.indexOf("渠道")] === "12345电话")).to.equal(true);
    expect((await request(app).get("/api/cases/export?format=pdf").set(admin).expect(400)).body.error.code).to.equal("validation_failed");
  });
});
