import { expect } from "chai";
import type { Express } from "express";
import { XMLParser } from "fast-xml-parser";
import request from "supertest";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { signPayload } from "../../server/integrations/signature.ts";
import { authHeader, buildDepartment, buildUser, unique } from "../factories.ts";
import { actOk, createCase, type Header } from "../support/api.ts";
import { testDeps } from "../support/testDeps.ts";

const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ["service", "request", "error", "format", "endpoint"].includes(name) });
/** The request fields of GeoReport v2 "GET Service Requests", in the specification's order. */
const REQUEST_FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"];

describe("Open311 GeoReport v2", () => {
  let deps: AppDeps;
  let app: Express;
  let admin: Header, operator: Header, handler: Header;
  let deptId: string;
  let apiKey: string;
  const form = (extra: Record<string, string> = {}) => ({
    api_key: apiKey,
    jurisdiction_id: "quzhou.gov.cn",
    service_code: "env.noise",
    lat: "28.97",
    long: "118.87",
    address_string: "柯城区荷花街道 1 号",
    email: "smit333@example.com",
    device_id: "tt222111",
    account_id: "123456",
    first_name: "三",
    last_name: "张",
    phone: "13800138000",
    description: `工地夜间施工噪音扰民 ${unique()}`,
    media_url: "http://example.com/photo.jpg",
    "attribute[WHISPAWN]": "123456",
    ...extra,
  });
  const post = (body: Record<string, string>, format = "json") => request(app).post(`/open311/v2/requests.${format}`).type("form").send(body);

  before(async function () {
    this.timeout(120_000);
    deps = await testDeps();
    app = createApp(deps);
    const db = deps.database.db;
    deptId = (await buildDepartment(db)).id;
    admin = await authHeader(deps.tokens, await buildUser(db, "admin"));
    operator = await authHeader(deps.tokens, await buildUser(db, "operator"));
    handler = await authHeader(deps.tokens, await buildUser(db, "handler", { departmentId: deptId }));
    apiKey = (await request(app).post("/api/integration-clients").set(admin).send({ name: `Open311 应用${unique()}` }).expect(201)).body.apiKey;
  });

  it("serves the discovery document in JSON and XML", async () => {
    const json = await request(app).get("/open311/v2/discovery.json").expect(200);
    expect(json.headers["content-type"]).to.equal("application/json; charset=utf-8");
    expect(json.body.endpoints[0]).to.include({ specification: "http://wiki.open311.org/GeoReport_v2", type: "production" });
    expect(json.body.endpoints[0].formats).to.deep.equal(["text/xml", "application/json"]);
    const x = await request(app).get("/open311/v2/discovery.xml").expect(200);
    expect(x.headers["content-type"]).to.equal("text/xml; charset=utf-8");
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.equal(true);
    expect(xml.parse(x.text).discovery.endpoints.endpoint[0].formats.format).to.deep.equal(["text/xml", "application/json"]);
  });

  it("lists the categories as services and defines one (JSON and XML)", async () => {
    const json = (await request(app).get("/open311/v2/services.json").expect(200)).body;
    const noise = json.find((s: { service_code: string }) => s.service_code === "env.noise");
    expect(noise).to.have.keys("service_code", "service_name", "description", "metadata", "type", "keywords", "group");
    expect(noise).to.include({ metadata: false, type: "realtime" });
    const x = xml.parse((await request(app).get("/open311/v2/services.xml").expect(200)).text);
    expect(x.services.service.map((s: { service_code: string }) => s.service_code)).to.include("env.noise");
    const def = (await request(app).get("/open311/v2/services/env.noise.json").expect(200)).body;
    expect(def).to.deep.equal({ service_code: "env.noise", attributes: [] });
    const defXml = xml.parse((await request(app).get("/open311/v2/services/env.noise.xml").expect(200)).text);
    expect(defXml.service_definition.service_code).to.equal("env.noise");
  });

  it("answers errors in the specification's format: 404 unknown service, 404 unknown resource or format", async () => {
    const json = await request(app).get("/open311/v2/services/nope.json").expect(404);
    expect(json.body).to.deep.equal([{ code: 404, description: "service_code nope not found" }]);
    const x = await request(app).get("/open311/v2/services/nope.xml").expect(404);
    expect(xml.parse(x.text).errors.error[0]).to.deep.equal({ code: "404", description: "service_code nope not found" });
    await request(app).get("/open311/v2/services.csv").expect(404);
    await request(app).get("/open311/v2/nothing.json").expect(404);
  });

  it("creates a request through the intake command (POST form with api_key), idempotent on a retry", async () => {
    const body = form();
    const res = await post(body).expect(201);
    expect(res.body).to.have.length(1);
    expect(res.body[0]).to.have.keys("service_request_id", "service_notice", "account_id");
    const id = res.body[0].service_request_id as string;
    expect((await post(body).expect(200)).body[0].service_request_id).to.equal(id);
    // Another client posting the very same form gets its own request, never the first client's.
    const other = (await request(app).post("/api/integration-clients").set(admin).send({ name: `另一应用${unique()}` }).expect(201)).body.apiKey;
    expect((await post({ ...body, api_key: other }).expect(201)).body[0].service_request_id).not.to.equal(id);
    const list = (await request(app).get(`/api/cases?q=${encodeURIComponent(id)}`).set(operator).expect(200)).body.items;
    expect(list).to.have.length(1);
    expect(list[0]).to.deep.include({ channel: "provincial_12345", categoryCode: "env.noise", type: "help" });
    expect(list[0].requester).to.include({ name: "张三", phone: "13800138000" });
    expect(list[0].location).to.contain("柯城区荷花街道");
    const x = await post(form(), "xml").expect(201);
    expect(xml.parse(x.text).service_requests.request[0].service_request_id).to.match(/^QZ\d{14}$/);
  });

  it("refuses a missing or invalid api_key (403), a missing service_code or location (400), an unknown service (404) and bad fields (400)", async () => {
    expect((await post(form({ api_key: "" })).expect(403)).body[0]).to.deep.include({ code: 403 });
    await post(form({ api_key: "owk_wrong" })).expect(403);
    expect((await post(form({ service_code: "" })).expect(400)).body[0].description).to.contain("service_code");
    await post(form({ lat: "", long: "", address_string: "" })).expect(400);
    await post(form({ service_code: "nope" })).expect(404);
    const badPhone = await post(form({ phone: "12345" })).expect(400);
    expect(badPhone.body[0].description).to.contain("requester.phone");
    await post(form({ lat: "123" })).expect(400);
  });

  it("requires a signature from a client that must sign (HMAC over the raw form body)", async () => {
    const c = (await request(app).post("/api/integration-clients").set(admin).send({ name: `签名${unique()}` }).expect(201)).body;
    await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ requireSignature: true }).expect(200);
    const raw = new URLSearchParams(form({ api_key: c.apiKey })).toString();
    const plain = await request(app).post("/open311/v2/requests.json").type("form").send(raw).expect(401);
    expect(plain.body[0].code).to.equal(401);
    const ts = Math.floor(Date.now() / 1000);
    await request(app).post("/open311/v2/requests.json").type("form").set({ "X-OneWindow-Timestamp": String(ts), "X-OneWindow-Signature": signPayload(c.signingSecret, ts, raw) }).send(raw).expect(201);
  });

  it("shows a request without personal data: status, agency, expected datetime and the public reply", async () => {
    const created = (await post(form({ description: "路灯不亮，夜间行人不便" })).expect(201)).body[0].service_request_id as string;
    const kase = (await request(app).get(`/api/cases?q=${created}`).set(operator)).body.items[0];
    await actOk(app, operator, kase.id, "dispatch", { departmentId: deptId });
    await actOk(app, handler, kase.id, "sign");
    await actOk(app, handler, kase.id, "reply", { content: "已安排维修，今晚恢复照明。，经现场核查问题已整改到位，承办人李工。" });
    await actOk(app, operator, kase.id, "callback", { reached: true, satisfaction: 5 });
    const [r] = (await request(app).get(`/open311/v2/requests/${created}.json`).expect(200)).body;
    expect(Object.keys(r)).to.deep.equal(REQUEST_FIELDS);
    expect(r).to.include({ service_request_id: created, status: "closed", status_notes: "已安排维修，今晚恢复照明。，经现场核查问题已整改到位，承办人李工。", service_code: "env.noise" });
    expect(r.agency_responsible).to.match(/^测试部门/);
    for (const k of ["requested_datetime", "updated_datetime", "expected_datetime"]) expect(r[k], k).to.match(W3);
    const text = JSON.stringify(r);
    expect(text).not.to.contain("13800138000").and.not.to.contain("张三").and.not.to.contain("smit333");
    const x = xml.parse((await request(app).get(`/open311/v2/requests/${created}.xml`).expect(200)).text).service_requests.request[0];
    expect(Object.keys(x)).to.deep.equal(REQUEST_FIELDS);
    expect(x.status).to.equal("closed");
    await request(app).get("/open311/v2/requests/QZ000.json").expect(404);
  });

  it("lists requests by id, status and date range (at most 90 days), never confidential ones", async () => {
    const a = (await post(form()).expect(201)).body[0].service_request_id;
    const b = (await post(form()).expect(201)).body[0].service_request_id;
    const confidential = await createCase(app, operator, { type: "report", title: "举报某企业偷排" });
    const byId = (await request(app).get(`/open311/v2/requests.json?service_request_id=${a},${b},${confidential.number}`).expect(200)).body;
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id).sort()).to.deep.equal([a, b].sort());
    const open = (await request(app).get("/open311/v2/requests.json?status=open&service_code=env.noise").expect(200)).body;
    expect(open.every((r: { status: string }) => r.status === "open")).to.equal(true);
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).to.include(a);
    const x = xml.parse((await request(app).get("/open311/v2/requests.xml?status=closed").expect(200)).text);
    expect((x.service_requests.request ?? []).every((r: { status: string }) => r.status === "closed")).to.equal(true);
    const tooLong = await request(app).get("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z").expect(400);
    expect(tooLong.body[0].code).to.equal(400);
    await request(app).get("/open311/v2/requests.json?status=pending").expect(400);
    const old = (await request(app).get("/open311/v2/requests.json?start_date=2001-01-01T00:00:00Z&end_date=2001-02-01T00:00:00Z").expect(200)).body;
    expect(old).to.deep.equal([]);
    const token = (await request(app).get(`/open311/v2/tokens/${a}.json`).expect(200)).body;
    expect(token).to.deep.equal([{ service_request_id: a, token: a }]);
  });
});
