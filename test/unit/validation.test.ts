import { expect } from "chai";
import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode, isValidPhone, normalizeCreditCode } from "../../models/validation.ts";
import { maskPhone } from "../../server/rules/phones.ts";

const VALID = "91350100M000100Y43";

describe("credit code (GB 32100-2015)", () => {
  it("has the 31-character alphabet without I, O, S, V, Z", () => {
    expect(CREDIT_CODE_ALPHABET).to.have.length(31);
    for (const c of "IOSVZ") expect(CREDIT_CODE_ALPHABET).not.to.include(c);
  });

  it("accepts the example code and computes its check character", () => {
    expect(isValidCreditCode(VALID)).to.equal(true);
    expect(creditCodeCheckCharacter(VALID.slice(0, 17))).to.equal("3");
  });

  it("computes check characters that validate", () => {
    for (const first17 of ["91110000100000000Y", "91440300MA5ABCDEF", "12100000000013411W", "000000000000000000"].map((s) =>
      s.slice(0, 17),
    )) {
      const check = creditCodeCheckCharacter(first17);
      expect(check, first17).to.be.a("string");
      expect(CREDIT_CODE_ALPHABET).to.include(check!);
      expect(isValidCreditCode(first17 + check), first17).to.equal(true);
    }
    // All zeros: the sum is 0, so the check value is (31 − 0) mod 31 = 0.
    expect(creditCodeCheckCharacter("00000000000000000")).to.equal("0");
  });

  it("rejects a wrong check character", () => {
    expect(isValidCreditCode("91350100M000100Y44")).to.equal(false);
    expect(isValidCreditCode("91350100M000100Y4A")).to.equal(false);
  });

  it("rejects forbidden letters I, O, S, V, Z", () => {
    for (const c of "IOSVZ") {
      const code = `91350100${c}000100Y43`;
      expect(isValidCreditCode(code), code).to.equal(false);
      expect(creditCodeCheckCharacter(code.slice(0, 17)), code).to.equal(null);
      expect(isValidCreditCode(`91350100M000100Y4${c}`), c).to.equal(false);
    }
  });

  it("reads lower case and spaces the way a person types (the check character itself needs upper case)", () => {
    expect(normalizeCreditCode(" 91350100m000100y43 ")).to.equal(VALID);
    expect(isValidCreditCode(VALID.toLowerCase())).to.equal(true);
    expect(isValidCreditCode("9135 0100 m000 100y43")).to.equal(true);
    expect(creditCodeCheckCharacter(VALID.slice(0, 17).toLowerCase())).to.equal(null);
  });

  it("names the first problem while a code is typed", () => {
    expect(creditCodeProblem(VALID)).to.equal(null);
    expect(creditCodeProblem("")).to.equal("empty");
    expect(creditCodeProblem("913501")).to.equal("too_short");
    expect(creditCodeProblem("9135O1")).to.equal("bad_character");
    expect(creditCodeProblem(`${VALID}0`)).to.equal("too_long");
    expect(creditCodeProblem(`${VALID.slice(0, 17)}4`)).to.equal("bad_check");
  });

  it("rejects a wrong length", () => {
    expect(isValidCreditCode(VALID.slice(0, 17))).to.equal(false);
    expect(isValidCreditCode(`${VALID}0`)).to.equal(false);
    expect(isValidCreditCode("")).to.equal(false);
    expect(isValidCreditCode(`${VALID.slice(0, 16)} `)).to.equal(false);
    expect(creditCodeCheckCharacter(VALID.slice(0, 16))).to.equal(null);
  });
});

describe("phone numbers", () => {
  it("accepts mainland mobiles and landlines", () => {
    for (const p of ["13800138000", "19912345678", "0591-87654321", "059187654321", "010-12345678", "02112345678", "0591-8765432"]) {
      expect(isValidPhone(p), p).to.equal(true);
    }
  });

  it("rejects everything else", () => {
    for (const p of [
      "",
      "12800138000",
      "1380013800",
      "138001380001",
      "+8613800138000",
      "591-87654321",
      "0591--87654321",
      "0591-876543",
      "0591-876543210",
      "１３８００１３８０００",
    ]) {
      expect(isValidPhone(p), p).to.equal(false);
    }
  });

  it("ignores spaces typed inside a number", () => {
    expect(isValidPhone("138 0013 8000")).to.equal(true);
    expect(isValidPhone(" 0570 - 1234567")).to.equal(true);
  });

  it("masks a mobile as 138****8000", () => {
    expect(maskPhone("13800138000")).to.equal("138****8000");
  });

  it("masks a landline, keeping the area code and the last 4 digits", () => {
    expect(maskPhone("0591-87654321")).to.equal("0591-****4321");
    expect(maskPhone("010-1234567")).to.equal("010-***4567");
    expect(maskPhone("02112345678")).to.equal("021****5678");
    expect(maskPhone("059187654321")).to.equal("0591****4321");
  });

  it("masks anything else but its last 4 characters", () => {
    expect(maskPhone("+8613800138000")).to.equal("**********8000");
    expect(maskPhone("123")).to.equal("***");
  });
});
