import { expect } from "chai";
import type { CaseEventDto } from "../../../models/contracts.ts";
import type { CaseAction } from "../../../models/enums.ts";
import { outcomeText } from "../../../client/src/lib/actionOutcome.ts";
import type { TFunction } from "../../../client/src/i18n/index.tsx";
import { zhCN } from "../../../client/src/i18n/zh-CN.ts";
import { interpolate } from "../../../client/src/lib/format.ts";
import { buildCase } from "./support.ts";

const t: TFunction = (key, vars) => interpolate(zhCN[key], vars);

function event(action: string, data: Record<string, unknown>): CaseEventDto {
  return { id: "e1", caseId: "c1", seq: 5, action, actorId: null, actorRole: "operator", at: "2026-03-02T01:00:00.000Z", data, public: false };
}

/** The message shown after `action` when the server answered with this case and event data. */
const said = (action: CaseAction, data: Record<string, unknown>, over: Parameters<typeof buildCase>[0] = {}) => outcomeText(t, action, { case: buildCase(over), event: event(action, data) });

describe("the message after a case action", () => {
  it("reports a callback that did not reach the requester by its count, and the third as closing", () => {
    expect(said("callback", { reached: false, attempt: 1, notReachable: false }, { status: "replied", callbackAttempts: 1 })).to.equal("已记录第 1 次未联系上");
    expect(said("callback", { reached: false, attempt: 2, notReachable: false }, { status: "replied", callbackAttempts: 2 })).to.equal("已记录第 2 次未联系上");
    expect(said("callback", { reached: false, attempt: 3, notReachable: true }, { status: "closed", callbackAttempts: 3 })).to.equal("三次未联系上，已办结");
  });

  it("reports a reached callback as closed or reopened", () => {
    expect(said("callback", { reached: true, satisfaction: 5, reopened: false }, { status: "closed" })).to.equal("回访已记录，案件已办结");
    expect(said("callback", { reached: true, satisfaction: 1, reopened: true }, { status: "in_progress" })).to.equal("回访不满意，已退回承办单位重办");
  });

  it("never says a callback was completed", () => {
    expect(said("callback", { reached: false, attempt: 1 }, { status: "replied" })).to.not.include("完成");
  });

  it("says a request waits for someone instead of calling it done", () => {
    expect(said("request-extension", { days: 3, reason: "x" }, { status: "in_progress" })).to.equal("已提交延期申请，等待审批");
    expect(said("return", { reason: "not_our_function" }, { status: "return_review" })).to.equal("已提交退单申请，等待审核");
    expect(said("reply", { content: "x" }, { status: "replied" })).to.equal("答复已提交，等待回访");
  });

  it("says which way a decision went", () => {
    expect(said("decide-return", { approve: true }, { status: "registered" })).to.equal("已同意退单，案件待重新派单");
    expect(said("decide-return", { approve: false }, { status: "in_progress" })).to.equal("已驳回退单，案件仍由原单位办理");
    expect(said("decide-extension", { approve: true })).to.equal("已批准延期，答复时限已顺延");
    expect(said("decide-extension", { approve: false })).to.equal("已驳回延期申请，时限不变");
  });

  it("says where a reopened or merged case went", () => {
    expect(said("rate", { satisfaction: 1, reopened: true }, { status: "in_progress" })).to.equal("评价已提交，案件已退回承办单位重办");
    expect(said("reopen", { reason: "x" }, { status: "in_progress" })).to.equal("已申请重办，案件已退回承办单位");
    expect(said("reopen", { reason: "x" }, { status: "registered" })).to.equal("已申请重办，案件待重新派单");
    expect(said("merge", { intoCaseId: "c2", intoNumber: "QZ20260302000002" })).to.equal("已并入案件 QZ20260302000002");
  });

  it("keeps '<action>已完成' only for actions that complete", () => {
    expect(said("dispatch", { departmentId: "d1" })).to.equal("派单已完成");
    const requests: CaseAction[] = ["request-extension", "return", "reply", "reopen", "reject-reply"];
    for (const a of requests) expect(said(a, {}), a).to.not.include("已完成");
  });
});
