import { expect } from "chai";
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isSearchablePhone,
  isValidCreditCode,
  isValidPhone,
  normalizeCreditCode,
} from "../../../client/src/lib/creditCode.ts";
import * as server from "../../../server/rules/creditCode.ts";

const VALID = "91350100M000100Y43";

describe("client credit code check (GB 32100-2015)", () => {
  it("accepts the spec's example code", () => {
    expect(isValidCreditCode(VALID)).to.equal(true);
    expect(creditCodeProblem(VALID)).to.equal(null);
  });

  it("reads lower case and spaces the way a person types", () => {
    expect(normalizeCreditCode(" 91350100m000100y43 ")).to.equal(VALID);
    expect(isValidCreditCode("9135 0100 m000 100y43")).to.equal(true);
  });

  it("rejects a wrong check character", () => {
    expect(isValidCreditCode(`${VALID.slice(0, 17)}4`)).to.equal(false);
    expect(creditCodeProblem(`${VALID.slice(0, 17)}4`)).to.equal("bad_check");
  });

  it("names the first problem while typing", () => {
    expect(creditCodeProblem("")).to.equal("empty");
    expect(creditCodeProblem("913501")).to.equal("too_short");
    expect(creditCodeProblem("9135O1")).to.equal("bad_character");
    expect(creditCodeProblem(`${VALID}0`)).to.equal("too_long");
  });

  it("never uses I, O, S, V or Z", () => {
    for (const c of "IOSVZ") expect(CREDIT_CODE_ALPHABET).not.to.include(c);
    expect(creditCodeCheckCharacter("9135010OM000100Y4")).to.equal(null);
  });

  it("agrees with the server's rule on many codes", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 500; n++) {
      let code = "";
      for (let i = 0; i < 18; i++) code += CREDIT_CODE_ALPHABET[Math.floor(rand() * 31)];
      if (n % 2 === 0) code = code.slice(0, 17) + server.creditCodeCheckCharacter(code.slice(0, 17));
      expect(isValidCreditCode(code), code).to.equal(server.isValidCreditCode(code));
    }
  });
});

describe("client phone check", () => {
  it("accepts mainland mobiles and landlines with area code", () => {
    for (const p of ["13800138000", "19912345678", "0570-1234567", "057012345678", "010-12345678"]) expect(isValidPhone(p), p).to.equal(true);
  });

  it("rejects other numbers", () => {
    for (const p of ["12800138000", "1380013800", "570-1234567", "abc", ""]) expect(isValidPhone(p), p).to.equal(false);
  });

  it("ignores spaces typed inside the number", () => {
    expect(isValidPhone("138 0013 8000")).to.equal(true);
    expect(isSearchablePhone("138 0013 8000")).to.equal(true);
  });
});
