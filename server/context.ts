import type { Logger } from "pino";
import type { CalendarService } from "./calendarService.ts";
import type { Clock } from "./clock.ts";
import type { Database } from "./db.ts";
import type { Env } from "./env.ts";
import type { DomainBus } from "./events.ts";
import type { TokenService } from "./auth/tokens.ts";

/** Everything the app needs from outside, built once in main.ts (or by the tests). */
export interface AppDeps {
  env: Env;
  database: Database;
  log: Logger;
  clock: Clock;
  calendar: CalendarService;
  bus: DomainBus;
  /** Signs session cookies and (through `tokens`) bearer tokens; never a value published in the code. */
  signingSecret: string;
  tokens: TokenService;
}
