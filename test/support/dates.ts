import { randomInt } from "node:crypto";

export const DAY_MS = 86_400_000;

/** The ISO date n days after `date` (YYYY-MM-DD). */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * A Monday in a random far-future week: no official calendar data there (plain Monday–Friday), and no other
 * test's data (nor an earlier run's on a kept PostgreSQL database), so even the city-wide totals are exact.
 */
export function randomMonday(): string {
  let ms = Date.UTC(2200 + randomInt(800), 0, 1) + randomInt(340) * DAY_MS;
  while (new Date(ms).getUTCDay() !== 1) ms += DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** An instant given as Asia/Shanghai wall time, "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS". */
export function shanghai(wall: string): Date {
  const [date, time] = wall.split(" ");
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
}
