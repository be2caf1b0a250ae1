import { and, desc, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../db.ts";
import { cases, OPEN_STATUS_LIST, type CaseRow } from "../schema/index.ts";

/** The Open311 query of service requests (GeoReport v2 "GET Service Requests"). */
export interface Open311Filter {
  numbers?: string[];
  serviceCodes?: string[];
  start: Date;
  end: Date;
  status?: ("open" | "closed")[];
  /** The integration client asking (its own cases are listed even when confidential). */
  clientId: string | null;
  limit: number;
}

/**
 * Cases an Open311 reader may list: public matters (not confidential) and, for a client with its key, its own.
 * `numbers` overrides the other filters, as the specification says of service_request_id.
 */
export function listOpen311Cases(ex: Executor, f: Open311Filter): Promise<CaseRow[]> {
  const scope = f.clientId ? or(sql`not ${cases.confidential}`, sql`${cases.createdBy} = ${f.clientId}`) : sql`not ${cases.confidential}`;
  const conditions: (SQL | undefined)[] = [scope, sql`${cases.status} <> 'merged'`];
  if (f.numbers?.length) conditions.push(inArray(cases.number, f.numbers));
  else {
    conditions.push(gte(cases.receivedAt, f.start), lte(cases.receivedAt, f.end));
    if (f.serviceCodes?.length) conditions.push(inArray(cases.categoryCode, f.serviceCodes));
    if (f.status?.length === 1) conditions.push(f.status[0] === "open" ? sql`${cases.status} in ${OPEN_STATUS_LIST}` : sql`${cases.status} not in ${OPEN_STATUS_LIST}`);
  }
  return ex
    .select()
    .from(cases)
    .where(and(...conditions))
    .orderBy(desc(cases.receivedAt), desc(cases.id))
    .limit(f.limit);
}
