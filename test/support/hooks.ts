import { closeTestDatabase } from "./testDeps.ts";

/** Root hooks: one database per run, closed at the end. */
export const mochaHooks = {
  async afterAll() {
    await closeTestDatabase();
  },
};
