/** The service centre (一窗受理): queue lines, numbered tickets and the per-line daily counter. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { TicketStatus } from "../enums.ts";
import { ts } from "./columns.ts";

/** A queue line of the hall (企业开办, 不动产登记 …), configured by an admin. */
export const services = pgTable("services", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  /** The letter(s) in front of every number of this line: A → A001. */
  prefix: text("prefix").notNull(),
  active: boolean("active").notNull().default(true),
  sort: integer("sort").notNull().default(0),
});

/** One number taken at a kiosk or remotely, from issue to its end (done, missed, cancelled). */
export const tickets = pgTable(
  "tickets",
  {
    id: text("id").primaryKey(),
    serviceCode: text("service_code")
      .notNull()
      .references(() => services.code),
    /** The Asia/Shanghai day the number belongs to (yyyy-mm-dd): numbers restart each day. */
    day: text("day").notNull(),
    seq: integer("seq").notNull(),
    number: text("number").notNull(),
    status: text("status").$type<TicketStatus>().notNull(),
    window: text("window"),
    /** Optional, for the reminder text; personal data, never on the board. */
    phone: text("phone"),
    enterpriseId: text("enterprise_id"),
    /** The signed-in user who took it remotely (their sockets follow it). */
    userId: text("user_id"),
    /** sha256 of the code handed to whoever took it at the kiosk. */
    accessCodeHash: text("access_code_hash"),
    issuedAt: ts("issued_at").notNull(),
    /** The first call: the wait ends here. */
    calledAt: ts("called_at"),
    /** The latest call or recall: the board's order. */
    lastCalledAt: ts("last_called_at"),
    servedAt: ts("served_at"),
    finishedAt: ts("finished_at"),
    calledBy: text("called_by"),
    /** "done_on_spot" | "case" once done. */
    outcome: text("outcome"),
    caseId: text("case_id"),
    recalls: integer("recalls").notNull().default(0),
  },
  (t) => [
    index("tickets_waiting_idx").on(t.day, t.serviceCode, t.issuedAt).where(sql`${t.status} = 'waiting'`),
    // A safety net under the counter: one number per line and day.
    uniqueIndex("tickets_number_uq").on(t.serviceCode, t.day, t.seq),
    index("tickets_case_idx").on(t.caseId),
  ],
);

/** The last number issued per line and day: one row locked per issue, so numbers are gap-free and unique. */
export const ticketNumbers = pgTable(
  "ticket_numbers",
  {
    serviceCode: text("service_code").notNull(),
    day: text("day").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceCode, t.day] })],
);

export type ServiceRow = typeof services.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
