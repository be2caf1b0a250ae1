/**
 * The ceiling: a minimal Express 5 server doing only joi validation of the intake
 * body + one INSERT of the same row into an equivalent table (`ceiling_cases`,
 * created `LIKE cases INCLUDING ALL`: same columns, defaults and indexes, GIN
 * search index included) on the same engine. OneWindow's figures are printed as
 * a ratio of it. Also `GET /cases/:id`: one primary-key SELECT from `cases`
 * (the read ceiling of bench/reads.ts).
 *
 * Run as a child process by the benchmarks (`startChild("ceiling.ts", env)`);
 * DATABASE_URL selects PostgreSQL, else DATA_DIR is a PGlite data dir that the
 * parent has already migrated.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import express from "express";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createCaseBody } from "../routes/cases/schema.ts";
import { searchLexemes } from "../server/rules/searchTokens.ts";
import { childLifecycle } from "./child.ts";
import type { Raw } from "./support.ts";

export const CEILING_DDL = "create table if not exists ceiling_cases (like cases including all)";

const INSERT = `insert into ceiling_cases (id, number, channel, type, title, description, category_code, priority, status,
  requester_name, requester_phone, enterprise_name, credit_code, anonymous, confidential, location,
  created_by, client_key, external_ref, idempotency_key, received_at, updated_at, search_tokens)
values ($1, $2, 'hotline', $3, $4, $5, $6, $7, 'registered', $8, $9, $10, $11, $12, $13, $14, $15, 'user:' || $15, null, null, $16, $16, array_to_tsvector($17::text[]))
returning *`;

let counter = 0;

/** The INSERT of one validated intake body, as the ceiling sends it. */
export function ceilingInsert(body: any, now = new Date()): { text: string; params: unknown[] } {
  const number = `CL${now.toISOString().slice(0, 10).replaceAll("-", "")}${process.pid}${String(++counter).padStart(8, "0")}`;
  const r = body.requester ?? {};
  return {
    text: INSERT,
    params: [
      randomUUID(),
      number,
      body.type,
      body.title,
      body.description,
      body.categoryCode ?? null,
      body.priority,
      r.name || null,
      r.phone || null,
      r.enterpriseName || null,
      r.creditCode || null,
      r.anonymous ?? false,
      r.confidential ?? body.type === "report",
      body.location || null,
      "ceiling",
      now,
      searchLexemes([number, body.title, body.description, r.enterpriseName ?? ""].join(" ")),
    ],
  };
}

/** Validates like the app (same joi schema and options). */
export function validateIntake(input: unknown): { value?: any; error?: { path: string; message: string }[] } {
  const { value, error } = createCaseBody.validate(input ?? {}, { abortEarly: false, convert: true, stripUnknown: false });
  if (error) return { error: error.details.map((d) => ({ path: d.path.join("."), message: d.message })) };
  return { value };
}

async function openRaw(): Promise<{ raw: Raw; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10) });
    pool.on("error", () => {});
    return {
      raw: {
        query: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
        exec: async (text: string) => void (await pool.query(text)),
      },
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create(process.env.DATA_DIR!);
  return {
    raw: {
      query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
      exec: async (text: string) => void (await client.exec(text)),
    },
    close: () => client.close(),
  };
}

async function serveCeiling(): Promise<void> {
  const { raw, close } = await openRaw();
  await raw.exec(CEILING_DDL);
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "100kb" }));
  app.post("/cases", async (req, res) => {
    const { value, error } = validateIntake(req.body);
    if (error) return void res.status(400).json({ error: { code: "validation_failed", details: error } });
    const q = ceilingInsert(value);
    const [row] = await raw.query(q.text, q.params);
    res.status(201).json({ case: row });
  });
  app.get("/cases/:id", async (req, res) => {
    const [row] = await raw.query("select * from cases where id = $1", [req.params.id]);
    if (!row) return void res.status(404).json({ error: { code: "not_found" } });
    res.json({ case: row });
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  childLifecycle({ port }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  serveCeiling().catch((err) => {
    process.send?.({ type: "error", message: String(err?.stack ?? err) });
    console.error(err);
    process.exit(1);
  });
}
