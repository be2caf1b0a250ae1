import { expect } from "chai";
import request from "supertest";
import type { CaseDto } from "../../models/contracts.ts";
import { ACTIONS, type CaseAction } from "../../models/enums.ts";
import { unique } from "../factories.ts";
import type { Header } from "../support/api.ts";
import { expectedActions, FIXTURES, VARIANTS } from "../support/authzContract.ts";
import { advance, buildCase, buildWorld, headerOf, registerCase, SharedCases, tryAction, type World } from "../support/authzWorld.ts";

type Person = keyof World["h"];
type Marker = "mainRegistered" | "mainDispatched" | "hotlineOther" | "provincialOwn" | "provincialOther" | "aboutE2" | "mergedFromE2";

/**
 * Who sees which case (api.md Reading: "only the cases this user may see"; a
 * department supervisor sees only own department's cases; integration clients only
 * what they created): written out by hand, per person.
 */
const SEES: Record<Person, readonly Marker[]> = {
  e1: ["mainRegistered", "mainDispatched", "aboutE2", "mergedFromE2"],
  // Never a case only because it is about E2; a case into which E2's own case was merged, yes.
  e2: ["hotlineOther", "mergedFromE2"],
  operator: ["mainRegistered", "mainDispatched", "hotlineOther", "provincialOwn", "provincialOther", "aboutE2", "mergedFromE2"],
  clerk: ["mainRegistered", "mainDispatched", "aboutE2", "mergedFromE2"],
  lead: ["mainDispatched"],
  co: ["mainDispatched"],
  otherHandler: ["hotlineOther"],
  supCity: ["mainRegistered", "mainDispatched", "hotlineOther", "provincialOwn", "provincialOther", "aboutE2", "mergedFromE2"],
  supLead: ["mainDispatched"],
  supOther: ["hotlineOther"],
  admin: ["mainRegistered", "mainDispatched", "hotlineOther", "provincialOwn", "provincialOther", "aboutE2", "mergedFromE2"],
  int1: ["provincialOwn"],
  int2: ["provincialOther"],
};

/** Every page of the list for this query. */
async function listAll(w: World, header: Header, query: Record<string, string> = {}, maxPages = 50): Promise<CaseDto[]> {
  const items: CaseDto[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const res: request.Response = await request(w.app).get("/api/cases").query({ ...query, limit: "100", ...(cursor ? { cursor } : {}) }).set(header);
    expect(res.status, res.text).to.equal(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

describe("authorization of reads: each role sees exactly its scope; `actions` is what the server allows", () => {
  let w: World;
  let markers: Record<Marker, string>;
  const markerToken = unique("scope").toLowerCase();

  before(async function () {
    this.timeout(60_000);
    w = await buildWorld();
    const t = { token: markerToken };
    markers = {
      mainRegistered: await registerCase(w, "main", t),
      mainDispatched: await advance(w, await registerCase(w, "main", t), "dispatched"),
      hotlineOther: await advance(w, await registerCase(w, "hotline", { ...t, creditCode: w.enterprise.other.creditCode }), "dispatched", w.dept.other),
      provincialOwn: await registerCase(w, "provincial", t),
      provincialOther: await registerCase(w, "provincial", { ...t, creator: w.h.int2 }),
      aboutE2: await registerCase(w, "subject", t),
      mergedFromE2: await registerCase(w, "merged", t),
    };
  });

  it("GET /api/cases/:id answers 200 in scope and 404 not_found outside it (never 403)", async () => {
    const wrong: string[] = [];
    for (const person of Object.keys(SEES) as Person[]) {
      for (const [marker, id] of Object.entries(markers) as [Marker, string][]) {
        const res = await request(w.app).get(`/api/cases/${id}`).set(w.h[person]);
        const expected = SEES[person].includes(marker) ? 200 : 404;
        if (res.status !== expected || (expected === 404 && res.body.error?.code !== "not_found")) wrong.push(`${person} GET ${marker}: expected ${expected}, got ${res.status} ${res.text.slice(0, 120)}`);
        if (expected === 200 && res.body.case?.id !== id) wrong.push(`${person} GET ${marker}: wrong body`);
      }
    }
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
  });

  it("GET /api/cases lists exactly the cases of the role's scope", async () => {
    const wrong: string[] = [];
    for (const person of Object.keys(SEES) as Person[]) {
      const got = (await listAll(w, w.h[person], { q: markerToken })).map((c) => c.id).sort();
      // A requester's text search matches only the cases it raised itself (it must not probe who raised the others).
      const found = person === "e2" ? SEES[person].filter((m) => m !== "mergedFromE2") : SEES[person];
      const expected = found.map((m) => markers[m]).sort();
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        const name = (id: string) => (Object.entries(markers).find(([, v]) => v === id)?.[0] ?? id);
        wrong.push(`${person}: expected [${expected.map(name).join(", ")}], got [${got.map(name).join(", ")}]`);
      }
    }
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
  });

  it("an enterprise's unfiltered list holds only its own enterprise's cases and those its own were merged into", async () => {
    for (const [person, enterpriseId] of [["e1", w.enterprise.own.id], ["e2", w.enterprise.other.id]] as const) {
      const items = await listAll(w, w.h[person]);
      expect(items.length, person).to.be.greaterThan(0);
      for (const c of items) {
        if (person === "e2" && c.id === markers.mergedFromE2) expect(c.enterpriseId, "a followed case's requester is not shown").to.equal(null);
        else expect(c.enterpriseId, `${person} sees ${c.number}`).to.equal(enterpriseId);
      }
      if (person === "e2") expect(items.map((c) => c.id)).to.include(markers.mergedFromE2).and.not.include(markers.aboutE2);
    }
  });

  it("a handler's or department supervisor's unfiltered list holds only its department's cases; another department's never holds them", async () => {
    for (const person of ["lead", "co", "supLead", "otherHandler", "supOther"] as const) {
      const dept = person === "co" ? w.dept.co : person === "lead" || person === "supLead" ? w.dept.lead : w.dept.other;
      const items = await listAll(w, w.h[person]);
      expect(items.length, person).to.be.greaterThan(0);
      for (const c of items) expect(c.departmentId === dept || c.coDepartmentIds.includes(dept), `${person} sees ${c.number} of ${c.departmentId}`).to.equal(true);
      if (person === "otherHandler" || person === "supOther") expect(items.map((c) => c.id)).to.not.include(markers.mainDispatched);
    }
  });

  it("a clerk's list holds only service-centre cases and an integration client's only its own tickets", async () => {
    const clerk = await listAll(w, w.h.clerk, {}, 3);
    for (const c of clerk) expect(c.channel, c.number).to.equal("service_centre");
    for (const [person, own, foreign] of [["int1", markers.provincialOwn, markers.provincialOther], ["int2", markers.provincialOther, markers.provincialOwn]] as const) {
      const ids = (await listAll(w, w.h[person])).map((c) => c.id);
      expect(ids).to.include(own);
      expect(ids).to.not.include(foreign);
      expect(ids).to.not.include(markers.mainRegistered);
    }
  });

  it("every path that carries a case gives each reader only cases it may read, in the same projection as the case page", async function () {
    this.timeout(120_000);
    const wrong: string[] = [];
    for (const person of Object.keys(SEES) as Person[]) {
      const header = w.h[person];
      const carried: { path: string; c: Pick<CaseDto, "id" | "requester"> }[] = [];
      for (const c of await listAll(w, header, { q: markerToken })) carried.push({ path: "list ?q", c });
      for (const c of (await listAll(w, header, { phone: "13800138000" }, 2)).slice(0, 30)) carried.push({ path: "list ?phone", c });
      for (const marker of SEES[person]) {
        const id = markers[marker];
        const page = await request(w.app).get(`/api/cases/${id}`).set(header);
        for (const m of page.body.mergedCases ?? []) carried.push({ path: `mergedCases of ${marker}`, c: m });
        const dup = await request(w.app).get(`/api/cases/${id}/duplicates`).set(header);
        for (const d of dup.body ?? []) carried.push({ path: `duplicates of ${marker}`, c: d.case });
      }
      for (const { path, c } of carried) {
        const own = await request(w.app).get(`/api/cases/${c.id}`).set(header);
        // A survivor lists every merged requester: staff who handle the survivor see them (masked as for any case of
        // theirs); a requester following it sees nobody else.
        const nobody = c.requester.name === null && c.requester.phone === null && c.requester.enterpriseName === null && c.requester.creditCode === null;
        const requesterSide = person === "e1" || person === "e2" || person === "int1" || person === "int2";
        if (own.status === 404 && path.startsWith("mergedCases") && (requesterSide ? nobody : true)) continue;
        if (own.status !== 200) wrong.push(`${person} got ${c.id} through ${path} but GET answers ${own.status}`);
        else if (JSON.stringify(own.body.case.requester) !== JSON.stringify(c.requester)) {
          wrong.push(`${person} sees another requester through ${path}: ${JSON.stringify(c.requester)} vs ${JSON.stringify(own.body.case.requester)}`);
        }
      }
    }
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
  });

  describe("the `actions` of each case DTO", () => {
    let shared: SharedCases;
    let mergeTarget: string;

    before(async function () {
      this.timeout(60_000);
      shared = new SharedCases(w);
      mergeTarget = await buildCase(w, "main", "in_progress");
    });

    it("match the contract for every role and state", async function () {
      this.timeout(60_000);
      const wrong: string[] = [];
      for (const fixture of FIXTURES) {
        for (const v of VARIANTS) {
          const id = await shared.get(v.origin, fixture);
          const res = await request(w.app).get(`/api/cases/${id}`).set(headerOf(w, v));
          if (!v.sees(fixture)) {
            if (res.status !== 404) wrong.push(`${v.name} GET <${v.origin} ${fixture}>: expected 404, got ${res.status}`);
            continue;
          }
          if (res.status !== 200) {
            wrong.push(`${v.name} GET <${v.origin} ${fixture}>: expected 200, got ${res.status}`);
            continue;
          }
          const actual = [...(res.body.case.actions as CaseAction[])].sort();
          const expected = expectedActions(v, fixture, ACTIONS).sort();
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            const missing = expected.filter((a) => !actual.includes(a));
            const extra = actual.filter((a) => !expected.includes(a));
            wrong.push(`${v.name} on <${v.origin} ${fixture}>: missing [${missing.join(", ")}] extra [${extra.join(", ")}]`);
          }
        }
      }
      expect(wrong, `DTO actions disagree with api.md/domain.md:\n${wrong.join("\n")}`).to.deep.equal([]);
    });

    it("every listed action succeeds on a fresh case and a rotating sample of the unlisted ones is refused", async function () {
      this.timeout(120_000);
      const wrong: string[] = [];
      for (const [vi, v] of VARIANTS.entries()) {
        for (const [fi, fixture] of FIXTURES.entries()) {
          if (!v.sees(fixture)) continue;
          const read = await request(w.app).get(`/api/cases/${await shared.get(v.origin, fixture)}`).set(headerOf(w, v));
          const actions: CaseAction[] = read.body.case?.actions ?? [];
          // Five unlisted actions per role and state, rotating so that every action is tried somewhere.
          const unlisted = ACTIONS.filter((a) => !actions.includes(a));
          const sample = Array.from({ length: Math.min(5, unlisted.length) }, (_, j) => unlisted[(vi * FIXTURES.length + fi + j * 3) % unlisted.length]);
          for (const action of [...actions, ...new Set(sample)]) {
            const allowed = actions.includes(action);
            const id = allowed ? await buildCase(w, v.origin, fixture) : await shared.get(v.origin, fixture);
            const res = await tryAction(w, headerOf(w, v), id, action, mergeTarget);
            if (!allowed && res.status < 300) shared.spoil(v.origin, fixture);
            if (allowed ? res.status !== 200 : res.status < 400 || res.status >= 500) {
              wrong.push(`${v.name} ${action} on <${v.origin} ${fixture}> (${allowed ? "listed" : "not listed"}): got ${res.status} ${res.text.slice(0, 160)}`);
            }
          }
        }
      }
      expect(wrong, wrong.join("\n")).to.deep.equal([]);
    });
  });
});
