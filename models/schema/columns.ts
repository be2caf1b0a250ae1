import { customType, timestamp } from "drizzle-orm/pg-core";

/** A PostgreSQL tsvector column; OneWindow writes it with array_to_tsvector from CJK bigram tokens. */
export const tsvector = customType<{ data: string }>({
  dataType() {
    return "tsvector";
  },
});

/** timestamptz with millisecond precision, read and written as Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });
