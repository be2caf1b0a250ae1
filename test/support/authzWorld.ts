/**
 * The people, departments and enterprises of the authorization suites, and case
 * builders that drive a case into any fixture state through the HTTP API.
 */
import type { Express } from "express";
import request from "supertest";
import type { CaseAction } from "../../models/enums.ts";
import type { EnterpriseRow } from "../../models/schema/index.ts";
import { createApp } from "../../server/app.ts";
import { FakeClock } from "../../server/clock.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildDepartment, buildEnterprise, buildUser, unique } from "../factories.ts";
import { actOk, act, type Header } from "./api.ts";
import type { ActorVariant, Fixture, Origin } from "./authzContract.ts";
import { testDeps } from "./testDeps.ts";

export interface World {
  deps: AppDeps;
  app: Express;
  /** A token unique to this run, in every title: `q=<token>` finds exactly this run's cases. */
  token: string;
  dept: { lead: string; co: string; other: string };
  enterprise: { own: EnterpriseRow; other: EnterpriseRow };
  h: Record<"e1" | "e2" | "operator" | "clerk" | "lead" | "co" | "otherHandler" | "supCity" | "supLead" | "supOther" | "admin" | "int1" | "int2", Header>;
}

/** Builds the world on the shared test database; the clock stands on a working Tuesday, 10:00 +08. */
export async function buildWorld(): Promise<World> {
  const deps = await testDeps({ clock: new FakeClock(new Date("2025-10-14T02:00:00Z")) });
  const app = createApp(deps);
  const db = deps.database.db;
  const dept = { lead: (await buildDepartment(db)).id, co: (await buildDepartment(db)).id, other: (await buildDepartment(db)).id };
  const enterprise = { own: await buildEnterprise(db), other: await buildEnterprise(db) };
  const user = async (role: Parameters<typeof buildUser>[1], o: Parameters<typeof buildUser>[2] = {}) => authHeader(deps.tokens, await buildUser(db, role, o));
  const admin = await user("admin");
  const integration = async (): Promise<Header> => {
    const res = await request(app).post("/api/integration-clients").set(admin).send({ name: unique("省平台") });
    if (res.status !== 201) throw new Error(`integration client: ${res.status} ${res.text}`);
    return { Authorization: `Bearer ${res.body.apiKey}` };
  };
  const h: World["h"] = {
    e1: await user("enterprise", { enterpriseId: enterprise.own.id }),
    e2: await user("enterprise", { enterpriseId: enterprise.other.id }),
    operator: await user("operator"),
    clerk: await user("clerk"),
    lead: await user("handler", { departmentId: dept.lead }),
    co: await user("handler", { departmentId: dept.co }),
    otherHandler: await user("handler", { departmentId: dept.other }),
    supCity: await user("supervisor"),
    supLead: await user("supervisor", { departmentId: dept.lead }),
    supOther: await user("supervisor", { departmentId: dept.other }),
    admin,
    int1: await integration(),
    int2: await integration(),
  };
  return { deps, app, token: unique("authz").toLowerCase(), dept, enterprise, h };
}

/** The header of the person behind a matrix column (contract.ts VARIANTS, by name). */
export function headerOf(w: World, v: ActorVariant): Header {
  const byName: Record<string, Header> = {
    "enterprise (own case)": w.h.e1,
    "enterprise (another enterprise's case)": w.h.e2,
    operator: w.h.operator,
    "clerk (service-centre case)": w.h.clerk,
    "clerk (hotline case)": w.h.clerk,
    "handler of the lead department": w.h.lead,
    "handler of a co-department": w.h.co,
    "handler of another department": w.h.otherHandler,
    "city-wide supervisor": w.h.supCity,
    "supervisor of the lead department": w.h.supLead,
    "supervisor of another department": w.h.supOther,
    admin: w.h.admin,
    "integration client (own ticket)": w.h.int1,
    "integration client (another's case)": w.h.int2,
    "enterprise (the subject of the case)": w.h.e2,
    "enterprise (requester of a case merged into it)": w.h.e2,
  };
  const header = byName[v.name];
  if (!header) throw new Error(`no header for ${v.name}`);
  return header;
}

/**
 * Registers a case of an origin: main = clerk with enterprise E1's credit code; hotline = operator; provincial =
 * integration client 1; subject = a main case about enterprise E2; merged = a main case into which enterprise E2's
 * own online case was merged.
 */
export async function registerCase(w: World, origin: Origin, extra: { creator?: Header; creditCode?: string; token?: string } = {}): Promise<string> {
  const mainLike = origin === "main" || origin === "subject" || origin === "merged";
  const requester = { name: "张三", phone: "13800138000", creditCode: extra.creditCode ?? (mainLike ? w.enterprise.own.creditCode : null) };
  const creator = extra.creator ?? (mainLike ? w.h.clerk : origin === "hotline" ? w.h.operator : w.h.int1);
  const body = {
    type: mainLike ? "consultation" : "complaint",
    title: `企业开办咨询 ${extra.token ?? w.token}`,
    description: "营业执照变更需要哪些材料？",
    categoryCode: "market.license",
    requester,
    ...(origin === "provincial" ? { externalRef: unique("12345-") } : {}),
    ...(origin === "subject" ? { subject: { enterpriseName: w.enterprise.other.name, creditCode: w.enterprise.other.creditCode } } : {}),
  };
  const res = await request(w.app).post("/api/cases").set(creator).send(body);
  if (res.status !== 201) throw new Error(`intake (${origin}) failed: ${res.status} ${res.text}`);
  const id = res.body.case.id as string;
  if (origin === "merged") {
    const own = await request(w.app).post("/api/cases").set(w.h.e2).send({ ...body, title: "同一事项（企业自行提交）", requester: {} });
    if (own.status !== 201) throw new Error(`intake (E2) failed: ${own.status} ${own.text}`);
    await actOk(w.app, w.h.operator, own.body.case.id, "merge", { intoCaseId: id });
  }
  return id;
}

/** Drives a registered case into the fixture: dispatched to the lead department with a co-department, and on. */
export async function advance(w: World, id: string, fixture: Fixture, departmentId = w.dept.lead): Promise<string> {
  if (fixture === "registered") return id;
  const co = departmentId === w.dept.lead ? [w.dept.co] : [];
  await actOk(w.app, w.h.operator, id, "dispatch", { departmentId, coDepartmentIds: co });
  if (fixture === "dispatched") return id;
  const lead = departmentId === w.dept.lead ? w.h.lead : w.h.otherHandler;
  if (fixture === "return_review") {
    await actOk(w.app, lead, id, "return", { reason: "not_our_function", note: "非本单位职责" });
    return id;
  }
  if (co.length) await actOk(w.app, w.h.co, id, "sign");
  await actOk(w.app, lead, id, "sign");
  if (fixture === "in_progress") return id;
  if (fixture === "pending_extension") {
    await actOk(w.app, lead, id, "request-extension", { days: 2, reason: "需要现场核查" });
    return id;
  }
  await actOk(w.app, lead, id, "reply", { content: "已按规定办理：经现场核查问题已整改到位，承办人李工。" });
  if (fixture === "replied") return id;
  await actOk(w.app, w.h.operator, id, "callback", { reached: true, satisfaction: 5 });
  return id;
}

/** A new case of the origin in the fixture state. */
export async function buildCase(w: World, origin: Origin, fixture: Fixture): Promise<string> {
  return advance(w, await registerCase(w, origin), fixture);
}

/** A valid body for each action (api.md); dispatch goes to the lead department, merge into the given open case. */
export function bodyFor(w: World, action: CaseAction, mergeTarget: string): Record<string, unknown> {
  const bodies: Record<CaseAction, Record<string, unknown>> = {
    dispatch: { departmentId: w.dept.lead, coDepartmentIds: [w.dept.co] },
    answer: { answer: "已现场解答。" },
    sign: {},
    return: { reason: "not_our_function", note: "非本单位职责" },
    "decide-return": { approve: true },
    reply: { content: "已按规定办理：经现场核查问题已整改到位，承办人李工。" },
    "request-extension": { days: 2, reason: "需要现场核查" },
    "decide-extension": { approve: true },
    "reject-reply": { reason: "答非所问" },
    callback: { reached: true, satisfaction: 4 },
    rate: { satisfaction: 5 },
    reopen: { reason: "问题没有解决" },
    urge: { note: "请加快办理" },
    supervise: { note: "请加快办理" },
    list: { note: "挂牌督办" },
    merge: { intoCaseId: mergeTarget },
    cancel: { reason: "测试数据" },
    comment: { content: "补充说明" },
  };
  return bodies[action];
}

/** Takes an action with a valid body. */
export function tryAction(w: World, header: Header, id: string, action: CaseAction, mergeTarget: string) {
  return act(w.app, header, id, action, bodyFor(w, action, mergeTarget));
}

/**
 * Shared cases per origin and fixture, for attempts the contract refuses; a case
 * is rebuilt after anything changed it (the server allowed what it should not).
 */
export class SharedCases {
  private cache = new Map<string, Promise<string>>();
  constructor(private readonly w: World) {}
  get(origin: Origin, fixture: Fixture): Promise<string> {
    const key = `${origin}/${fixture}`;
    let id = this.cache.get(key);
    if (!id) this.cache.set(key, (id = buildCase(this.w, origin, fixture)));
    return id;
  }
  spoil(origin: Origin, fixture: Fixture): void {
    this.cache.delete(`${origin}/${fixture}`);
  }
}
