/** The hall's queue lines: the shipped set, and an admin's changes. */
import type { ServiceRow } from "../../../models/schema/index.ts";
import { findActivePrefixOwner, findService, insertMissingServices, upsertService } from "../../../models/queries/serviceCentre.ts";
import type { Executor } from "../../db.ts";
import { conflict } from "../../errors.ts";

/** The lines a city administrative service centre typically runs (reference data, seeded where missing). */
export const CENTRE_SERVICES: ServiceRow[] = [
  { code: "business", name: "企业开办", prefix: "A", active: true, sort: 10 },
  { code: "property", name: "不动产登记", prefix: "B", active: true, sort: 20 },
  { code: "tax", name: "税务", prefix: "C", active: true, sort: 30 },
  { code: "social", name: "社保医保", prefix: "D", active: true, sort: 40 },
  { code: "general", name: "综合咨询/12345", prefix: "E", active: true, sort: 50 },
];

/** Inserts the shipped lines that do not exist yet (idempotent; never overwrites an admin's changes). */
export async function seedServices(ex: Executor): Promise<void> {
  await insertMissingServices(ex, CENTRE_SERVICES);
}

/** Creates or updates a line; an active line's prefix must be its own, or two lines would call the same number. */
export async function saveService(ex: Executor, code: string, body: { name: string; prefix: string; active: boolean; sort?: number }): Promise<ServiceRow> {
  if (body.active && (await findActivePrefixOwner(ex, body.prefix, code))) {
    throw conflict({ zh: "该号码前缀已被其他业务使用", en: "Another active service uses this prefix" }, [{ path: "prefix", message: "already used by an active service" }]);
  }
  const current = await findService(ex, code);
  return upsertService(ex, { code, name: body.name, prefix: body.prefix, active: body.active, sort: body.sort ?? current?.sort ?? 100 });
}
