import type { CaseRow } from "../../models/schema/index.ts";
import { findCaseForReader } from "../../models/queries/cases.ts";
import { ownRequesterKeys } from "../../models/readerScope.ts";
import { scopeOf } from "../policies/case.ts";
import { AppError, validationFailed } from "../errors.ts";
import { isOpen } from "../rules/caseTransitions.ts";
import { changeCase, coDepartmentsOf, writeCaseEvent, type CommandContext } from "./context.ts";

/** Folds a case into another open case (并单); the survivor's timeline records the merge. */
export async function mergeCase(ctx: CommandContext, kase: CaseRow, input: { intoCaseId: string }) {
  if (input.intoCaseId === kase.id) throw validationFailed([{ path: "intoCaseId", message: "a case cannot be merged into itself" }]);
  const target = await findCaseForReader(ctx.tx, input.intoCaseId, scopeOf(ctx.actor), { forUpdate: true });
  if (!target) throw validationFailed([{ path: "intoCaseId", message: "unknown case" }]);
  if (!isOpen(target.status)) {
    throw new AppError("invalid_transition", { zh: "只能并入未办结的案件", en: "A case can only be merged into an open case" }, [{ path: "intoCaseId", message: target.status }]);
  }
  const result = await changeCase(ctx, kase, { status: "merged", mergedIntoId: target.id, closedAt: ctx.now, nextSweepAt: null }, {
    action: "merge",
    data: { intoCaseId: target.id, intoNumber: target.number },
    public: true,
  });
  // The survivor's timeline gets its own event (the version bump tells open clients it changed), and the merged
  // case's requesters (with those merged into it before) now read and follow the survivor.
  const mergedRequesters = [...new Set([...target.mergedRequesters, ...ownRequesterKeys(kase), ...kase.mergedRequesters])];
  const survivor = await writeCaseEvent(
    ctx.tx,
    target,
    { updatedAt: ctx.now, mergedRequesters },
    {
      action: "merge",
      actor: ctx.actor,
      at: ctx.now,
      data: { mergedCaseId: kase.id, mergedNumber: kase.number, requesterName: kase.anonymous ? null : kase.requesterName },
      public: false,
    },
    { bumpVersion: true },
  );
  ctx.emit({ type: "case.updated", ...survivor, coDepartmentIds: await coDepartmentsOf(ctx.tx, target.id), previousDepartmentIds: [] });
  return result;
}
