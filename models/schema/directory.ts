import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { DepartmentLevel, Role } from "../enums.ts";
import type { CaseLimitsInput } from "../contracts.ts";
import { ts } from "./columns.ts";

/** Departments of the city and its counties/districts that handle cases. */
export const departments = pgTable("departments", {
  id: text("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  level: text("level").$type<DepartmentLevel>().notNull(),
  parentId: text("parent_id"),
  active: boolean("active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Enterprises known to the system, keyed by their unified social credit code. */
export const enterprises = pgTable("enterprises", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  creditCode: text("credit_code").notNull().unique(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Accounts of people: enterprise contacts and staff. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").$type<Role>().notNull(),
    departmentId: text("department_id").references(() => departments.id),
    enterpriseId: text("enterprise_id").references(() => enterprises.id),
    active: boolean("active").notNull().default(true),
    /** Set when an admin chose the password: the user may do nothing but change it. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    /** Raised to end every session, token and socket of the user at once; tokens and sessions carry the value they began with. */
    sessionEpoch: integer("session_epoch").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_username_key").on(t.username)],
);

/** Browser sessions (express-session store). */
export const sessions = pgTable(
  "sessions",
  {
    sid: text("sid").primaryKey(),
    sess: jsonb("sess").notNull(),
    expire: ts("expire").notNull(),
  },
  // The user index finds every session of a user to end them together (password change, logout, disabling).
  (t) => [index("sessions_expire_idx").on(t.expire), index("sessions_user_idx").on(sql`(${t.sess} -> 'passport' ->> 'user')`)],
);

/** Settings the application creates for itself and keeps with its data (the generated signing secret). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Case categories with their owner department and default time limits. */
export const categories = pgTable("categories", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  departmentId: text("department_id").references(() => departments.id),
  signHours: smallint("sign_hours").notNull().default(2),
  replyDays: smallint("reply_days").notNull().default(5),
  /** The limits an admin set explicitly (any of CaseLimits); they win over signHours/replyDays, the defaults fill the rest. */
  limits: jsonb("limits").$type<CaseLimitsInput>().notNull().default(sql`'{}'::jsonb`),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** Days that differ from Monday–Friday: statutory holidays and adjusted working days. */
export const calendarDays = pgTable(
  "calendar_days",
  {
    date: text("date").primaryKey(),
    year: integer("year").notNull(),
    working: boolean("working").notNull(),
    name: text("name"),
  },
  (t) => [index("calendar_days_year_idx").on(t.year)],
);

/** Which years hold official calendar data, and where it came from. */
export const calendarYears = pgTable("calendar_years", {
  year: integer("year").primaryKey(),
  source: text("source").notNull(),
  loadedAt: ts("loaded_at").notNull().defaultNow(),
});

/** Outside systems (the provincial 12345 platform …) that push tickets with an API key. */
export const integrationClients = pgTable("integration_clients", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  active: boolean("active").notNull().default(true),
  /** When true, every request must carry X-OneWindow-Timestamp and an HMAC signature (docs/integration.md). */
  requireSignature: boolean("require_signature").notNull().default(false),
  /** The HMAC key of signed requests; kept in clear because the server must compute the same HMAC. */
  signingSecret: text("signing_secret"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type DepartmentRow = typeof departments.$inferSelect;
export type EnterpriseRow = typeof enterprises.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type IntegrationClientRow = typeof integrationClients.$inferSelect;
