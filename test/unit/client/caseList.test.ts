import { expect } from "chai";
import { applyCase, filterToQuery, isNewer, matchesFilter, mergeCases } from "../../../client/src/lib/caseList.ts";
import { buildCase } from "./support.ts";

describe("live case lists", () => {
  it("writes filters as the API's query string", () => {
    expect(filterToQuery({ statuses: ["dispatched", "in_progress"], sort: "deadline" }, { limit: 50 })).to.equal("status=dispatched%2Cin_progress&sort=deadline&limit=50");
    expect(filterToQuery({ overdue: true, q: " 噪音 " })).to.equal(`overdue=true&q=${encodeURIComponent("噪音")}`);
    expect(filterToQuery({ escalated: false })).to.equal("");
    expect(filterToQuery({ status: "in_progress", pendingExtension: true })).to.equal("status=in_progress&pendingExtension=true");
    expect(filterToQuery({ pendingExtension: false })).to.equal("pendingExtension=false");
  });

  it("matches pushed cases against the list's filter", () => {
    const c = buildCase({ status: "registered" });
    expect(matchesFilter(c, { status: "registered" })).to.equal(true);
    expect(matchesFilter(c, { statuses: ["dispatched"] })).to.equal(false);
    expect(matchesFilter(buildCase({ escalation: 2, status: "in_progress" }), { escalated: true })).to.equal(true);
    expect(matchesFilter(buildCase({ escalation: 2, status: "closed" }), { escalated: true })).to.equal(false);
    const asking = buildCase({ status: "in_progress", pendingExtension: { days: 2, reason: "复核" } });
    expect(matchesFilter(asking, { status: "in_progress", pendingExtension: true })).to.equal(true);
    expect(matchesFilter(asking, { pendingExtension: false })).to.equal(false);
    expect(matchesFilter(buildCase({ status: "in_progress", pendingExtension: null }), { pendingExtension: true })).to.equal(false);
  });

  it("inserts a case that now fits, replaces a newer copy and drops one that left", () => {
    const a = buildCase({ id: "a", status: "registered", version: 1 });
    let list = applyCase([], a, { status: "registered" });
    expect(list.map((x) => x.id)).to.deep.equal(["a"]);
    list = applyCase(list, { ...a, title: "new", version: 2 }, { status: "registered" });
    expect(list[0].title).to.equal("new");
    const stale = applyCase(list, { ...a, title: "old", version: 1 }, { status: "registered" });
    expect(stale).to.equal(list);
    list = applyCase(list, { ...a, status: "dispatched", version: 3 }, { status: "registered" });
    expect(list).to.deep.equal([]);
  });

  it("does not insert into a free-text search it cannot judge", () => {
    const a = buildCase({ id: "a" });
    expect(applyCase([], a, { q: "噪音" })).to.deep.equal([]);
  });

  it("keeps the newest copy when merging pages", () => {
    const a1 = buildCase({ id: "a", version: 1 });
    const a2 = buildCase({ id: "a", version: 2 });
    expect(mergeCases([a1], [a2])[0].version).to.equal(2);
    expect(isNewer(a1, a2)).to.equal(false);
  });
});
