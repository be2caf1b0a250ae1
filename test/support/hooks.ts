import { closeLoginRateStores } from "../../server/auth/loginRateStore.ts";
import { closeTestDatabase } from "./testDeps.ts";

/** Root hooks: one database per run, closed at the end, and the sign-in limiter's Redis connections. */
export const mochaHooks = {
  async afterAll() {
    await closeTestDatabase();
    await closeLoginRateStores();
  },
};
