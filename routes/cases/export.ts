/** GET /api/cases/export: the matching cases streamed as CSV or XLSX, page by page, masked as for the reader. */
import { once } from "node:events";
import { Router, type Response } from "express";
import ExcelJS from "exceljs";
import Joi from "joi";
import { listCases } from "../../models/queries/cases.ts";
import { listDepartments } from "../../models/queries/directory.ts";
import type { Actor } from "../../server/auth/actor.ts";
import type { AppDeps } from "../../server/context.ts";
import { forbidden } from "../../server/errors.ts";
import { requireRole } from "../../server/middleware/authenticate.ts";
import { validate } from "../../server/middleware/validate.ts";
import { presentCases } from "../../server/presenters/caseReads.ts";
import { csvField, EXPORT_COLUMNS, exportCells } from "../../server/presenters/export.ts";
import { masksProtectedPhones } from "../../server/presenters/case.ts";
import { scopeOf } from "../../server/policies/case.ts";
import { searchQuery } from "../../server/rules/searchTokens.ts";
import { listQuery } from "./schema.ts";

/** Cases read per page: keyset pages of the list query, written as they come. */
const PAGE = 500;

const exportQuery = listQuery.keys({ format: Joi.string().valid("csv", "xlsx").default("csv"), cursor: Joi.any().strip(), limit: Joi.any().strip() });

/** Operators export their own channel (the hotline); supervisors and admins whatever they may list. */
function channelFor(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.role !== "operator") return requested;
  if (requested && requested !== "hotline") throw forbidden({ zh: "话务员只能导出 12345 电话渠道的案件", en: "Operators export hotline cases only" });
  return "hotline";
}

/** A writer that respects the response's backpressure. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, "drain");
}

type Pages = AsyncIterable<(string | number)[][]>;

async function writeCsv(res: Response, pages: Pages): Promise<void> {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  // The BOM makes Excel read the file as UTF-8 (Chinese text).
  await write(res, "\uFEFF" + EXPORT_COLUMNS.map((c) => csvField(c.header)).join(",") + "\r\n");
  for await (const rows of pages) await write(res, rows.map((r) => r.map(csvField).join(",") + "\r\n").join(""));
  res.end();
}

async function writeXlsx(res: Response, pages: Pages): Promise<void> {
  res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet("cases");
  sheet.addRow(EXPORT_COLUMNS.map((c) => c.header)).commit();
  for await (const rows of pages) {
    for (const r of rows) sheet.addRow(r).commit();
    // Committed rows are zipped into the response as they come; wait when the client reads slower.
    if (res.writableNeedDrain) await once(res, "drain");
  }
  sheet.commit();
  await workbook.commit();
}

/** The export route (mounted by casesRouter before /:id). */
export function exportRouter(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;

  router.get("/export", requireRole("supervisor", "admin", "operator"), validate({ query: exportQuery }), async (req, res) => {
    const actor = req.actor!;
    const { format, q: text, sort, ...filters } = req.valid.query;
    const channel = channelFor(actor, filters.channel);
    const tsquery = text ? searchQuery(text) : null;
    const names = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
    const departmentName = (id: string | null) => (id ? (names.get(id) ?? id) : "");
    const stamp = new Date().toISOString().slice(0, 10).replaceAll("-", "");
    res.setHeader("Content-Disposition", `attachment; filename="cases-${stamp}.${format}"`);
    res.setHeader("Cache-Control", "no-store");

    let closed = false;
    res.on("close", () => (closed = true));
    /** Each page of the reader's list, projected by presentCases (masking, and the phone-read log). */
    async function* pages() {
      let cursor: { k: string | null; id: string } | undefined;
      if (text && !tsquery) return;
      do {
        const page = await listCases(db, scopeOf(actor), { ...filters, channel, tsquery, protectedPhonesMasked: masksProtectedPhones(actor), sort: sort ?? "received", cursor, limit: PAGE }, deps.clock.now());
        yield (await presentCases(deps, actor, page.rows)).map((c) => exportCells(c, departmentName));
        cursor = page.next ?? undefined;
      } while (cursor && !closed);
    }

    try {
      await (format === "csv" ? writeCsv(res, pages()) : writeXlsx(res, pages()));
    } catch (err) {
      if (!res.headersSent) throw err;
      // Mid-stream the status is already sent: cut the download so it cannot pass for a complete file.
      deps.log.error({ err }, "case export failed mid-stream");
      res.destroy();
    }
  });

  return router;
}
