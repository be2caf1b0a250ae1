/** Department metrics for the supervisor dashboard. */
import { get } from "./http.ts";

export interface DepartmentMetrics {
  departmentId: string;
  received: number;
  signed: number;
  signedOnTimeRate: number | null;
  replied: number;
  repliedOnTimeRate: number | null;
  callbackRate: number | null;
  satisfactionRate: number | null;
  reopenRate: number | null;
  avgSignMinutes: number | null;
  avgReplyHours: number | null;
  overdueOpen: number;
  badReviewRate?: number | null;
  returnRate?: number | null;
  repeatRate?: number | null;
}

export interface MetricsReport {
  from: string;
  to: string;
  totals: Partial<DepartmentMetrics> & Record<string, unknown>;
  departments: DepartmentMetrics[];
}

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
