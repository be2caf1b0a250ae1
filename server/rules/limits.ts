/**
 * The time limits of domain.md and how a category sets them. Every number is a default an admin may
 * change per category; a case takes a snapshot of its category's limits when a clock starts (dispatch,
 * reopen, reply) and every later computation reads the snapshot, so a change applies to clocks that
 * start after it.
 */
import type { CaseLimits, CaseLimitsInput } from "../../models/contracts.ts";
import { CASE_TYPES, type CaseType } from "../../models/enums.ts";
import { DEFAULT_CASE_LIMITS } from "../../models/validation.ts";

/** domain.md's limits: what a case without a category, or a category that sets nothing, gets. */
export const DEFAULT_LIMITS = DEFAULT_CASE_LIMITS;

/** The limits with `over`'s numbers put over `base`'s (per type for replyDays). */
export function mergeLimits(base: Readonly<CaseLimits>, over: CaseLimitsInput | null | undefined): CaseLimits {
  const { replyDays, ...rest } = over ?? {};
  const merged: CaseLimits = { ...base, replyDays: { ...base.replyDays } };
  for (const [k, v] of Object.entries(rest)) if (typeof v === "number") (merged as unknown as Record<string, number>)[k] = v;
  for (const t of CASE_TYPES) if (typeof replyDays?.[t] === "number") merged.replyDays[t] = replyDays[t]!;
  return merged;
}

/**
 * Reply days per type from a category's `replyDays` as api.md has always meant it: every type gets it,
 * a consultation at most the default consultation limit (2).
 */
function replyDaysFromCategory(replyDays: number): Record<CaseType, number> {
  const days = {} as Record<CaseType, number>;
  for (const t of CASE_TYPES) days[t] = t === "consultation" ? Math.min(DEFAULT_LIMITS.replyDays.consultation, replyDays) : replyDays;
  return days;
}

/** The fields of a category row the limits come from. */
export interface CategoryLimitsSource {
  signHours: number;
  replyDays: number;
  /** The limits an admin set explicitly; they win over signHours/replyDays. */
  limits: CaseLimitsInput | null;
}

/** Every limit in force for a category: the defaults, then its signHours/replyDays, then its explicit limits. */
export function categoryLimits(category: CategoryLimitsSource | undefined | null): CaseLimits {
  if (!category) return mergeLimits(DEFAULT_LIMITS, null);
  const base: CaseLimits = { ...DEFAULT_LIMITS, signHours: category.signHours, replyDays: replyDaysFromCategory(category.replyDays) };
  return mergeLimits(base, category.limits);
}

/** The limits a case's clocks run on: its snapshot, or the defaults for a case dispatched before snapshots existed. */
export function caseLimits(kase: { limits: CaseLimitsInput | null }): Readonly<CaseLimits> {
  // The sweep schedule asks for every case it looks at: no copy for the (frozen) defaults.
  return kase.limits ? mergeLimits(DEFAULT_LIMITS, kase.limits) : DEFAULT_LIMITS;
}

/**
 * The explicit limits a category keeps after PUT /api/categories/:code. With a `limits` object, that object
 * (it wins over signHours/replyDays for what it names); without one, the stored ones less signHours and
 * replyDays, so that a PUT of {name, departmentId, signHours, replyDays} means exactly what it always did.
 */
export function categoryOverridesAfterPut(stored: CaseLimitsInput | null, body: { limits?: CaseLimitsInput }): CaseLimitsInput {
  if (body.limits) return body.limits;
  const { signHours: _s, replyDays: _r, ...rest } = stored ?? {};
  return rest;
}

/** Inconsistent limits, as validation details (empty when they hold together). */
export function limitsProblems(limits: CaseLimits): { path: string; message: string }[] {
  if (limits.listAfterDays <= limits.superviseAfterDays) {
    return [{ path: "limits.listAfterDays", message: `must be more than superviseAfterDays (${limits.superviseAfterDays})` }];
  }
  return [];
}
