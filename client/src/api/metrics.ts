/** Department metrics for the supervisor dashboard. */
import type { DepartmentMetricsDto, MetricsReportDto } from "../../../models/contracts.ts";
import { get } from "./http.ts";

export type DepartmentMetrics = DepartmentMetricsDto;
export type MetricsReport = MetricsReportDto;

function periodQuery(p: { from: string; to: string; departmentId?: string }): string {
  const q = new URLSearchParams({ from: p.from, to: p.to });
  if (p.departmentId) q.set("departmentId", p.departmentId);
  return q.toString();
}

export const getMetrics = (p: { from: string; to: string; departmentId?: string }) => get<MetricsReport>(`/metrics?${periodQuery(p)}`);

/** The URL of the metrics file download (a plain link: the session cookie authenticates it). */
export function metricsExportUrl(p: { from: string; to: string; departmentId?: string }, format: "csv" | "xlsx"): string {
  return `/api/metrics/export?${periodQuery(p)}&format=${format}`;
}
