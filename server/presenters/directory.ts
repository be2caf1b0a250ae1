import type { CategoryDto, DepartmentDto, EnterpriseDto } from "../../models/contracts.ts";
import type { DepartmentLevel } from "../../models/enums.ts";
import type { CategoryRow, DepartmentRow, EnterpriseRow } from "../../models/schema/index.ts";
import { categoryLimits } from "../rules/limits.ts";

export function presentDepartment(row: DepartmentRow): DepartmentDto {
  return { id: row.id, code: row.code, name: row.name, level: row.level as DepartmentLevel, parentId: row.parentId, active: row.active };
}

/** A category as api.md has it, with every limit in force for its cases (`limits`). */
export function presentCategory(row: CategoryRow): CategoryDto {
  return { code: row.code, name: row.name, departmentId: row.departmentId, signHours: row.signHours, replyDays: row.replyDays, limits: categoryLimits(row) };
}

export function presentEnterprise(row: EnterpriseRow): EnterpriseDto {
  return { id: row.id, name: row.name, creditCode: row.creditCode };
}
