import { expect } from "chai";
import { ACTIONS } from "../../models/enums.ts";
import { expectedStatus, MATRIX_FIXTURE, VARIANTS } from "../support/authzContract.ts";
import { bodyFor, buildCase, buildWorld, headerOf, SharedCases, tryAction, type World } from "../support/authzWorld.ts";

const CODE_OF = { 200: undefined, 403: "forbidden", 404: "not_found" } as const;

/** The expected matrix as text (set PRINT_AUTHZ_MATRIX=1 to see it). */
function matrixTable(): string {
  const short = VARIANTS.map((_, i) => `v${i}`);
  const lines = [`| action (state) | ${short.join(" | ")} |`, `|---|${short.map(() => "---").join("|")}|`];
  for (const action of ACTIONS) {
    const f = MATRIX_FIXTURE[action];
    lines.push(`| ${action} (${f}) | ${VARIANTS.map((v) => expectedStatus(v, action, f)).join(" | ")} |`);
  }
  return [...lines, "", ...VARIANTS.map((v, i) => `v${i} = ${v.name}`)].join("\n");
}

describe("authorization matrix: every action × every role × own and foreign scope (api.md)", () => {
  let w: World;
  let shared: SharedCases;
  let mergeTarget: string;

  before(async function () {
    this.timeout(60_000);
    if (process.env.PRINT_AUTHZ_MATRIX) console.log(matrixTable());
    w = await buildWorld();
    shared = new SharedCases(w);
    mergeTarget = await buildCase(w, "main", "in_progress");
  });

  for (const action of ACTIONS) {
    const fixture = MATRIX_FIXTURE[action];
    it(`${action} in state ${fixture}: the contract's roles get 200, other roles 403, those who cannot see it 404`, async function () {
      this.timeout(30_000);
      const wrong: string[] = [];
      for (const v of VARIANTS) {
        const expected = expectedStatus(v, action, fixture);
        // An allowed attempt changes the case, so it gets a fresh one; refusals share one.
        const id = expected === 200 ? await buildCase(w, v.origin, fixture) : await shared.get(v.origin, fixture);
        const res = await tryAction(w, headerOf(w, v), id, action, mergeTarget);
        if (res.status < 300 && expected !== 200) shared.spoil(v.origin, fixture);
        const code: string | undefined = res.body?.error?.code;
        if (res.status !== expected || code !== CODE_OF[expected]) {
          wrong.push(
            `${v.name}: expected ${expected} ${CODE_OF[expected] ?? ""}, got ${res.status} ${code ?? ""}\n` +
              `    POST /api/cases/<${v.origin} case, ${fixture}>/actions/${action} ${JSON.stringify(bodyFor(w, action, "<open case>"))}\n` +
              `    → ${res.text.slice(0, 240)}`,
          );
        }
      }
      expect(wrong, `server disagrees with api.md:\n${wrong.join("\n")}`).to.deep.equal([]);
    });
  }

  it("answers 404, never 403, for a case id that does not exist, whatever the role", async () => {
    for (const v of VARIANTS) {
      const res = await tryAction(w, headerOf(w, v), "00000000-0000-4000-8000-000000000000", "comment", mergeTarget);
      expect(res.status, v.name).to.equal(404);
      expect(res.body.error.code, v.name).to.equal("not_found");
    }
  });

  it("answers 401 to every action without credentials", async () => {
    const id = await shared.get("main", "in_progress");
    for (const action of ACTIONS) {
      const res = await tryAction(w, { Authorization: "Bearer not-a-token" }, id, action, mergeTarget);
      expect(res.status, action).to.equal(401);
      expect(res.body.error.code).to.equal("unauthenticated");
    }
  });
});
