import { expect } from "chai";
import { ACTIONS, CASE_TYPES, CHANNELS, PRIORITIES, RETURN_REASONS, ROLES, STATUSES } from "../../../models/enums.ts";
import { en } from "../../../client/src/i18n/en.ts";
import { zhCN } from "../../../client/src/i18n/zh-CN.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n dictionaries", () => {
  it("have exactly the same keys in Chinese and English", () => {
    const zh = Object.keys(zhCN).sort();
    const e = Object.keys(en).sort();
    expect(e.filter((k) => !zh.includes(k)), "only in en").to.deep.equal([]);
    expect(zh.filter((k) => !e.includes(k)), "only in zh-CN").to.deep.equal([]);
  });

  it("use the same placeholders in both languages", () => {
    for (const [k, v] of Object.entries(zhCN)) expect(placeholders((en as Record<string, string>)[k]), k).to.deep.equal(placeholders(v));
  });

  it("leave no string empty except the intentionally blank ones", () => {
    const blank = new Set(["unit.separator", "intake.lead.enterprise"]);
    for (const [k, v] of Object.entries(zhCN)) if (!blank.has(k)) expect(v, k).to.not.equal("");
    for (const [k, v] of Object.entries(en)) if (!blank.has(k)) expect(v, k).to.not.equal("");
  });

  it("name every enumeration value", () => {
    const dict = zhCN as Record<string, string>;
    const need = [
      ...STATUSES.map((s) => `status.${s}`),
      ...CASE_TYPES.map((s) => `type.${s}`),
      ...CHANNELS.map((s) => `channel.${s}`),
      ...PRIORITIES.map((s) => `priority.${s}`),
      ...RETURN_REASONS.map((s) => `returnReason.${s}`),
      ...ROLES.map((s) => `role.${s}`),
      ...ACTIONS.map((s) => `action.${s}`),
      ...ACTIONS.map((s) => `actionSubmit.${s}`),
      ...ACTIONS.map((s) => `event.${s}`),
      ...[1, 2, 3, 4, 5].map((s) => `satisfaction.${s}`),
      ...[1, 2, 3].map((s) => `escalation.${s}`),
    ];
    for (const k of need) expect(dict, k).to.have.property(k);
  });

  it("uses the domain's Chinese names for statuses, escalation and satisfaction", () => {
    expect(zhCN["status.registered"]).to.equal("已受理/待派单");
    expect(zhCN["status.return_review"]).to.equal("退单审核中");
    expect(zhCN["status.replied"]).to.equal("已答复/待回访");
    expect([zhCN["escalation.1"], zhCN["escalation.2"], zhCN["escalation.3"]]).to.deep.equal(["催办", "督办", "挂牌督办"]);
    expect([5, 4, 3, 2, 1].map((n) => (zhCN as Record<string, string>)[`satisfaction.${n}`])).to.deep.equal(["非常满意", "满意", "基本满意", "不满意", "非常不满意"]);
    expect(zhCN["returnReason.not_our_function"]).to.equal("非本单位职责");
  });
});
