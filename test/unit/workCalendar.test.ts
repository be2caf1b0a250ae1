import { expect } from "chai";
import { WorkCalendar, defaultCalendarData, shanghaiDate, shanghaiTime } from "../../server/rules/workCalendar.ts";

const data = defaultCalendarData([2025, 2026]);
const cal = new WorkCalendar(data.flatMap((y) => y.days));

/** Every date from `from` to `to` inclusive (YYYY-MM-DD). */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    out.push(new Date(ms).toISOString().slice(0, 10));
  }
  return out;
}

describe("WorkCalendar", () => {
  describe("describe()", () => {
    it("marks an adjusted Saturday (2025-10-11) as an adjusted working day", () => {
      expect(cal.describe("2025-10-11")).to.deep.equal({
        date: "2025-10-11",
        working: true,
        reason: "adjusted_workday",
        name: "国庆节调休",
      });
    });

    it("marks 2025-10-01 as the 国庆节 holiday", () => {
      expect(cal.describe("2025-10-01")).to.deep.equal({ date: "2025-10-01", working: false, reason: "holiday", name: "国庆节" });
    });

    it("marks a holiday that falls on a Saturday (2025-10-04) as a holiday, not a weekend", () => {
      expect(cal.describe("2025-10-04")).to.deep.equal({ date: "2025-10-04", working: false, reason: "holiday", name: "国庆节" });
    });

    it("names 2025-10-06 after the Mid-Autumn Festival", () => {
      expect(cal.describe("2025-10-06")).to.include({ working: false, reason: "holiday", name: "中秋节" });
    });

    it("marks a plain Saturday as a weekend", () => {
      expect(cal.describe("2025-09-20")).to.deep.equal({ date: "2025-09-20", working: false, reason: "weekend" });
    });

    it("marks a plain Tuesday as a workday", () => {
      expect(cal.describe("2025-09-23")).to.deep.equal({ date: "2025-09-23", working: true, reason: "workday" });
    });

    it("lets a non-working override on a weekday win, without a name when none is given", () => {
      const c = new WorkCalendar([{ date: "2031-03-04", working: false, name: null }]);
      expect(c.describe("2031-03-04")).to.deep.equal({ date: "2031-03-04", working: false, reason: "holiday" });
      expect(c.isWorkingDay("2031-03-04")).to.equal(false);
    });
  });

  describe("Spring Festival", () => {
    it("2025: 1/28–2/4 off, 1/26 (Sun) and 2/8 (Sat) worked", () => {
      for (const d of range("2025-01-28", "2025-02-04")) {
        expect(cal.describe(d), d).to.include({ working: false, reason: "holiday", name: "春节" });
      }
      expect(cal.describe("2025-01-26")).to.include({ working: true, reason: "adjusted_workday", name: "春节调休" });
      expect(cal.describe("2025-02-08")).to.include({ working: true, reason: "adjusted_workday", name: "春节调休" });
      expect(cal.isWorkingDay("2025-01-27")).to.equal(true);
      expect(cal.isWorkingDay("2025-02-05")).to.equal(true);
      expect(cal.nextWorkingDay("2025-01-27")).to.equal("2025-02-05");
    });

    it("2026: 2/15–2/23 off, 2/14 (Sat) and 2/28 (Sat) worked", () => {
      for (const d of range("2026-02-15", "2026-02-23")) {
        expect(cal.describe(d), d).to.include({ working: false, reason: "holiday", name: "春节" });
      }
      expect(cal.describe("2026-02-14")).to.include({ working: true, reason: "adjusted_workday", name: "春节调休" });
      expect(cal.describe("2026-02-28")).to.include({ working: true, reason: "adjusted_workday", name: "春节调休" });
      expect(cal.isWorkingDay("2026-02-13")).to.equal(true);
      expect(cal.isWorkingDay("2026-02-24")).to.equal(true);
      expect(cal.nextWorkingDay("2026-02-13")).to.equal("2026-02-14");
      expect(cal.nextWorkingDay("2026-02-14")).to.equal("2026-02-24");
    });
  });

  describe("2026 National Day and Mid-Autumn", () => {
    // From chinese-days 1.5.7 (State Council notice for 2026): 中秋节 9/25 (Fri)–9/27 (Sun) off,
    // 国庆节 10/1 (Thu)–10/7 (Wed) off; adjusted working days 9/20 (Sun) and 10/10 (Sat).
    it("has 10/1–10/7 off as 国庆节 and 9/25–9/27 off as 中秋节", () => {
      for (const d of range("2026-10-01", "2026-10-07")) {
        expect(cal.describe(d), d).to.include({ working: false, reason: "holiday", name: "国庆节" });
      }
      for (const d of range("2026-09-25", "2026-09-27")) {
        expect(cal.describe(d), d).to.include({ working: false, reason: "holiday", name: "中秋节" });
      }
      expect(cal.isWorkingDay("2026-10-08")).to.equal(true);
      expect(cal.isWorkingDay("2026-09-24")).to.equal(true);
    });

    it("has 9/20 (Sun) and 10/10 (Sat) as adjusted working days", () => {
      expect(cal.describe("2026-09-20")).to.deep.equal({
        date: "2026-09-20",
        working: true,
        reason: "adjusted_workday",
        name: "国庆节调休",
      });
      expect(cal.describe("2026-10-10")).to.include({ working: true, reason: "adjusted_workday", name: "国庆节调休" });
      expect(cal.describe("2026-10-11")).to.include({ working: false, reason: "weekend" });
      expect(cal.nextWorkingDay("2026-09-30")).to.equal("2026-10-08");
      expect(cal.nextWorkingDay("2026-10-09")).to.equal("2026-10-10");
    });

    it("matches the whole 2026 data set", () => {
      const y2026 = data.find((y) => y.year === 2026)!;
      const off = y2026.days.filter((d) => !d.working).map((d) => d.date);
      const on = y2026.days.filter((d) => d.working).map((d) => d.date);
      expect(off).to.deep.equal([
        ...range("2026-01-01", "2026-01-03"),
        ...range("2026-02-15", "2026-02-23"),
        ...range("2026-04-04", "2026-04-06"),
        ...range("2026-05-01", "2026-05-05"),
        ...range("2026-06-19", "2026-06-21"),
        ...range("2026-09-25", "2026-09-27"),
        ...range("2026-10-01", "2026-10-07"),
      ]);
      expect(on).to.deep.equal(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
    });
  });

  describe("years without data", () => {
    it("falls back to Monday–Friday for 2030", () => {
      expect(defaultCalendarData([2030])).to.deep.equal([{ year: 2030, days: [] }]);
      expect(cal.describe("2030-10-01")).to.deep.equal({ date: "2030-10-01", working: true, reason: "workday" });
      expect(cal.describe("2030-10-05")).to.deep.equal({ date: "2030-10-05", working: false, reason: "weekend" });
      expect(cal.isWorkingDay("2030-01-01")).to.equal(true);
      expect(cal.nextWorkingDay("2030-10-04")).to.equal("2030-10-07");
    });

    it("works with no overrides at all", () => {
      const empty = new WorkCalendar([]);
      expect(empty.isWorkingDay("2025-10-01")).to.equal(true);
      expect(empty.isWorkingDay("2025-09-28")).to.equal(false);
    });
  });

  describe("nextWorkingDay()", () => {
    it("is strictly after the date and skips weekends and holidays", () => {
      expect(cal.nextWorkingDay("2025-09-23")).to.equal("2025-09-24");
      expect(cal.nextWorkingDay("2025-09-26")).to.equal("2025-09-28");
      expect(cal.nextWorkingDay("2025-09-30")).to.equal("2025-10-09");
      expect(cal.nextWorkingDay("2025-10-10")).to.equal("2025-10-11");
      expect(cal.nextWorkingDay("2025-10-11")).to.equal("2025-10-13");
      expect(cal.nextWorkingDay("2025-12-31")).to.equal("2026-01-04"); // 2026-01-04 (Sun) is 元旦调休
      expect(cal.describe("2026-01-04")).to.include({ working: true, reason: "adjusted_workday", name: "元旦调休" });
    });

    it("rejects malformed dates", () => {
      expect(() => cal.nextWorkingDay("2025-9-1")).to.throw(RangeError);
      expect(() => cal.isWorkingDay("2025-02-30")).to.throw(RangeError);
      expect(() => new WorkCalendar([{ date: "20250101", working: false }])).to.throw(RangeError);
    });
  });

  describe("shanghaiDate() and shanghaiTime()", () => {
    it("switches the date at midnight UTC+8 (16:00 UTC)", () => {
      expect(shanghaiDate(new Date("2025-09-30T15:59:59.999Z"))).to.equal("2025-09-30");
      expect(shanghaiDate(new Date("2025-09-30T16:00:00.000Z"))).to.equal("2025-10-01");
      expect(shanghaiDate(new Date("2024-12-31T15:59:59.999Z"))).to.equal("2024-12-31");
      expect(shanghaiDate(new Date("2024-12-31T16:00:00.000Z"))).to.equal("2025-01-01");
      expect(shanghaiDate(new Date("2025-10-01T00:00:00+08:00"))).to.equal("2025-10-01");
      expect(shanghaiDate(new Date("2025-10-01T23:59:59+08:00"))).to.equal("2025-10-01");
    });

    it("gives the instant of a Shanghai wall time", () => {
      expect(shanghaiTime("2025-10-10", 17, 30).toISOString()).to.equal("2025-10-10T09:30:00.000Z");
      expect(shanghaiTime("2025-01-01", 0, 0).toISOString()).to.equal("2024-12-31T16:00:00.000Z");
      expect(shanghaiTime("2025-07-01", 8, 30).toISOString()).to.equal("2025-07-01T00:30:00.000Z");
    });

    it("round-trips", () => {
      expect(shanghaiDate(shanghaiTime("2026-02-17", 0, 0))).to.equal("2026-02-17");
      expect(shanghaiDate(shanghaiTime("2026-02-17", 23, 59))).to.equal("2026-02-17");
    });
  });

  describe("defaultCalendarData()", () => {
    it("matches every 2025 date of domain.md exactly", () => {
      const y2025 = data.find((y) => y.year === 2025)!;
      expect(data.map((y) => y.year)).to.deep.equal([2025, 2026]);
      const holidays = y2025.days.filter((d) => !d.working).map((d) => d.date);
      const adjusted = y2025.days.filter((d) => d.working).map((d) => d.date);
      expect(holidays).to.deep.equal([
        "2025-01-01",
        ...range("2025-01-28", "2025-02-04"),
        ...range("2025-04-04", "2025-04-06"),
        ...range("2025-05-01", "2025-05-05"),
        ...range("2025-05-31", "2025-06-02"),
        ...range("2025-10-01", "2025-10-08"),
      ]);
      expect(adjusted).to.deep.equal(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
    });

    it("puts every adjusted working day of 2025 and 2026 on a Saturday or Sunday", () => {
      const adjusted = data.flatMap((y) => y.days).filter((d) => d.working);
      expect(adjusted).to.have.length(11);
      for (const d of adjusted) expect(cal.describe(d.date).reason, d.date).to.equal("adjusted_workday");
    });

    it("names every day, in Chinese", () => {
      const y2025 = data.find((y) => y.year === 2025)!;
      const names = new Set(y2025.days.map((d) => d.name));
      expect([...names].sort()).to.deep.equal(
        ["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节", "春节调休", "劳动节调休", "国庆节调休"].sort(),
      );
      expect(y2025.days.find((d) => d.date === "2025-04-27")).to.deep.equal({
        date: "2025-04-27",
        working: true,
        name: "劳动节调休",
      });
    });
  });
});
