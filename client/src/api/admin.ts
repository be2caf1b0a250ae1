/** Administration: users, departments, categories, calendar, enterprises. */
import type { CaseLimitsInput, CategoryDto, DepartmentDto, EnterpriseDto, UserDto } from "../../../models/contracts.ts";
import type { DepartmentLevel, Role } from "../../../models/enums.ts";
import type { CalendarYear } from "./reference.ts";
import { get, patch, post, put } from "./http.ts";

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departmentId?: string | null;
  enterpriseId?: string | null;
}

export type UserPatch = Partial<{ displayName: string; role: Role; departmentId: string | null; enterpriseId: string | null; active: boolean; password: string }>;

export const listUsers = () => get<UserDto[]>("/users");
export const createUser = (u: NewUser) => post<{ user: UserDto }>("/users", u);
export const updateUser = (id: string, p: UserPatch) => patch<{ user: UserDto }>(`/users/${encodeURIComponent(id)}`, p);

export const createDepartment = (d: { code: string; name: string; level: DepartmentLevel; parentId?: string | null }) =>
  post<{ department: DepartmentDto }>("/departments", d);
export const updateDepartment = (id: string, p: Partial<{ name: string; level: DepartmentLevel; parentId: string | null; active: boolean }>) =>
  patch<{ department: DepartmentDto }>(`/departments/${encodeURIComponent(id)}`, p);

export const saveCategory = (code: string, c: { name: string; departmentId: string | null; signHours: number; replyDays: number; limits?: CaseLimitsInput }) =>
  put<{ category: CategoryDto }>(`/categories/${encodeURIComponent(code)}`, c);

export interface CalendarUpload {
  year: number;
  source: string;
  days: { date: string; working: boolean; name?: string | null }[];
}
export const loadCalendarYear = (body: CalendarUpload) => put<CalendarYear>("/calendar/days", body);

export const createEnterprise = (e: { name: string; creditCode: string }) => post<{ enterprise: EnterpriseDto }>("/enterprises", e);
