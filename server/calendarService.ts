import type { Db } from "./db.ts";
import { listCalendarDays } from "../models/queries/calendar.ts";
import { WorkCalendar } from "./rules/workCalendar.ts";

const TTL_MS = 60_000;

/** Holds the working calendar built from the database, reloaded after changes and every minute. */
export class CalendarService {
  private current: WorkCalendar | null = null;
  private loadedAt = 0;
  private loading: Promise<WorkCalendar> | null = null;

  constructor(private readonly db: Db) {}

  /** The calendar, at most a minute old (other instances may have loaded a new year). */
  async get(): Promise<WorkCalendar> {
    if (this.current && Date.now() - this.loadedAt < TTL_MS) return this.current;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Drops the cached calendar so the next read sees the database. */
  invalidate(): void {
    this.current = null;
  }

  private async load(): Promise<WorkCalendar> {
    const rows = await listCalendarDays(this.db);
    this.current = new WorkCalendar(rows);
    this.loadedAt = Date.now();
    return this.current;
  }
}
