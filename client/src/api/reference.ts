/** Reference data: departments, categories, calendar years, enterprise lookup. */
import type { CategoryDto, DepartmentDto, EnterpriseDto } from "../../../models/contracts.ts";
import { get } from "./http.ts";

export interface CalendarYear {
  year: number;
  source: string;
  days: number;
  loadedAt?: string;
}

export const listDepartments = () => get<DepartmentDto[]>("/departments");
export const listCategories = () => get<CategoryDto[]>("/categories");
export const listCalendarYears = () => get<CalendarYear[]>("/calendar/years");
export const searchEnterprises = (q: string, signal?: AbortSignal) =>
  get<EnterpriseDto[]>(`/enterprises?q=${encodeURIComponent(q)}`, { signal });
