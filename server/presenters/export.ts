/** The rows of a case export (CSV / XLSX): columns, labels and spreadsheet-safe cells; pure. */
import type { CaseDto } from "../../models/contracts.ts";

const STATUS: Record<string, string> = {
  registered: "已受理/待派单",
  dispatched: "已派单/待签收",
  return_review: "退单审核中",
  in_progress: "办理中",
  replied: "已答复/待回访",
  closed: "已办结",
  merged: "已并单",
  cancelled: "已作废",
};
const TYPE: Record<string, string> = { consultation: "咨询", help: "求助", complaint: "投诉", report: "举报", suggestion: "建议", praise: "表扬" };
const CHANNEL: Record<string, string> = { hotline: "12345电话", online: "网上诉求", service_centre: "窗口", provincial_12345: "省平台下发" };

const shanghai = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
/** An instant as Beijing wall-clock time, which is what the people reading the sheet use. */
const local = (iso: string | null) => (iso ? shanghai.format(new Date(iso)) : "");

/** The export's columns: header and the cell of a case (already projected for the reader). */
export const EXPORT_COLUMNS: { header: string; cell: (c: CaseDto, departmentName: (id: string | null) => string) => string | number | null }[] = [
  { header: "编号", cell: (c) => c.number },
  { header: "渠道", cell: (c) => CHANNEL[c.channel] ?? c.channel },
  { header: "类型", cell: (c) => TYPE[c.type] ?? c.type },
  { header: "标题", cell: (c) => c.title },
  { header: "诉求内容", cell: (c) => c.description },
  { header: "分类", cell: (c) => c.categoryCode },
  { header: "紧急程度", cell: (c) => c.priority },
  { header: "状态", cell: (c) => STATUS[c.status] ?? c.status },
  { header: "诉求人", cell: (c) => c.requester.name },
  { header: "联系电话", cell: (c) => c.requester.phone },
  { header: "企业名称", cell: (c) => c.requester.enterpriseName },
  { header: "统一社会信用代码", cell: (c) => c.requester.creditCode },
  { header: "地点", cell: (c) => c.location },
  { header: "承办单位", cell: (c, dept) => dept(c.departmentId) },
  { header: "受理时间", cell: (c) => local(c.receivedAt) },
  { header: "签收时限", cell: (c) => local(c.deadlines.signBy) },
  { header: "答复时限", cell: (c) => local(c.deadlines.replyBy) },
  { header: "签收时间", cell: (c) => local(c.signedAt) },
  { header: "答复时间", cell: (c) => local(c.repliedAt) },
  { header: "办结时间", cell: (c) => local(c.closedAt) },
  { header: "超期", cell: (c) => (c.overdue.sign || c.overdue.reply ? "是" : "否") },
  { header: "督办等级", cell: (c) => c.escalation },
  { header: "满意度", cell: (c) => c.satisfaction },
  { header: "外部编号", cell: (c) => c.externalRef },
  { header: "答复内容", cell: (c) => c.reply ?? c.answer ?? null },
];

/**
 * A cell that a spreadsheet will not run: text starting with = + - @ tab or CR is prefixed with an apostrophe
 * (OWASP "CSV injection"), since requesters write the titles and descriptions.
 */
export function neutralise(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180 quoting). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The neutralised cells of one case. */
export function exportCells(c: CaseDto, departmentName: (id: string | null) => string): (string | number)[] {
  return EXPORT_COLUMNS.map((col) => neutralise(col.cell(c, departmentName)));
}
