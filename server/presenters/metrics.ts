import ExcelJS from "exceljs";
import type { MetricsReportDto } from "../../models/contracts.ts";
import type { MetricFigures, MetricsResult } from "../../models/queries/metrics.ts";
import { shanghaiDate } from "../rules/workCalendar.ts";

export type { MetricsReportDto };

type Kind = "count" | "rate" | "minutes" | "hours";

/** The exported columns after 部门 and 部门编码, in order, with their Chinese headers. */
export const METRIC_COLUMNS: readonly { key: keyof MetricFigures; header: string; kind: Kind }[] = [
  { key: "received", header: "受理量", kind: "count" },
  { key: "signed", header: "签收量", kind: "count" },
  { key: "signedOnTimeRate", header: "签收及时率", kind: "rate" },
  { key: "replied", header: "答复量", kind: "count" },
  { key: "repliedOnTimeRate", header: "按时办结率", kind: "rate" },
  { key: "callbackRate", header: "回访率", kind: "rate" },
  { key: "satisfactionRate", header: "满意率", kind: "rate" },
  { key: "badReviewRate", header: "差评率", kind: "rate" },
  { key: "reopenRate", header: "重办率", kind: "rate" },
  { key: "returnRate", header: "退单率", kind: "rate" },
  { key: "repeatRate", header: "重复诉求率", kind: "rate" },
  { key: "avgSignMinutes", header: "平均签收时长(分钟)", kind: "minutes" },
  { key: "avgReplyHours", header: "平均答复时长(小时)", kind: "hours" },
  { key: "overdueOpen", header: "超期未办结", kind: "count" },
];

const TOTAL_LABEL = "合计";
const HEADERS = ["部门", "部门编码", ...METRIC_COLUMNS.map((c) => c.header)];

/** The JSON report of a period and its computed figures. */
export function presentMetrics(period: { from: Date; to: Date }, result: MetricsResult): MetricsReportDto {
  return { from: period.from.toISOString(), to: period.to.toISOString(), totals: result.totals, departments: result.departments };
}

/** The download's file name: onewindow-metrics-<from>-<to>.<ext>, dates in Asia/Shanghai (to exclusive). */
export function metricsFilename(period: { from: Date; to: Date }, ext: "csv" | "xlsx"): string {
  return `onewindow-metrics-${shanghaiDate(period.from)}-${shanghaiDate(period.to)}.${ext}`;
}

/** Rows of the export: one per department, then the totals. */
function rowsOf(report: MetricsReportDto): { name: string; code: string; figures: MetricFigures; total: boolean }[] {
  const departments = report.departments.map((d) => ({ name: d.name, code: d.code, figures: d as MetricFigures, total: false }));
  return [...departments, { name: TOTAL_LABEL, code: "", figures: report.totals, total: true }];
}

/** An instant as Asia/Shanghai wall time, YYYY-MM-DD HH:mm. */
function shanghaiMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** A cell as text: rates as percentages with 2 decimals, empty when null. */
function textOf(value: number | null, kind: Kind): string {
  if (value === null) return "";
  return kind === "rate" ? `${(value * 100).toFixed(2)}%` : String(value);
}

/** Quotes a CSV field when needed and defuses spreadsheet formulas (=, +, -, @ at the start of text). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The report as CSV: UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends, a Chinese header row. */
export function metricsCsv(report: MetricsReportDto): string {
  const lines = [HEADERS, ...rowsOf(report).map((r) => [r.name, r.code, ...METRIC_COLUMNS.map((c) => textOf(r.figures[c.key], c.kind))])];
  return "\uFEFF" + lines.map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}

const NUMBER_FORMAT: Record<Kind, string> = { count: "0", rate: "0.00%", minutes: "0.00", hours: "0.00" };

/** The report as an XLSX workbook (sheet 指标: header row, departments, totals), numbers kept numeric; `addSheets` appends more. */
export async function metricsXlsx(report: MetricsReportDto, addSheets?: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OneWindow 一窗通";
  const sheet = workbook.addWorksheet("指标", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: HEADERS[0], key: "name", width: 28 },
    { header: HEADERS[1], key: "code", width: 14 },
    ...METRIC_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, c.header.length * 2 + 2), style: { numFmt: NUMBER_FORMAT[c.kind] } })),
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rowsOf(report)) {
    const row = sheet.addRow({ name: r.name, code: r.code, ...Object.fromEntries(METRIC_COLUMNS.map((c) => [c.key, r.figures[c.key]])) });
    if (r.total) row.font = { bold: true };
  }
  sheet.addRow([]);
  sheet.addRow([`统计区间（北京时间，含起不含止）：${shanghaiMinute(report.from)} 至 ${shanghaiMinute(report.to)}`]);
  addSheets?.(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
