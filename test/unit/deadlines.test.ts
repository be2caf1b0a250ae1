import { expect } from "chai";
import {
  BUSINESS_HOURS,
  MAX_EXTENSION_DAYS,
  RETURN_WINDOW_DAYS,
  addWorkingDays,
  addWorkingHours,
  callbackDeadline,
  dispatchDeadlines,
  extendDeadline,
  reopenReplyDeadline,
  warningAt,
  workingDaysBetween,
} from "../../server/rules/deadlines.ts";
import { categoryLimits } from "../../server/rules/limits.ts";
import { WorkCalendar, defaultCalendarData } from "../../server/rules/workCalendar.ts";

const cal = new WorkCalendar(defaultCalendarData([2025, 2026]).flatMap((y) => y.days));
/** A category's limits from its signHours and replyDays alone (the other limits at their defaults). */
const limitsOf = (signHours: number, replyDays: number) => categoryLimits({ signHours, replyDays, limits: null });
const DEFAULT_LIMITS = limitsOf(2, 5);

/** An instant given as Asia/Shanghai wall time, "YYYY-MM-DD HH:MM". */
function sh(wall: string): Date {
  return new Date(`${wall.replace(" ", "T")}:00+08:00`);
}

function iso(d: Date): string {
  return d.toISOString();
}

describe("deadlines", () => {
  it("exports the business hours and limits of domain.md", () => {
    expect(BUSINESS_HOURS).to.deep.equal([
      [510, 720],
      [810, 1050],
    ]);
    expect(MAX_EXTENSION_DAYS).to.equal(10);
    expect(RETURN_WINDOW_DAYS).to.equal(2);
  });

  describe("addWorkingDays()", () => {
    it("worked example: Fri 2025-09-26 16:00 +08 + 5 working days = 2025-10-10 17:30 +08", () => {
      expect(iso(addWorkingDays(cal, sh("2025-09-26 16:00"), 5))).to.equal("2025-10-10T09:30:00.000Z");
    });

    it("counts from the Shanghai date, not the UTC date", () => {
      // 2025-09-26 00:30 +08 is still 2025-09-25 in UTC.
      expect(iso(addWorkingDays(cal, sh("2025-09-26 00:30"), 1))).to.equal("2025-09-28T09:30:00.000Z");
      expect(iso(addWorkingDays(cal, sh("2025-09-25 23:59"), 1))).to.equal("2025-09-26T09:30:00.000Z");
    });

    it("starts after a holiday date and uses the Monday–Friday fallback without data", () => {
      expect(iso(addWorkingDays(cal, sh("2025-10-03 10:00"), 1))).to.equal("2025-10-09T09:30:00.000Z");
      expect(iso(addWorkingDays(cal, sh("2030-10-04 10:00"), 1))).to.equal("2030-10-07T09:30:00.000Z");
    });

    it("rejects n that is not a positive integer", () => {
      expect(() => addWorkingDays(cal, sh("2025-09-26 16:00"), 0)).to.throw(RangeError);
      expect(() => addWorkingDays(cal, sh("2025-09-26 16:00"), 1.5)).to.throw(RangeError);
      expect(() => addWorkingDays(cal, sh("2025-09-26 16:00"), -1)).to.throw(RangeError);
    });
  });

  describe("addWorkingHours()", () => {
    it("worked example: Fri 2025-09-26 16:30 +08 + 2 working hours = 2025-09-28 09:30 +08", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-26 16:30"), 2))).to.equal("2025-09-28T01:30:00.000Z");
    });

    it("starts at opening when called before 08:30", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-23 07:00"), 1))).to.equal(iso(sh("2025-09-23 09:30")));
    });

    it("starts at 13:30 when called during lunch", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-23 12:30"), 1))).to.equal(iso(sh("2025-09-23 14:30")));
      expect(iso(addWorkingHours(cal, sh("2025-09-23 12:00"), 1))).to.equal(iso(sh("2025-09-23 14:30")));
    });

    it("starts the next working morning when called after close", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-23 18:00"), 2))).to.equal(iso(sh("2025-09-24 10:30")));
      expect(iso(addWorkingHours(cal, sh("2025-09-23 17:30"), 1))).to.equal(iso(sh("2025-09-24 09:30")));
    });

    it("crosses a plain weekend", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-19 17:00"), 2))).to.equal(iso(sh("2025-09-22 10:00")));
    });

    it("starts on the next working day when called on a holiday", () => {
      expect(iso(addWorkingHours(cal, sh("2025-10-03 10:00"), 2))).to.equal("2025-10-09T02:30:00.000Z");
    });

    it("spans the National Day holiday", () => {
      // 1.5 h left on Tue 9/30, 10/1–10/8 off, the remaining 2.5 h on Thu 10/9.
      expect(iso(addWorkingHours(cal, sh("2025-09-30 16:00"), 4))).to.equal(iso(sh("2025-10-09 11:00")));
    });

    it("works on an adjusted Saturday", () => {
      expect(iso(addWorkingHours(cal, sh("2025-10-10 17:00"), 1))).to.equal(iso(sh("2025-10-11 09:00")));
    });

    it("accepts fractional hours", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-23 11:45"), 0.5))).to.equal(iso(sh("2025-09-23 13:45")));
      expect(iso(addWorkingHours(cal, sh("2025-09-23 09:00"), 0.25))).to.equal(iso(sh("2025-09-23 09:15")));
      expect(iso(addWorkingHours(cal, sh("2025-09-23 08:30"), 7.5))).to.equal(iso(sh("2025-09-23 17:30")));
    });

    it("ends at 12:00 when the hours run out exactly at noon", () => {
      expect(iso(addWorkingHours(cal, sh("2025-09-23 11:00"), 1))).to.equal(iso(sh("2025-09-23 12:00")));
      expect(iso(addWorkingHours(cal, sh("2025-09-23 12:00"), 0))).to.equal(iso(sh("2025-09-23 12:00")));
    });

    it("rejects negative or non-finite hours", () => {
      expect(() => addWorkingHours(cal, sh("2025-09-23 09:00"), -1)).to.throw(RangeError);
      expect(() => addWorkingHours(cal, sh("2025-09-23 09:00"), Number.NaN)).to.throw(RangeError);
      expect(() => addWorkingHours(cal, sh("2025-09-23 09:00"), Number.POSITIVE_INFINITY)).to.throw(RangeError);
    });
  });

  describe("dispatchDeadlines()", () => {
    const at = sh("2025-09-26 16:00");

    it("normal complaint: 2 working hours, 5 working days, return within 2 working days", () => {
      const d = dispatchDeadlines(cal, at, { type: "complaint", priority: "normal" }, DEFAULT_LIMITS);
      expect(iso(d.signBy)).to.equal(iso(sh("2025-09-28 09:00")));
      expect(iso(d.replyBy)).to.equal("2025-10-10T09:30:00.000Z");
      expect(iso(d.returnBy)).to.equal(iso(sh("2025-09-29 17:30")));
    });

    it("normal consultation: at most 2 working days", () => {
      const d = dispatchDeadlines(cal, at, { type: "consultation", priority: "normal" }, DEFAULT_LIMITS);
      expect(iso(d.replyBy)).to.equal(iso(sh("2025-09-29 17:30")));
      const shorter = dispatchDeadlines(cal, at, { type: "consultation", priority: "normal" }, limitsOf(2, 1));
      expect(iso(shorter.replyBy)).to.equal(iso(sh("2025-09-28 17:30")));
    });

    it("uses the category's limits", () => {
      const d = dispatchDeadlines(cal, at, { type: "help", priority: "normal" }, limitsOf(4, 7));
      expect(iso(d.signBy)).to.equal(iso(sh("2025-09-28 11:00")));
      // 9/28, 9/29, 9/30, 10/9, 10/10, 10/11 (adjusted Sat), 10/13.
      expect(iso(d.replyBy)).to.equal(iso(sh("2025-10-13 17:30")));
    });

    it("urgent: 1 working hour, 1 working day", () => {
      const d = dispatchDeadlines(cal, at, { type: "complaint", priority: "urgent" }, DEFAULT_LIMITS);
      expect(iso(d.signBy)).to.equal(iso(sh("2025-09-26 17:00")));
      expect(iso(d.replyBy)).to.equal(iso(sh("2025-09-28 17:30")));
      expect(iso(d.returnBy)).to.equal(iso(sh("2025-09-29 17:30")));
    });

    it("critical: 30 calendar minutes, 24 calendar hours", () => {
      const d = dispatchDeadlines(cal, at, { type: "consultation", priority: "critical" }, DEFAULT_LIMITS);
      expect(iso(d.signBy)).to.equal("2025-09-26T08:30:00.000Z");
      expect(iso(d.replyBy)).to.equal("2025-09-27T08:00:00.000Z");
      expect(iso(d.returnBy)).to.equal(iso(sh("2025-09-29 17:30")));
      const onHoliday = dispatchDeadlines(cal, sh("2025-10-01 03:00"), { type: "report", priority: "critical" }, DEFAULT_LIMITS);
      expect(iso(onHoliday.signBy)).to.equal(iso(sh("2025-10-01 03:30")));
      expect(iso(onHoliday.replyBy)).to.equal(iso(sh("2025-10-02 03:00")));
    });
  });

  describe("callback, reopen and extension deadlines", () => {
    it("callback: 1 working day after the reply", () => {
      expect(iso(callbackDeadline(cal, sh("2025-09-30 10:00")))).to.equal("2025-10-09T09:30:00.000Z");
      expect(iso(callbackDeadline(cal, sh("2025-09-23 10:00")))).to.equal(iso(sh("2025-09-24 17:30")));
    });

    it("reopen: 3 working days", () => {
      // 10/9, 10/10, 10/11 (adjusted Saturday).
      expect(iso(reopenReplyDeadline(cal, sh("2025-10-08 09:00")))).to.equal("2025-10-11T09:30:00.000Z");
    });

    it("extension: N working days after replyBy's date, at 17:30", () => {
      // 10/11 (adjusted), 10/13, 10/14.
      expect(iso(extendDeadline(cal, new Date("2025-10-10T09:30:00.000Z"), 3))).to.equal("2025-10-14T09:30:00.000Z");
      // A critical case's 24-hour deadline on Sat 9/27 16:00 moves to the end of Sun 9/28 (adjusted).
      expect(iso(extendDeadline(cal, new Date("2025-09-27T08:00:00.000Z"), 1))).to.equal("2025-09-28T09:30:00.000Z");
      // 10/11, 10/13–10/17, 10/20–10/23.
      expect(iso(extendDeadline(cal, new Date("2025-10-10T09:30:00.000Z"), MAX_EXTENSION_DAYS))).to.equal(
        iso(sh("2025-10-23 17:30")),
      );
    });
  });

  describe("warningAt()", () => {
    // Domain changed (issue #11): the span is measured in the clock's own time, not always in calendar time.
    it("is at 75 % of a calendar span for a calendar clock", () => {
      expect(iso(warningAt(cal, new Date("2025-09-23T00:00:00Z"), new Date("2025-09-23T04:00:00Z"), "calendar"))).to.equal(
        "2025-09-23T03:00:00.000Z",
      );
      // 14 days 1.5 h span × 0.75 = 10 days 13 h 7 min 30 s.
      expect(iso(warningAt(cal, sh("2025-09-26 16:00"), new Date("2025-10-10T09:30:00.000Z"), "calendar"))).to.equal("2025-10-06T21:07:30.000Z");
    });

    it("is at 75 % of the business time for a working clock (domain.md: warns during 10-09)", () => {
      // 1.5 h on 9/26 + 7.5 h on each of 9/28, 9/29, 9/30, 10/9, 10/10 = 39 h; 75 % = 29 h 15 min: 10/9 15:15.
      expect(iso(warningAt(cal, sh("2025-09-26 16:00"), new Date("2025-10-10T09:30:00.000Z"), "working"))).to.equal(iso(sh("2025-10-09 15:15")));
    });

    it("is the due time when the span is not positive", () => {
      const due = new Date("2025-09-23T00:00:00Z");
      expect(iso(warningAt(cal, new Date("2025-09-23T01:00:00Z"), due, "calendar"))).to.equal(iso(due));
      expect(iso(warningAt(cal, due, due, "working"))).to.equal(iso(due));
    });
  });

  describe("workingDaysBetween()", () => {
    it("counts working days after from's date up to and including to's date", () => {
      expect(workingDaysBetween(cal, sh("2025-09-23 10:00"), sh("2025-09-23 17:00"))).to.equal(0);
      expect(workingDaysBetween(cal, sh("2025-09-23 17:30"), sh("2025-09-24 08:00"))).to.equal(1);
      expect(workingDaysBetween(cal, sh("2025-09-24 08:00"), sh("2025-09-23 17:30"))).to.equal(0);
    });

    it("skips a weekend", () => {
      expect(workingDaysBetween(cal, sh("2025-09-19 17:30"), sh("2025-09-21 12:00"))).to.equal(0);
      expect(workingDaysBetween(cal, sh("2025-09-19 17:30"), sh("2025-09-22 09:00"))).to.equal(1);
    });

    it("skips a holiday and counts adjusted working days", () => {
      expect(workingDaysBetween(cal, sh("2025-09-30 17:30"), sh("2025-10-08 23:59"))).to.equal(0);
      expect(workingDaysBetween(cal, sh("2025-09-30 17:30"), sh("2025-10-09 08:00"))).to.equal(1);
      expect(workingDaysBetween(cal, sh("2025-09-26 16:00"), sh("2025-10-10 17:30"))).to.equal(5);
      expect(workingDaysBetween(cal, sh("2025-10-10 17:30"), sh("2025-10-17 17:30"))).to.equal(6);
    });

    it("uses Shanghai dates at the midnight boundary", () => {
      expect(workingDaysBetween(cal, new Date("2025-09-22T15:59:00Z"), new Date("2025-09-22T16:00:00Z"))).to.equal(1);
      expect(workingDaysBetween(cal, new Date("2025-09-22T01:00:00Z"), new Date("2025-09-22T15:59:00Z"))).to.equal(0);
    });
  });
});
