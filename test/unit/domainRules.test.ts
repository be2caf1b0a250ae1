import { expect } from "chai";
import { dispatchDeadlines, ladderDeadlines } from "../../server/rules/deadlines.ts";
import { DEFAULT_LIMITS, categoryLimits, categoryOverridesAfterPut, caseLimits, limitsProblems, mergeLimits } from "../../server/rules/limits.ts";
import { pendingSteps, type SweepView } from "../../server/rules/sweepSchedule.ts";
import { WorkCalendar, defaultCalendarData } from "../../server/rules/workCalendar.ts";
import { addWorkingTime, workingTimeBetween } from "../../server/rules/workingTime.ts";
import { shanghai as sh } from "../support/dates.ts";

const cal = new WorkCalendar(defaultCalendarData([2025, 2026]).flatMap((y) => y.days));
const HOUR = 3_600_000;

const iso = (d: Date) => d.toISOString();

/** A dispatched normal complaint as the sweep schedule sees it. */
function view(extra: Partial<SweepView> = {}): SweepView {
  return {
    status: "in_progress", priority: "normal", dispatchedAt: sh("2025-11-03 09:00"), repliedAt: null, signedAt: sh("2025-11-03 09:30"),
    signBy: sh("2025-11-03 11:00"), replyBy: sh("2025-11-10 17:30"), callbackBy: null, signState: 2, replyState: 0, callbackState: 0,
    escalation: 0, replyStartedAt: null, replyLimit: "type", limits: null, ...extra,
  };
}

describe("domain rules of issue #11 (pure)", () => {
  describe("working time", () => {
    it("counts business hours only: 1.5 h on Fri 9/26 after 16:00, none over the National Day holiday", () => {
      expect(workingTimeBetween(cal, sh("2025-09-26 16:00"), sh("2025-09-26 17:30"))).to.equal(1.5 * HOUR);
      expect(workingTimeBetween(cal, sh("2025-09-30 17:30"), sh("2025-10-09 08:30"))).to.equal(0);
      expect(workingTimeBetween(cal, sh("2025-09-26 16:00"), sh("2025-10-10 17:30"))).to.equal(39 * HOUR);
      expect(workingTimeBetween(cal, sh("2025-09-27 12:00"), sh("2025-09-26 12:00"))).to.equal(0);
    });

    it("adds business time from the next opening and is the inverse of the count", () => {
      expect(iso(addWorkingTime(cal, sh("2025-09-26 16:30"), 2 * HOUR))).to.equal(iso(sh("2025-09-28 09:30")));
      const to = addWorkingTime(cal, sh("2025-09-26 16:00"), 29.25 * HOUR);
      expect(iso(to)).to.equal(iso(sh("2025-10-09 15:15")));
      expect(workingTimeBetween(cal, sh("2025-09-26 16:00"), to)).to.equal(29.25 * HOUR);
    });
  });

  describe("limits", () => {
    it("defaults to domain.md's numbers", () => {
      expect(categoryLimits(null)).to.deep.equal({ ...DEFAULT_LIMITS, replyDays: { ...DEFAULT_LIMITS.replyDays } });
      expect(caseLimits({ limits: null }).warningShare).to.equal(0.75);
    });

    it("takes a category's signHours and replyDays as they always meant (consultation at most 2), explicit limits over them", () => {
      const l = categoryLimits({ signHours: 4, replyDays: 7, limits: null });
      expect(l.signHours).to.equal(4);
      expect(l.replyDays).to.deep.equal({ consultation: 2, help: 7, complaint: 7, report: 7, suggestion: 7, praise: 7 });
      expect(categoryLimits({ signHours: 2, replyDays: 1, limits: null }).replyDays.consultation).to.equal(1);
      const explicit = categoryLimits({ signHours: 4, replyDays: 7, limits: { replyDays: { consultation: 3 }, warningShare: 0.8 } });
      expect(explicit.replyDays).to.include({ consultation: 3, complaint: 7 });
      expect(explicit.warningShare).to.equal(0.8);
    });

    it("merges per type and leaves the base untouched", () => {
      const merged = mergeLimits(DEFAULT_LIMITS, { replyDays: { help: 9 }, callbackDays: 2 });
      expect(merged.replyDays.help).to.equal(9);
      expect(merged.callbackDays).to.equal(2);
      expect(DEFAULT_LIMITS.replyDays.help).to.equal(5);
    });

    it("drops stored signHours/replyDays overrides on a PUT without limits, and takes a PUT's limits whole", () => {
      const stored = { signHours: 3, replyDays: { help: 9 }, callbackDays: 2 };
      expect(categoryOverridesAfterPut(stored, {})).to.deep.equal({ callbackDays: 2 });
      expect(categoryOverridesAfterPut(stored, { limits: { warningShare: 0.5 } })).to.deep.equal({ warningShare: 0.5 });
      expect(categoryOverridesAfterPut(null, {})).to.deep.equal({});
    });

    it("refuses a ladder whose 挂牌督办 does not come after 督办", () => {
      expect(limitsProblems(categoryLimits(null))).to.deep.equal([]);
      expect(limitsProblems(mergeLimits(DEFAULT_LIMITS, { superviseAfterDays: 3, listAfterDays: 2 }))).to.have.length(1);
    });
  });

  describe("deadlines from limits", () => {
    it("uses every limit of the category at dispatch", () => {
      const limits = mergeLimits(DEFAULT_LIMITS, { urgentSignHours: 2, urgentReplyDays: 2, criticalSignMinutes: 15, criticalReplyHours: 48, returnWindowDays: 3 });
      const at = sh("2025-11-03 09:00");
      const urgent = dispatchDeadlines(cal, at, { type: "complaint", priority: "urgent" }, limits);
      expect(urgent).to.deep.include({ replyLimit: "urgent" });
      expect(iso(urgent.signBy)).to.equal(iso(sh("2025-11-03 11:00")));
      expect(iso(urgent.replyBy)).to.equal(iso(sh("2025-11-05 17:30")));
      expect(iso(urgent.returnBy)).to.equal(iso(sh("2025-11-06 17:30")));
      const critical = dispatchDeadlines(cal, at, { type: "complaint", priority: "critical" }, limits);
      expect(iso(critical.signBy)).to.equal(iso(sh("2025-11-03 09:15")));
      expect(iso(critical.replyBy)).to.equal(iso(sh("2025-11-05 09:00")));
      const reopened = dispatchDeadlines(cal, at, { type: "complaint", priority: "critical" }, limits, { reopened: true });
      expect(reopened.replyLimit).to.equal("reopened");
      expect(iso(reopened.replyBy)).to.equal(iso(sh("2025-11-06 17:30")));
    });

    it("puts the ladder by the working days rule on replyBy: 10-10 17:30 ⇒ 10-11 17:30 and 10-16 17:30", () => {
      const l = ladderDeadlines(cal, sh("2025-10-10 17:30"), DEFAULT_LIMITS);
      expect(iso(l.supervise)).to.equal(iso(sh("2025-10-11 17:30")));
      expect(iso(l.list)).to.equal(iso(sh("2025-10-16 17:30")));
    });
  });

  describe("sweep schedule", () => {
    const at = (c: SweepView, kind: string, state?: string) => pendingSteps(c, cal).find((s) => s.kind === kind && (!("state" in s) || s.state === state))?.at;

    it("warns a reopened reply clock at its share of the time since the reopen", () => {
      const c = view({ replyStartedAt: sh("2025-11-20 10:00"), replyBy: sh("2025-11-25 17:30"), replyLimit: "reopened" });
      // 6 h on 11/20, 7.5 h on 11/21, 11/24 and 11/25 = 28.5 h; 75 % = 21 h 22.5 min ⇒ 11/25 08:52:30.
      expect(iso(at(c, "reply", "warning")!)).to.equal(iso(sh("2025-11-25 08:52:30")));
    });

    it("reads the warning share and the ladder steps from the case's snapshot", () => {
      const c = view({ limits: { warningShare: 0.5, superviseAfterDays: 2, listAfterDays: 3 } });
      // 44.5 business hours; half of them: 22.25 h ⇒ 7 h on 11/03, 7.5 h on 11/04 and 11/05, then 0.25 h on 11/06.
      expect(iso(at(c, "reply", "warning")!)).to.equal(iso(sh("2025-11-06 08:45")));
      const levels = pendingSteps(c, cal).filter((s) => s.kind === "escalation").map((s) => iso(s.at));
      expect(levels).to.deep.equal([iso(sh("2025-11-10 17:30")), iso(sh("2025-11-12 17:30")), iso(sh("2025-11-13 17:30"))]);
    });

    it("measures a critical clock in calendar time", () => {
      const c = view({ priority: "critical", replyLimit: "critical", replyBy: sh("2025-11-04 09:00") });
      expect(iso(at(c, "reply", "warning")!)).to.equal(iso(sh("2025-11-04 03:00")));
    });
  });
});
