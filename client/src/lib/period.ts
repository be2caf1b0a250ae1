/** Reporting periods in Asia/Shanghai dates ("YYYY-MM-DD", inclusive). */

export type PeriodPreset = "thisMonth" | "lastMonth" | "thisQuarter" | "thisYear";

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

function ymd(y: number, m: number, d: number): string {
  const dt = new Date(Date.UTC(y, m, d));
  return dt.toISOString().slice(0, 10);
}

/** The first and last day of a preset period around `now`. */
export function periodPreset(p: PeriodPreset, now: Date): { from: string; to: string } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  switch (p) {
    case "thisMonth":
      return { from: ymd(y, m, 1), to: ymd(y, m + 1, 0) };
    case "lastMonth":
      return { from: ymd(y, m - 1, 1), to: ymd(y, m, 0) };
    case "thisQuarter": {
      const q = Math.floor(m / 3) * 3;
      return { from: ymd(y, q, 1), to: ymd(y, q + 3, 0) };
    }
    case "thisYear":
      return { from: ymd(y, 0, 1), to: ymd(y, 12, 0) };
  }
}
