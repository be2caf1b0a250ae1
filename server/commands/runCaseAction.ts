import type { CaseAction } from "../../models/enums.ts";
import type { CaseAssignmentRow, CaseEventRow, CaseRow } from "../../models/schema/index.ts";
import { findCaseForReader, listActiveAssignments } from "../../models/queries/cases.ts";
import { assignmentsOf } from "../presenters/case.ts";
import { denialOf, scopeOf, type Denial } from "../policies/case.ts";
import { AppError, alreadyRated, forbidden, invalidTransition, notFound } from "../errors.ts";
import { assertVersion, type CommandContext } from "./context.ts";
import { dispatchCase } from "./dispatchCase.ts";
import { signCase } from "./signCase.ts";
import { decideReturn, returnCase } from "./returnCase.ts";
import { decideExtension, requestExtension } from "./extension.ts";
import { rejectReply, replyToCase } from "./replyToCase.ts";
import { callbackCase, rateCase, reopenCase } from "./satisfaction.ts";
import { mergeCase } from "./mergeCase.ts";
import { answerCase, cancelCase, commentOnCase, escalateCase } from "./simpleActions.ts";

/** A command's result: the new row, its event, and the case's active assignments after it. */
type ActionResult = { case: CaseRow; event: CaseEventRow; assignments: CaseAssignmentRow[] };
/** Any action's command, whatever its input (a command taking a specific input is one of these). */
type Handler = (ctx: CommandContext, kase: CaseRow, input: never) => Promise<ActionResult>;

const COMMANDS = {
  dispatch: dispatchCase,
  answer: answerCase,
  sign: (ctx, kase) => signCase(ctx, kase),
  return: returnCase,
  "decide-return": decideReturn,
  "request-extension": requestExtension,
  "decide-extension": decideExtension,
  reply: replyToCase,
  "reject-reply": rejectReply,
  callback: callbackCase,
  rate: rateCase,
  reopen: reopenCase,
  merge: mergeCase,
  urge: (ctx, kase, body) => escalateCase(ctx, kase, "urge", body),
  supervise: (ctx, kase, body) => escalateCase(ctx, kase, "supervise", body),
  list: (ctx, kase, body) => escalateCase(ctx, kase, "list", body),
  cancel: cancelCase,
  comment: commentOnCase,
} satisfies Record<CaseAction, Handler>;

/** The input of an action's command (what its joi body schema produces, less `version`). */
export type ActionInput<A extends CaseAction> = Parameters<(typeof COMMANDS)[A]>[2];

/** The error of a guard's denial (api.md, Errors). */
function refusal(denial: Denial, kase: CaseRow, action: CaseAction): AppError {
  const window = (zh: string, en: string, path: string, at: Date | null) => new AppError("invalid_transition", { zh, en }, [{ path, message: at?.toISOString() ?? "none" }]);
  switch (denial) {
    case "role":
      return forbidden();
    case "status":
      return invalidTransition(kase.status, action);
    case "rated":
      return alreadyRated();
    case "window":
      return action === "return"
        ? window("已超过退单时限", "The return window has passed", "returnBy", kase.returnBy)
        : window("已超过答复期限，不能申请延期", "The reply deadline has passed", "replyBy", kase.replyBy);
    case "pending":
      return action === "decide-extension"
        ? new AppError("invalid_transition", { zh: "没有待审批的延期申请", en: "No extension request is pending" }, [{ path: "status", message: kase.status }])
        : new AppError("invalid_transition", { zh: "已有待审批的延期申请", en: "An extension request is already pending" }, [{ path: "status", message: kase.status }]);
    case "cap":
      return new AppError("invalid_transition", { zh: "延期天数已用完", en: "The extension cap is used up" }, [{ path: "extensionDaysUsed", message: String(kase.extensionDaysUsed) }]);
  }
}

/**
 * Loads the case in the actor's scope (404 if invisible), checks role (403),
 * status (409), one rating per reply (409) and version (409), then runs the action's command.
 */
export async function runCaseAction<A extends CaseAction>(ctx: CommandContext, caseId: string, action: A, body: { version?: number } & ActionInput<A>): Promise<ActionResult> {
  const kase = await findCaseForReader(ctx.tx, caseId, scopeOf(ctx.actor), { forUpdate: true });
  if (!kase) throw notFound();
  const assignments = assignmentsOf(await listActiveAssignments(ctx.tx, [kase.id]), kase.id);
  const denial = denialOf(ctx.actor, action, kase, assignments, ctx.now);
  if (denial) throw refusal(denial, kase, action);
  assertVersion(kase, body.version);
  const { version: _version, ...input } = body;
  const command = COMMANDS[action] as (ctx: CommandContext, kase: CaseRow, input: ActionInput<A>) => Promise<ActionResult>;
  return command(ctx, kase, input as ActionInput<A>);
}
