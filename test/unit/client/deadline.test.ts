import { expect } from "chai";
import { activeDeadline, caseCountdown, compareByDeadline, deadlineState, isOverdueNow, worseState } from "../../../client/src/lib/deadline.ts";
import { buildCase as kase, H, iso, T0 } from "./support.ts";

describe("deadline state (normal / warning at 75 % / overdue)", () => {
  it("is normal before 75 % of the span", () => {
    expect(deadlineState(0, 100, 0)).to.equal("normal");
    expect(deadlineState(0, 100, 74)).to.equal("normal");
  });

  it("turns to warning at exactly 75 % of the span", () => {
    expect(deadlineState(0, 100, 75)).to.equal("warning");
    expect(deadlineState(0, 100, 99)).to.equal("warning");
  });

  it("is overdue at and after the due time", () => {
    expect(deadlineState(0, 100, 100)).to.equal("overdue");
    expect(deadlineState(0, 100, 5000)).to.equal("overdue");
  });

  it("stays normal without a known start until the deadline passes", () => {
    expect(deadlineState(NaN, 100, 99)).to.equal("normal");
    expect(deadlineState(NaN, 100, 101)).to.equal("overdue");
  });

  it("never lets a pushed state be downgraded", () => {
    expect(worseState("normal", "warning")).to.equal("warning");
    expect(worseState("overdue", "warning")).to.equal("overdue");
    expect(worseState("warning", undefined)).to.equal("warning");
  });
});

describe("the running deadline of a case", () => {
  it("is the sign deadline while dispatched, counted from dispatch", () => {
    const a = activeDeadline(kase());
    expect(a?.kind).to.equal("sign");
    expect(a?.start).to.equal(iso(T0));
    expect(caseCountdown(kase(), T0 + 2 * H)?.state).to.equal("normal");
    expect(caseCountdown(kase(), T0 + 3 * H)?.state).to.equal("warning");
    const late = caseCountdown(kase(), T0 + 5 * H)!;
    expect(late.state).to.equal("overdue");
    expect(late.remainingMs).to.equal(-H);
  });

  it("is the reply deadline while in progress or under return review", () => {
    for (const status of ["in_progress", "return_review"] as const) {
      expect(activeDeadline(kase({ status }))?.kind).to.equal("reply");
    }
    expect(caseCountdown(kase({ status: "in_progress" }), T0 + 80 * H)?.state).to.equal("warning");
  });

  it("trusts the server's overdue flag", () => {
    expect(caseCountdown(kase({ status: "in_progress", overdue: { sign: false, reply: true } }), T0)?.state).to.equal("overdue");
  });

  it("counts a reopened case's reply clock from the earlier reply", () => {
    const c = kase({ status: "in_progress", reopenCount: 1, repliedAt: iso(T0 + 90 * H), deadlines: { signBy: null, replyBy: iso(T0 + 190 * H), callbackBy: null, returnBy: null } });
    expect(activeDeadline(c)?.start).to.equal(iso(T0 + 90 * H));
    expect(caseCountdown(c, T0 + 150 * H)?.state).to.equal("normal");
    expect(caseCountdown(c, T0 + 170 * H)?.state).to.equal("warning");
  });

  it("is the callback deadline once replied, and none once closed or still registered", () => {
    const replied = kase({ status: "replied", repliedAt: iso(T0 + 10 * H), deadlines: { signBy: null, replyBy: null, callbackBy: iso(T0 + 30 * H), returnBy: null } });
    expect(activeDeadline(replied)?.kind).to.equal("callback");
    expect(activeDeadline(kase({ status: "closed" }))).to.equal(null);
    expect(activeDeadline(kase({ status: "registered" }))).to.equal(null);
    expect(caseCountdown(kase({ status: "closed" }), T0)).to.equal(null);
  });

  it("orders a queue soonest deadline first, cases without one last", () => {
    const a = kase({ id: "a", deadlines: { signBy: iso(T0 + 5 * H), replyBy: null, callbackBy: null, returnBy: null } });
    const b = kase({ id: "b", deadlines: { signBy: iso(T0 + 1 * H), replyBy: null, callbackBy: null, returnBy: null } });
    const c = kase({ id: "c", status: "registered" });
    expect([c, a, b].sort(compareByDeadline).map((x) => x.id)).to.deep.equal(["b", "a", "c"]);
  });

  it("knows when a running deadline has passed (the overdue list)", () => {
    expect(isOverdueNow(kase(), T0 + 5 * H)).to.equal(true);
    expect(isOverdueNow(kase(), T0 + 3 * H)).to.equal(false);
    // Signed late but replying on time: no longer overdue.
    expect(isOverdueNow(kase({ status: "in_progress", overdue: { sign: true, reply: false } }), T0 + 5 * H)).to.equal(false);
    expect(isOverdueNow(kase({ status: "closed" }), T0 + 500 * H)).to.equal(false);
  });
});

