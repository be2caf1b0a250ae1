import { expect } from "chai";
import { actionBody, checkAction, EMPTY_VALUES } from "../../../client/src/lib/actionBodies.ts";
import { parseCalendarSchedule, summarizeSchedule } from "../../../client/src/lib/calendarUpload.ts";
import { checkIntake, creditCodeMessage, EMPTY_INTAKE, intakeBody, newIdempotencyKey } from "../../../client/src/lib/intake.ts";
import { homePathOf, mayOpen } from "../../../client/src/lib/roles.ts";

describe("intake form checks", () => {
  const filled = { ...EMPTY_INTAKE, type: "complaint" as const, title: "夜间施工噪音扰民", description: "每晚十点后施工", phone: "13800138000" };

  it("accepts a complete hotline intake and builds the API body", () => {
    expect(checkIntake(filled, { phoneRequired: true, requesterFields: true })).to.deep.equal({});
    const body = intakeBody({ ...filled, creditCode: "91350100m000100y43" }, { requesterFields: true });
    expect(body.requester?.creditCode).to.equal("91350100M000100Y43");
    expect(body.categoryCode).to.equal(undefined);
  });

  it("reports errors at the API's field paths", () => {
    const e = checkIntake({ ...filled, title: "x".repeat(201), phone: "123", creditCode: "91350100M000100Y44" }, { phoneRequired: true, requesterFields: true });
    expect(e).to.deep.equal({ title: "validation.titleTooLong", "requester.phone": "validation.phone", "requester.creditCode": "validation.creditCodeCheck" });
  });

  it("stays calm while a credit code is still being typed", () => {
    expect(creditCodeMessage("913501", false)).to.equal(null);
    expect(creditCodeMessage("913501", true)).to.equal("validation.creditCodeLength");
    expect(creditCodeMessage("9135I", false)).to.equal("validation.creditCodeCharacters");
  });

  it("leaves the requester to the server for enterprises", () => {
    expect(intakeBody(filled, { requesterFields: false })).to.not.have.property("requester");
    expect(checkIntake({ ...filled, phone: "" }, { phoneRequired: false, requesterFields: false })).to.deep.equal({});
  });

  it("makes distinct idempotency keys", () => {
    expect(newIdempotencyKey()).to.match(/^[0-9a-f]{32}$/).and.not.equal(newIdempotencyKey());
  });
});

describe("case action forms", () => {
  it("requires a reason code and a note to return", () => {
    expect(checkAction("return", EMPTY_VALUES)).to.deep.equal({ reason: "validation.required", note: "validation.required" });
    expect(actionBody("return", { ...EMPTY_VALUES, reason: "not_our_function", note: " 不归我局 " })).to.deep.equal({ reason: "not_our_function", note: "不归我局", suggestedDepartmentId: undefined });
  });

  it("needs satisfaction only when the callback reached the requester", () => {
    expect(checkAction("callback", { ...EMPTY_VALUES, reached: "no" })).to.deep.equal({});
    expect(checkAction("callback", { ...EMPTY_VALUES, reached: "yes" })).to.deep.equal({ satisfaction: "validation.required" });
    expect(actionBody("callback", { ...EMPTY_VALUES, reached: "yes", satisfaction: 4 })).to.deep.equal({ reached: true, satisfaction: 4, comment: undefined });
    expect(actionBody("callback", { ...EMPTY_VALUES, reached: "no" })).to.deep.equal({ reached: false, comment: undefined });
  });

  it("limits extensions to 1–10 working days", () => {
    expect(checkAction("request-extension", { ...EMPTY_VALUES, days: "11", reason: "x" })).to.deep.equal({ days: "validation.extensionDays" });
    expect(actionBody("request-extension", { ...EMPTY_VALUES, days: "3", reason: " 需现场核查 " })).to.deep.equal({ days: 3, reason: "需现场核查" });
  });

  it("asks for a disposal to close a complaint at intake, not a consultation", () => {
    const v = { ...EMPTY_VALUES, answer: "已告知" };
    expect(checkAction("answer", v, "complaint")).to.deep.equal({ disposal: "validation.required" });
    expect(checkAction("answer", v, "consultation")).to.deep.equal({});
    expect(actionBody("answer", { ...v, disposal: "explained" })).to.deep.equal({ answer: "已告知", disposal: "explained" });
  });

  it("sends the dispatch without repeating the lead among co-departments", () => {
    expect(actionBody("dispatch", { ...EMPTY_VALUES, departmentId: "a", coDepartmentIds: ["a", "b"] })).to.deep.equal({ departmentId: "a", coDepartmentIds: ["b"], note: undefined });
  });
});

describe("calendar upload", () => {
  const good = JSON.stringify({ year: 2027, source: "国务院办公厅通知", days: [{ date: "2027-01-01", working: false, name: "元旦" }, { date: "2027-02-06", working: true, name: "调休" }] });

  it("reads a valid year and summarises it", () => {
    const r = parseCalendarSchedule(good);
    expect(r.ok).to.equal(true);
    if (r.ok) expect(summarizeSchedule(r.value)).to.deep.equal({ holidays: 1, workdays: 1 });
  });

  it("names what is wrong", () => {
    const bad = (o: unknown) => {
      const r = parseCalendarSchedule(JSON.stringify(o));
      return r.ok ? null : r.problem.code;
    };
    expect(parseCalendarSchedule("{").ok).to.equal(false);
    expect(bad([])).to.equal("shape");
    expect(bad({ year: 27, source: "x", days: [{ date: "2027-01-01", working: false }] })).to.equal("year");
    expect(bad({ year: 2027, source: "", days: [{ date: "2027-01-01", working: false }] })).to.equal("source");
    expect(bad({ year: 2027, source: "x", days: [] })).to.equal("days");
    expect(bad({ year: 2027, source: "x", days: [{ date: "2027-02-30", working: false }] })).to.equal("day");
    expect(bad({ year: 2027, source: "x", days: [{ date: "2028-01-01", working: false }] })).to.equal("foreign");
    expect(bad({ year: 2027, source: "x", days: [{ date: "2027-01-01", working: false }, { date: "2027-01-01", working: true }] })).to.equal("duplicate");
  });
});

describe("role workspaces", () => {
  it("lands each role in its own workspace", () => {
    expect(homePathOf("operator")).to.equal("/operator");
    expect(homePathOf("handler")).to.equal("/handler");
    expect(homePathOf("enterprise")).to.equal("/enterprise");
    expect(homePathOf("nobody")).to.equal("/login");
  });

  it("returns to a remembered page only inside the role's area", () => {
    expect(mayOpen("handler", "/handler/all")).to.equal(true);
    expect(mayOpen("handler", "/admin")).to.equal(false);
    expect(mayOpen("enterprise", "/cases/abc")).to.equal(true);
  });
});

describe("server field errors in the UI language", () => {
  it("replaces English-only details in a Chinese UI and keeps them in English", async () => {
    const { localizeFieldErrors } = await import("../../../client/src/lib/fieldErrors.ts");
    const server = { "requester.phone": "requester.phone must be a mainland mobile", note: "note is too long", title: "标题过长" };
    expect(localizeFieldErrors(server, "zh-CN", { "requester.phone": "请输入有效的手机号" }, "此项填写不符合要求")).to.deep.equal({
      "requester.phone": "请输入有效的手机号",
      note: "此项填写不符合要求（note is too long）",
      title: "标题过长",
    });
    expect(localizeFieldErrors(server, "en", {}, "Not valid")).to.equal(server);
  });
});
