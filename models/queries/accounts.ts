import { eq, sql } from "drizzle-orm";
import type { Executor } from "../db.ts";
import { appSettings, sessions, users, type UserRow } from "../schema/index.ts";

/**
 * The stored value of a setting, storing `value` first when the key has none: every instance on one database
 * that races here ends up with the same value (the first insert wins, the others read it back).
 */
export async function ensureSetting(ex: Executor, key: string, value: string): Promise<string> {
  await ex.insert(appSettings).values({ key, value }).onConflictDoNothing({ target: appSettings.key });
  const rows = await ex.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  return rows[0].value;
}

/** Raises the user's session epoch (every token issued before stops verifying) and deletes all their browser sessions. */
export async function endUserSessions(ex: Executor, userId: string): Promise<UserRow | undefined> {
  const [row] = await ex
    .update(users)
    .set({ sessionEpoch: sql`${users.sessionEpoch} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning();
  await ex.delete(sessions).where(sql`(${sessions.sess} -> 'passport' ->> 'user') = ${userId}`);
  return row;
}
