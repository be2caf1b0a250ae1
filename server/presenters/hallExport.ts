/** The service centre's figures in the metrics export: the XLSX sheet 服务大厅, or CSV with section=hall. */
import type ExcelJS from "exceljs";
import type { ServiceStatsDto } from "../../models/contracts.ts";
import { shanghaiDate } from "../rules/workCalendar.ts";
import { csvField } from "./metrics.ts";

type Figures = Omit<ServiceStatsDto, "serviceCode" | "name">;

const COLUMNS: readonly { key: keyof Figures; header: string; minutes?: true }[] = [
  { key: "issued", header: "取号量" },
  { key: "called", header: "叫号量" },
  { key: "served", header: "办结量" },
  { key: "missed", header: "过号量" },
  { key: "cancelled", header: "取消量" },
  { key: "avgWaitMinutes", header: "平均等候时长(分钟)", minutes: true },
  { key: "avgServiceMinutes", header: "平均办理时长(分钟)", minutes: true },
];
const HEADERS = ["业务", "业务编码", ...COLUMNS.map((c) => c.header)];

/** Rows: one per line, then the totals. */
function rowsOf(stats: { services: ServiceStatsDto[]; totals: Figures }): { name: string; code: string; figures: Figures; total: boolean }[] {
  return [...stats.services.map((s) => ({ name: s.name, code: s.serviceCode, figures: s as Figures, total: false })), { name: "合计", code: "", figures: stats.totals, total: true }];
}

/** The hall's figures as CSV (BOM, CRLF, Chinese headers), like the department export. */
export function hallCsv(stats: { services: ServiceStatsDto[]; totals: Figures }): string {
  const lines = [HEADERS, ...rowsOf(stats).map((r) => [r.name, r.code, ...COLUMNS.map((c) => (r.figures[c.key] === null ? "" : String(r.figures[c.key])))])];
  return "\uFEFF" + lines.map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Appends the sheet 服务大厅 to a metrics workbook. */
export function addHallSheet(workbook: ExcelJS.Workbook, stats: { services: ServiceStatsDto[]; totals: Figures }): void {
  const sheet = workbook.addWorksheet("服务大厅", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: HEADERS[0], key: "name", width: 22 },
    { header: HEADERS[1], key: "code", width: 14 },
    ...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, c.header.length * 2 + 2), style: { numFmt: c.minutes ? "0.0" : "0" } })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rowsOf(stats)) {
    const row = sheet.addRow({ name: r.name, code: r.code, ...r.figures });
    if (r.total) row.font = { bold: true };
  }
}

/** The hall CSV's file name: onewindow-hall-<from>-<to>.csv, Asia/Shanghai dates (to exclusive). */
export function hallFilename(period: { from: Date; to: Date }): string {
  return `onewindow-hall-${shanghaiDate(period.from)}-${shanghaiDate(period.to)}.csv`;
}
