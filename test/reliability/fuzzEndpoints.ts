/** Generators of hostile requests, one per endpoint group of api.md. */
import fc from "fast-check";
import { ACTIONS, CASE_TYPES, CHANNELS, PRIORITIES, RETURN_REASONS, ROLES, STATUSES } from "../../models/enums.ts";
import { creditCodeCheckCharacter } from "../../models/validation.ts";
import type { FuzzRequest, FuzzWorld } from "./fuzzHarness.ts";
import { authorization, extraHeaders, mutated, nastyString, nastyValue, pathSegment, payload } from "./fuzzValues.ts";

/** Free text: mostly printable, sometimes any code point (NUL, lone surrogates, controls) or an edge case. */
const text = fc.oneof(
  { arbitrary: fc.string({ minLength: 1, maxLength: 40 }).map((s) => (s.trim() ? s : "说明")), weight: 6 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).map((s) => `说明${s}`), weight: 2 },
  { arbitrary: fc.constantFrom("a\u0000b", "噪音\ud800", "\udfff", "<script>alert(1)</script>", "'; drop table cases; --", "\u202e反转"), weight: 1 },
);
/** Instants and dates at the edges of what JavaScript and PostgreSQL can hold. */
const edgeInstant = fc.constantFrom("0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "-271821-04-20T00:00:00.000Z", "-000001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+010000-01-01T00:00:00Z", "1900-01-01T00:00:00Z");
const edgeDate = fc.constantFrom("0000-01-01", "0001-01-01", "9999-12-31", "1000-01-01", "2025-02-29", "2024-02-29", "1582-10-10");
const alnum = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."abcdefghijkmnpqrstuvwxyz0123456789"), minLength: min, maxLength: max });
const phone = fc.constantFrom("13800138000", "0570-8123456", "057012345678", "19912345678");
const isoTime = fc.oneof(
  { arbitrary: fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()), weight: 3 },
  { arbitrary: edgeInstant, weight: 1 },
);
/** A valid unified social credit code (GB 32100-2015), drawn by fast-check so a seed replays it. */
const creditCode = fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHJKLMNPQRTUWXY"), minLength: 9, maxLength: 9 }).map((s) => `91330800${s}` + creditCodeCheckCharacter(`91330800${s}`));
const either = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid as fc.Arbitrary<unknown>, weight: 4 }, { arbitrary: nastyValue, weight: 1 });

function headers(w: FuzzWorld, who: readonly (keyof FuzzWorld["auth"])[]) {
  return fc.tuple(authorization(who.map((k) => w.auth[k])), extraHeaders).map(([authz, extra]) => ({ ...extra, Authorization: authz }));
}

/** A query string from key → value arbitraries, mostly encoded, sometimes raw or repeated. */
function queryString(params: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const pair = fc.oneof(
    ...Object.entries(params).map(([k, v]) => fc.tuple(fc.constant(k), v)),
    fc.tuple(fc.oneof(nastyString, fc.constantFrom("__proto__", "constructor[prototype]", "a[b]", "status[]")), nastyValue),
  );
  const enc = (x: unknown) => encodeURIComponent(String(typeof x === "object" ? JSON.stringify(x) : x).replace(/[\ud800-\udfff]/g, "\ufffd"));
  return fc.tuple(fc.array(pair, { maxLength: 6 }), fc.nat(4), fc.constantFrom("", "%", "&&", "%E0%A4%A", "q=%zz", "limit=%00")).map(([pairs, raw, junk]) =>
    [...pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`), ...(raw === 0 ? [junk] : [])].filter(Boolean).join("&").slice(0, 6000),
  );
}

/** POST /api/cases from every kind of sender. */
export function intakeRequests(w: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const requester = fc.record(
    { name: text, phone, enterpriseName: text, creditCode: creditCode, anonymous: fc.boolean(), confidential: fc.boolean() },
    { requiredKeys: [] },
  );
  const valid = fc.record({
    channel: fc.constantFrom(...CHANNELS),
    type: fc.constantFrom(...CASE_TYPES),
    title: text,
    description: text,
    categoryCode: fc.constantFrom("env.noise", "market.license", null),
    priority: fc.constantFrom(...PRIORITIES),
    requester: mutated(requester, ["name", "phone", "enterpriseName", "creditCode", "anonymous", "confidential"], 1, 3),
    location: text,
    externalRef: alnum(6, 20),
  });
  const fields = ["channel", "type", "title", "description", "categoryCode", "priority", "requester", "location", "externalRef"];
  return fc.tuple(payload(mutated(valid, fields, 2)), headers(w, ["operator", "clerk", "enterprise", "integration", "handler", "admin"])).map(([body, h]) => ({
    label: "intake", method: "POST", path: "/api/cases", headers: h, body,
  }));
}

/** A valid body of each action, to mutate. */
function actionBody(w: FuzzWorld, action: string): fc.Arbitrary<Record<string, unknown>> {
  const note = { note: text };
  const bodies: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    dispatch: fc.record({ departmentId: fc.constantFrom(...w.departmentIds), coDepartmentIds: fc.subarray(w.departmentIds.slice(1)), note: text }, { requiredKeys: ["departmentId"] }),
    answer: fc.record({ answer: text, disposal: fc.constantFrom("informed_statutory_channel", "explained") }, { requiredKeys: ["answer"] }),
    sign: fc.constant({}),
    return: fc.record({ reason: fc.constantFrom(...RETURN_REASONS), note: text, suggestedDepartmentId: fc.constantFrom(...w.departmentIds) }, { requiredKeys: ["reason", "note"] }),
    "decide-return": fc.record({ approve: fc.boolean(), note: text }, { requiredKeys: ["approve"] }),
    "decide-extension": fc.record({ approve: fc.boolean(), note: text }, { requiredKeys: ["approve"] }),
    reply: fc.record({ content: text, public: fc.boolean() }, { requiredKeys: ["content"] }),
    "request-extension": fc.record({ days: fc.integer({ min: 1, max: 10 }), reason: text }),
    "reject-reply": fc.record({ reason: text }),
    callback: fc.record({ reached: fc.boolean(), satisfaction: fc.integer({ min: 1, max: 5 }), comment: text }, { requiredKeys: ["reached"] }),
    rate: fc.record({ satisfaction: fc.integer({ min: 1, max: 5 }), comment: text }, { requiredKeys: ["satisfaction"] }),
    reopen: fc.record({ reason: text }),
    urge: fc.record(note), supervise: fc.record(note), list: fc.record(note),
    merge: fc.record({ intoCaseId: fc.oneof(fc.constantFrom(...w.caseIds), nastyString) }),
    cancel: fc.record({ reason: text }),
    comment: fc.record({ content: text, internal: fc.boolean() }, { requiredKeys: ["content"] }),
  };
  return fc.tuple(Object.hasOwn(bodies, action) ? bodies[action] : fc.constant({}), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined })).map(([b, version]) => (version ? { ...b, version } : b));
}

/** POST /api/cases/:id/actions/:action with real and junk ids, every action and junk ones. */
export function actionRequests(w: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const action = fc.oneof({ arbitrary: fc.constantFrom(...ACTIONS), weight: 8 }, { arbitrary: pathSegment, weight: 1 });
  const id = fc.oneof({ arbitrary: fc.constantFrom(...w.caseIds), weight: 6 }, { arbitrary: pathSegment, weight: 1 });
  const chaos = fc
    .tuple(id, action)
    .chain(([caseId, a]) =>
      fc.tuple(fc.constant(caseId), fc.constant(a), payload(mutated(actionBody(w, a), ["version", "note", "content", "reason", "departmentId", "approve"], 2, 2)), headers(w, ["operator", "clerk", "enterprise", "handler", "supervisor", "deptSupervisor", "admin", "integration"])),
    )
    .map(([caseId, a, body, h]): FuzzRequest => ({ label: "action", method: "POST", path: `/api/cases/${caseId}/actions/${a}`, headers: h, body }));
  // Well-formed attempts a city-wide supervisor may make on any pool case: they reach the commands and the database.
  const wellFormed = fc
    .tuple(fc.constantFrom(...w.caseIds), fc.constantFrom("comment", "comment", "urge", "supervise", "list", "reopen", "reject-reply"))
    .chain(([caseId, a]) => fc.tuple(fc.constant(caseId), fc.constant(a), actionBody(w, a)))
    .map(([caseId, a, { version: _stale, ...body }]): FuzzRequest => ({ label: "action", method: "POST", path: `/api/cases/${caseId}/actions/${a}`, headers: { Authorization: w.auth.supervisor }, body: { kind: "json", value: body } }));
  return fc.oneof({ arbitrary: chaos, weight: 2 }, { arbitrary: wellFormed, weight: 1 });
}

/** GET /api/cases with every filter, cursors and junk; GET /api/cases/:id and its duplicates. */
export function readRequests(w: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const cursorOf = (k: unknown, id: unknown) => Buffer.from(JSON.stringify({ k, id })).toString("base64url");
  const cursor = fc.oneof(
    fc.tuple(fc.oneof(isoTime, nastyString, fc.constantFrom(null, "1", "2025", "March 7", "Tue", "infinity", "1e10")), fc.oneof(fc.constantFrom(...w.caseIds), nastyString)).map(([k, id]) => cursorOf(k, id)),
    nastyString,
  );
  const params = {
    status: either(fc.oneof(fc.constantFrom(...STATUSES), fc.subarray([...STATUSES]).map((s) => s.join(",")))),
    type: either(fc.constantFrom(...CASE_TYPES)),
    channel: either(fc.constantFrom(...CHANNELS)),
    departmentId: either(fc.constantFrom(...w.departmentIds)),
    enterpriseId: either(fc.constantFrom(...w.enterpriseIds)),
    overdue: either(fc.boolean()),
    escalated: either(fc.boolean()),
    q: either(fc.constantFrom("噪音", "施工", "QZ2025", "a & b", "'", "!", ":*", "(x|y)")),
    updatedSince: either(isoTime),
    sort: either(fc.constantFrom("received", "deadline", "updated")),
    cursor,
    limit: either(fc.integer({ min: 1, max: 100 })),
  };
  const who = headers(w, ["operator", "clerk", "enterprise", "handler", "supervisor", "deptSupervisor", "admin", "integration"]);
  const id = fc.oneof({ arbitrary: fc.constantFrom(...w.caseIds), weight: 3 }, { arbitrary: pathSegment, weight: 2 });
  return fc.oneof(
    { arbitrary: fc.tuple(queryString(params), who).map(([query, h]): FuzzRequest => ({ label: "list", method: "GET", path: "/api/cases", query, headers: h })), weight: 5 },
    { arbitrary: fc.tuple(id, fc.constantFrom("", "/duplicates"), who).map(([i, tail, h]): FuzzRequest => ({ label: "read", method: "GET", path: `/api/cases/${i}${tail}`, headers: h })), weight: 2 },
  );
}

/** Sign-in, sign-out, who-am-I and token exchange. */
export function authRequests(w: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const login = mutated(fc.record({ username: fc.oneof(alnum(3, 12), fc.constantFrom("operator", "admin")), password: alnum(1, 20) }), ["username", "password"], 2);
  const who = headers(w, ["operator", "enterprise", "admin", "integration"]);
  return fc.oneof(
    { arbitrary: fc.tuple(payload(login), fc.tuple(extraHeaders)).map(([body, [h]]): FuzzRequest => ({ label: "login", method: "POST", path: "/api/auth/login", headers: h, body })), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom("/api/auth/me", "/api/auth/logout", "/api/auth/token"), who, payload(nastyValue)).map(([path, h, body]): FuzzRequest => ({ label: "auth", method: path.endsWith("me") ? "GET" : "POST", path, headers: h, body })), weight: 2 },
  );
}

/** The admin endpoints, mostly as the admin. */
export function adminRequests(w: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const who = headers(w, ["admin", "admin", "admin", "operator", "supervisor", "enterprise"]);
  const dept = fc.oneof(fc.constantFrom(...w.departmentIds), fc.constant(null));
  const user = fc.record({ username: alnum(3, 16), displayName: text, password: alnum(8, 16), role: fc.constantFrom(...ROLES), departmentId: dept, enterpriseId: fc.constantFrom(...w.enterpriseIds, null) });
  const userPatch = fc.record({ displayName: text, role: fc.constantFrom(...ROLES), departmentId: dept, active: fc.boolean(), password: alnum(8, 12) }, { requiredKeys: [] });
  const department = fc.record({ code: alnum(2, 12).map((s) => `z${s}`), name: text, level: fc.constantFrom("city", "county", "township"), parentId: dept });
  const deptPatch = fc.record({ name: text, level: fc.constantFrom("city", "county", "township"), parentId: dept, active: fc.boolean() }, { requiredKeys: [] });
  const category = fc.record({ name: text, departmentId: dept, signHours: fc.integer({ min: 1, max: 72 }), replyDays: fc.integer({ min: 1, max: 60 }) });
  // Never a shipped year: the calendar of 2025 and 2026 is what the other suites compute deadlines with.
  const year = fc.oneof(fc.integer({ min: 2080, max: 2100 }), nastyValue).map((y) => ([2025, 2026].includes(Number(y)) ? 2099 : y));
  const calendar = fc.tuple(year, fc.array(fc.record({ date: fc.integer({ min: 1, max: 28 }).map((d) => `2099-03-${String(d).padStart(2, "0")}`), working: fc.boolean(), name: text }), { maxLength: 5 }), text).map(([y, days, source]) => ({ year: y, source, days }));
  const target = (pool: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 3 }, { arbitrary: pathSegment, weight: 1 });
  const code = fc.oneof(alnum(2, 10).map((s) => `fz.${s}`), pathSegment);
  const req = (label: string, method: FuzzRequest["method"], path: fc.Arbitrary<string>, body?: fc.Arbitrary<Record<string, unknown>>, fields: string[] = []) =>
    fc.tuple(path, body ? payload(mutated(body, fields, 2)) : fc.constant(undefined), who).map(([p, b, h]): FuzzRequest => ({ label, method, path: p, headers: h, body: b }));
  return fc.oneof(
    req("users.create", "POST", fc.constant("/api/users"), user, ["username", "password", "role", "departmentId", "enterpriseId"]),
    req("users.patch", "PATCH", target(w.spareUserIds).map((id) => `/api/users/${id}`), userPatch, ["role", "active", "departmentId"]),
    req("departments.create", "POST", fc.constant("/api/departments"), department, ["code", "level", "parentId"]),
    req("departments.patch", "PATCH", target(w.spareDepartmentIds).map((id) => `/api/departments/${id}`), deptPatch, ["parentId", "active"]),
    req("categories.put", "PUT", code.map((c) => `/api/categories/${c}`), category, ["departmentId", "signHours", "replyDays"]),
    req("calendar.put", "PUT", fc.constant("/api/calendar/days"), calendar, ["year", "days", "source"]),
    req("integration.create", "POST", fc.constant("/api/integration-clients"), fc.record({ name: text }), ["name"]),
    req("enterprises.create", "POST", fc.constant("/api/enterprises"), fc.record({ name: text, creditCode: creditCode }), ["creditCode", "name"]),
    fc.tuple(fc.constantFrom("/api/users", "/api/enterprises"), queryString({ q: either(text) }), who).map(([path, query, h]): FuzzRequest => ({ label: "admin.read", method: "GET", path, query, headers: h })),
  );
}

/** Reference data and the working calendar. */
export function referenceRequests(w: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const who = headers(w, ["operator", "enterprise", "handler", "integration"]);
  const date = either(fc.oneof(fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), edgeDate));
  const deadline = queryString({
    from: either(isoTime),
    workingDays: either(fc.integer({ min: 1, max: 366 })),
    workingHours: either(fc.oneof(fc.integer({ min: 1, max: 2400 }), fc.double({ min: 0.0001, max: 2400, noNaN: true }))),
  });
  // Well-formed queries most of the time (deadline needs `from` and exactly one of the two spans), else anything.
  const wellFormedDeadline = fc
    .tuple(fc.oneof(isoTime, nastyString), fc.boolean(), fc.oneof(fc.integer({ min: 1, max: 366 }), fc.double({ min: 0.0001, max: 2400, noNaN: true })))
    .map(([from, days, n]) => `from=${encodeURIComponent(from.replace(/[\ud800-\udfff]/g, "?"))}&${days ? `workingDays=${Math.ceil(n)}` : `workingHours=${n}`}`);
  const wellFormedDay = fc.oneof(fc.date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), edgeDate).map((d) => `date=${d}`);
  return fc.oneof(
    fc.tuple(fc.oneof({ arbitrary: wellFormedDay, weight: 3 }, { arbitrary: queryString({ date }), weight: 1 }), who).map(([query, h]): FuzzRequest => ({ label: "calendar.day", method: "GET", path: "/api/calendar/working-day", query, headers: h })),
    fc.tuple(fc.oneof({ arbitrary: wellFormedDeadline, weight: 3 }, { arbitrary: deadline, weight: 1 }), who).map(([query, h]): FuzzRequest => ({ label: "calendar.deadline", method: "GET", path: "/api/calendar/deadline", query, headers: h })),
    fc.tuple(fc.constantFrom("/api/calendar/years", "/api/departments", "/api/categories", "/api/no-such", "/api/cases/"), who).map(([path, h]): FuzzRequest => ({ label: "reference", method: "GET", path, headers: h })),
  );
}
