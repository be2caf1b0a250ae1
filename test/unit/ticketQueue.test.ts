import { expect } from "chai";
import { TICKET_STATUSES, TICKET_STEPS } from "../../models/enums.ts";
import { canTakeStep, DEFAULT_SERVICE_MINUTES, estimateWaitMinutes, formatTicketNumber, isActiveTicket } from "../../server/rules/ticketQueue.ts";

describe("ticket queue rules", () => {
  it("formats numbers with the line's prefix and at least three digits", () => {
    expect(formatTicketNumber("A", 1)).to.equal("A001");
    expect(formatTicketNumber("B", 12)).to.equal("B012");
    expect(formatTicketNumber("QZ", 1000)).to.equal("QZ1000");
  });

  it("estimates the wait from the average service time, the count ahead and the open windows", () => {
    expect(estimateWaitMinutes(0, 5, 2)).to.equal(0);
    expect(estimateWaitMinutes(3, 5, 1)).to.equal(15);
    expect(estimateWaitMinutes(3, 5, 2)).to.equal(8); // 7.5 rounded up
    expect(estimateWaitMinutes(4, null, 0)).to.equal(4 * DEFAULT_SERVICE_MINUTES);
  });

  it("allows each step only from its statuses", () => {
    const allowed = Object.fromEntries(TICKET_STEPS.map((step) => [step, TICKET_STATUSES.filter((s) => canTakeStep(s, step))]));
    expect(allowed).to.deep.equal({
      recall: ["called", "missed"],
      start: ["called"],
      skip: ["called"],
      finish: ["serving"],
      cancel: ["waiting", "called"],
    });
    expect(TICKET_STATUSES.filter(isActiveTicket)).to.deep.equal(["waiting", "called", "serving"]);
  });
});
