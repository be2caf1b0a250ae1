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

/** Actions whose effect is the same every time: a request waiting for someone, or a step handed on. */
const FIXED: Partial<Record<CaseAction, MessageKey>> = {
  return: "outcome.return",
  "request-extension": "outcome.requestExtension",
  reply: "outcome.reply",
  "reject-reply": "outcome.rejectReply",
  sign: "outcome.sign",
  answer: "outcome.answer",
  urge: "outcome.urge",
  supervise: "outcome.supervise",
  list: "outcome.list",
  cancel: "outcome.cancel",
  comment: "outcome.comment",
};

/** The specific outcome of an action, or null when "<action> done" says it all. */
function actionOutcome(action: CaseAction, r: { case: CaseDto; event: CaseEventDto }): Outcome | null {
  const { case: c, event: e } = r;
  const fixed = FIXED[action];
  if (fixed) return { key: fixed };
  switch (action) {
    case "callback":
      return callbackOutcome(c, e);
    case "decide-return":
      return { key: e.data.approve === true ? "outcome.returnApproved" : "outcome.returnRejected" };
    case "decide-extension":
      return { key: e.data.approve === true ? "outcome.extensionApproved" : "outcome.extensionRejected" };
    case "rate":
      return { key: e.data.reopened === true ? "outcome.rateReopened" : "outcome.rate" };
    case "reopen":
      return { key: c.status === "registered" ? "outcome.reopenToQueue" : "outcome.reopen" };
    case "merge":
      return { key: "outcome.merge", vars: { number: typeof e.data.intoNumber === "string" ? e.data.intoNumber : "" } };
    default:
      return null;
  }
}

/** The success message for an action, saying what happened rather than just "done". */
export function outcomeText(t: TFunction, action: CaseAction, r: { case: CaseDto; event: CaseEventDto }): string {
  const o = actionOutcome(action, r);
  return o ? t(o.key, o.vars) : t("case.actionDone", { action: t(`action.${action}`) });
}
