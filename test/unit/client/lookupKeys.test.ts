import { expect } from "chai";
import { enterpriseWithCode } from "../../../client/src/lib/intake.ts";
import { lookupKey } from "../../../client/src/lib/lookupKeys.ts";

describe("keys in the enterprise suggestion list", () => {
  it("moves the highlight with the arrows, wrapping around", () => {
    expect(lookupKey("ArrowDown", -1, 3)).to.deep.equal({ handled: true, active: 0 });
    expect(lookupKey("ArrowDown", 2, 3).active).to.equal(0);
    expect(lookupKey("ArrowUp", 0, 3).active).to.equal(2);
    expect(lookupKey("ArrowUp", -1, 3).active).to.equal(2);
  });

  it("picks the highlighted suggestion on Enter (the first when none is) and claims the key so the form is not submitted", () => {
    expect(lookupKey("Enter", 1, 3)).to.deep.equal({ handled: true, active: 1, pick: 1 });
    expect(lookupKey("Enter", -1, 3)).to.include({ handled: true, pick: 0 });
  });

  it("closes on Escape and leaves other keys and an empty list alone", () => {
    expect(lookupKey("Escape", 1, 3)).to.include({ handled: true, close: true });
    expect(lookupKey("a", 1, 3).handled).to.equal(false);
    expect(lookupKey("Enter", -1, 0).handled).to.equal(false);
  });
});

describe("linking the enterprise of a typed credit code", () => {
  const items = [
    { id: "e1", name: "衢州示例科技有限公司", creditCode: "91350100M000100Y43" },
    { id: "e2", name: "衢州示例科技分公司", creditCode: "91350100M000100Y44" },
  ];

  it("finds only the enterprise with exactly that code, whatever the case typed", () => {
    expect(enterpriseWithCode(items, "91350100m000100y43")?.id).to.equal("e1");
    expect(enterpriseWithCode(items, "91330800MA0000000X")).to.equal(null);
    expect(enterpriseWithCode([], "91350100M000100Y43")).to.equal(null);
  });
});
