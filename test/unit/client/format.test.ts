import { expect } from "chai";
import { charCount, formatDate, formatDateTime, formatDuration, formatRate, interpolate, shanghaiDayStart } from "../../../client/src/lib/format.ts";
import { periodPreset } from "../../../client/src/lib/period.ts";

const ZH = { day: "天", hour: "小时", minute: "分钟", lessThanMinute: "不足1分钟", separator: "" };
const EN = { day: "d", hour: "h", minute: "m", lessThanMinute: "<1 min", separator: " " };
const MIN = 60000;

describe("formatting", () => {
  it("shows times in Asia/Shanghai", () => {
    expect(formatDateTime("2025-10-10T09:30:00.000Z")).to.equal("2025-10-10 17:30");
    expect(formatDateTime("2025-12-31T16:05:00.000Z")).to.equal("2026-01-01 00:05");
    expect(formatDate("2025-12-31T16:05:00.000Z")).to.equal("2026-01-01");
    expect(formatDateTime(null)).to.equal("");
    expect(formatDateTime("not a date")).to.equal("");
  });

  it("finds the UTC instant of a Shanghai midnight", () => {
    expect(shanghaiDayStart("2026-01-01")).to.equal("2025-12-31T16:00:00.000Z");
  });

  it("writes durations with at most two units in either language", () => {
    expect(formatDuration(2 * 1440 * MIN + 3 * 60 * MIN + 5 * MIN, ZH)).to.equal("2天3小时");
    expect(formatDuration(3 * 60 * MIN + 20 * MIN, EN)).to.equal("3h 20m");
    expect(formatDuration(45 * MIN, ZH)).to.equal("45分钟");
    expect(formatDuration(2 * 1440 * MIN, EN)).to.equal("2d");
    expect(formatDuration(20 * 1000, EN)).to.equal("<1 min");
    expect(formatDuration(-90 * MIN, ZH)).to.equal("1小时30分钟");
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(interpolate("剩余{t}", { t: "2天" })).to.equal("剩余2天");
    expect(interpolate("{a} and {b}", { a: 1 })).to.equal("1 and {b}");
    expect(interpolate("plain")).to.equal("plain");
  });

  it("writes rates as percentages and a dash when missing", () => {
    expect(formatRate(0.875)).to.equal("87.5%");
    expect(formatRate(1)).to.equal("100.0%");
    expect(formatRate(null)).to.equal("—");
  });

  it("counts characters as the server's limits do", () => {
    expect(charCount("夜间施工噪音扰民")).to.equal(8);
  });

  it("computes report periods in Shanghai dates", () => {
    const now = new Date("2026-02-28T20:00:00.000Z"); // 2026-03-01 04:00 in Shanghai
    expect(periodPreset("thisMonth", now)).to.deep.equal({ from: "2026-03-01", to: "2026-03-31" });
    expect(periodPreset("lastMonth", now)).to.deep.equal({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodPreset("thisQuarter", now)).to.deep.equal({ from: "2026-01-01", to: "2026-03-31" });
    expect(periodPreset("thisYear", now)).to.deep.equal({ from: "2026-01-01", to: "2026-12-31" });
  });
});
