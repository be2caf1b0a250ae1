import { expect } from "chai";
import { checkReply, findIdNumbers, findMobiles, isValidIdNumber, meaningfulText } from "../../server/rules/replyCheck.ts";

describe("reply check rules", () => {
  it("validates the GB 11643 check character of an 18-digit ID number", () => {
    expect(isValidIdNumber("11010519491231002X")).to.equal(true);
    expect(isValidIdNumber("11010519491231002x")).to.equal(true);
    expect(isValidIdNumber("330802198503121234")).to.equal(true);
    expect(isValidIdNumber("330802198503121235")).to.equal(false);
    expect(isValidIdNumber("110105194912310021")).to.equal(false);
    expect(isValidIdNumber("11010519491231002")).to.equal(false);
  });

  it("finds checksum-valid ID numbers with their spans, not longer digit runs or invalid ones", () => {
    const text = "身份证330802198503121234，另一号码330802198503121235，流水号13308021985031212345。";
    expect(findIdNumbers(text)).to.deep.equal([{ value: "330802198503121234", span: [3, 21] }]);
  });

  it("finds mainland mobiles written plain, grouped or after +86, but not landlines, 12345 or parts of longer numbers", () => {
    const text = "甲13812345678，乙139-5701-2222，丙158 0570 1111，丁+86 186 0570 4567，座机0570-3012345，热线12345，编号2138123456789，号段12812345678。";
    expect(findMobiles(text).map((m) => m.digits)).to.deep.equal(["13812345678", "13957012222", "15805701111", "18605704567"]);
    const [first] = findMobiles(text);
    expect(text.slice(...first.span)).to.equal("13812345678");
    expect(findMobiles("身份证330802198503121234")).to.deep.equal([]);
  });

  it("tells the requester's own mobile from a third party's", () => {
    const matter = { type: "complaint" as const, title: "夜间施工噪音", description: "工地夜间施工噪音扰民", requesterPhone: "13905701234" };
    const codes = checkReply({ content: "已回电13905701234，施工负责人电话13812345678，工地夜间施工噪音已停止。承办人李工。", matter }).map((f) => f.code);
    expect(codes).to.deep.equal(["requester_phone", "third_party_phone"]);
  });

  it("drops stock phrases and punctuation before counting an answer's characters", () => {
    expect(meaningfulText("您好，您的来电已收悉，正在处理中，请耐心等待。")).to.equal("");
    expect(meaningfulText("已责令停工。")).to.equal("已责令停工");
  });

  it("asks a consultation for a policy basis unless an article is cited or a 文号/条款 is named", () => {
    const matter = { type: "consultation" as const, title: "稳岗补贴申领条件", description: "咨询稳岗补贴申领条件", requesterPhone: null };
    const content = "稳岗补贴申领条件为足额缴纳失业保险费且未规模裁员，承办人刘敏。";
    expect(checkReply({ content, matter }).map((f) => f.code)).to.deep.equal(["no_policy_basis"]);
    expect(checkReply({ content, matter, articleId: "a1" })).to.deep.equal([]);
    expect(checkReply({ content: `${content}依据衢人社〔2024〕15号。`, matter })).to.deep.equal([]);
    expect(checkReply({ content: `${content}依据第十七条。`, matter })).to.deep.equal([]);
  });
});
