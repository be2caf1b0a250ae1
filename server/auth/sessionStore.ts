import session from "express-session";
import { eq, lt } from "drizzle-orm";
import type { Db } from "../db.ts";
import { sessions } from "../../models/schema/index.ts";

const DAY_MS = 24 * 3600 * 1000;

/** express-session store on the sessions table, for PGlite and PostgreSQL alike. */
export class DbSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(private readonly db: Db) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    const maxAge = sess.cookie?.maxAge ?? DAY_MS;
    return new Date(Date.now() + maxAge);
  }

  get(sid: string, cb: (err: unknown, sess?: session.SessionData | null) => void): void {
    this.db
      .select()
      .from(sessions)
      .where(eq(sessions.sid, sid))
      .then((rows) => {
        const row = rows[0];
        cb(null, row && row.expire.getTime() > Date.now() ? (row.sess as session.SessionData) : null);
      }, cb);
  }

  set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expire = this.expiry(sess);
    const value = JSON.parse(JSON.stringify(sess));
    this.db
      .insert(sessions)
      .values({ sid, sess: value, expire })
      .onConflictDoUpdate({ target: sessions.sid, set: { sess: value, expire } })
      .then(() => this.prune())
      .then(() => cb?.(), (err) => cb?.(err));
  }

  destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db
      .delete(sessions)
      .where(eq(sessions.sid, sid))
      .then(() => cb?.(), (err) => cb?.(err));
  }

  touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.db
      .update(sessions)
      .set({ expire: this.expiry(sess) })
      .where(eq(sessions.sid, sid))
      .then(() => cb?.(), (err) => cb?.(err));
  }

  /** Deletes expired sessions at most once an hour. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 3600 * 1000) return;
    this.lastPrune = Date.now();
    await this.db.delete(sessions).where(lt(sessions.expire, new Date()));
  }
}
