import { expect } from "chai";
import type { CaseEventDto } from "../../../models/contracts.ts";
import { actionBody, EMPTY_VALUES } from "../../../client/src/lib/actionBodies.ts";
import { dispatchPreset, lastApprovedReturn } from "../../../client/src/lib/redispatch.ts";

let seq = 0;
function ev(action: string, data: Record<string, unknown>): CaseEventDto {
  seq += 1;
  return { id: `e${seq}`, caseId: "c1", seq, action, actorId: null, actorRole: "operator", at: "2026-03-02T01:00:00.000Z", data, public: false };
}

describe("re-dispatch after an approved return", () => {
  const dispatched = ev("dispatch", { departmentId: "env" });
  const returned = ev("return", { reason: "not_our_function", note: "属于人社局职责", suggestedDepartmentId: null, departmentId: "env" });
  const approved = ev("decide-return", { approve: true, returnedFrom: "env" });

  it("finds the return only once it was approved", () => {
    expect(lastApprovedReturn([dispatched, returned])).to.equal(null);
    expect(lastApprovedReturn([dispatched, returned, ev("decide-return", { approve: false })])).to.equal(null);
    expect(lastApprovedReturn([approved, returned, dispatched])).to.equal(returned);
  });

  it("does not preselect the department that just returned the case", () => {
    expect(dispatchPreset("env", returned)).to.equal("");
    expect(dispatchPreset("hrss", returned)).to.equal("hrss");
  });

  it("preselects the return's suggested department", () => {
    const suggested = ev("return", { reason: "not_our_function", note: "x", suggestedDepartmentId: "hrss", departmentId: "env" });
    expect(dispatchPreset("env", suggested)).to.equal("hrss");
  });

  it("preselects the category's department on a first dispatch", () => {
    expect(dispatchPreset("env", null)).to.equal("env");
    expect(dispatchPreset(null, null)).to.equal("");
  });
});

describe("the dispatch body", () => {
  it("carries the category chosen in the dialog", () => {
    const v = { ...EMPTY_VALUES, departmentId: "hrss", categoryCode: "hrss.wages" };
    expect(actionBody("dispatch", v)).to.deep.equal({ departmentId: "hrss", coDepartmentIds: [], note: undefined, categoryCode: "hrss.wages" });
    expect(actionBody("dispatch", { ...v, categoryCode: "" })).to.not.have.property("categoryCode");
  });
});
