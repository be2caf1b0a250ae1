/** What a finished case action did, in words: a request waits for someone, a callback not reached counts up. */
import type { CaseDto, CaseEventDto } from "../../../models/contracts.ts";
import type { CaseAction } from "../../../models/enums.ts";
import type { TFunction } from "../i18n/index.tsx";
import type { MessageKey } from "../i18n/zh-CN.ts";

/** A message key and its variables. */
export interface Outcome {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** The callback's outcome from the event the server wrote (`attempt`, `notReachable`, `reopened`) and the case after it. */
function callbackOutcome(c: CaseDto, e: CaseEventDto): Outcome {
  if (e.data.reached === false) {
    if (e.data.notReachable === true || c.status === "closed") return { key: "outcome.callback.notReachable" };
    return { key: "outcome.callback.notReached", vars: { n: typeof e.data.attempt === "number" ? e.data.attempt : c.callbackAttempts } };
  }
  return { key: e.data.reopened === true ? "outcome.callback.reopened" : "outcome.callback.closed" };
}

/** The specific outcome of an action, or null when "<action> done" says it all. */
function actionOutcome(action: CaseAction, r: { case: CaseDto; event: CaseEventDto }): Outcome | null {
  if (action === "callback") return callbackOutcome(r.case, r.event);
  return null;
}

/** The success message for an action, saying what happened rather than just "done". */
export function outcomeText(t: TFunction, action: CaseAction, r: { case: CaseDto; event: CaseEventDto }): string {
  const o = actionOutcome(action, r);
  return o ? t(o.key, o.vars) : t("case.actionDone", { action: t(`action.${action}`) });
}
