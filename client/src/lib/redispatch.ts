/** Re-dispatch after an approved return: which return to show and which department to preselect. */
import type { CaseEventDto } from "../../../models/contracts.ts";

/** The latest return request of the timeline (why the department sent the case back). */
export function lastReturn(timeline: CaseEventDto[]): CaseEventDto | undefined {
  return [...timeline].sort((a, b) => b.seq - a.seq).find((e) => e.action === "return");
}

/** The latest return, when a later decide-return approved it: the case is back for dispatch because of it. */
export function lastApprovedReturn(timeline: CaseEventDto[]): CaseEventDto | null {
  const ret = lastReturn(timeline);
  if (!ret) return null;
  const approved = timeline.some((e) => e.action === "decide-return" && e.seq > ret.seq && e.data.approve === true);
  return approved ? ret : null;
}

const str = (x: unknown): string | null => (typeof x === "string" && x ? x : null);

/**
 * The lead department to preselect at dispatch: the return's suggestion when it made one, otherwise the
 * category's owner unless that is the department that just returned the case (then nothing: the operator chooses).
 */
export function dispatchPreset(categoryDepartmentId: string | null, returned: CaseEventDto | null): string {
  if (!returned) return categoryDepartmentId ?? "";
  const suggested = str(returned.data.suggestedDepartmentId);
  if (suggested) return suggested;
  return categoryDepartmentId && categoryDepartmentId !== str(returned.data.departmentId) ? categoryDepartmentId : "";
}
