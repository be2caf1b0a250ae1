/** Open311 GeoReport v2 under /open311/v2 (api.md "Integrations"; the specification at open311.org/GeoReport_v2). */
import { createHash } from "node:crypto";
import { Router, type Request } from "express";
import { listActiveAssignments } from "../../models/queries/cases.ts";
import { findIntegrationClientByKeyHash, listCategories, listDepartments } from "../../models/queries/directory.ts";
import { listOpen311Cases } from "../../models/queries/open311.ts";
import type { IntegrationClientRow } from "../../models/schema/index.ts";
import { API_KEY_PREFIX, hashApiKey } from "../../server/auth/tokens.ts";
import { withTransaction } from "../../server/commands/context.ts";
import { createCase } from "../../server/commands/createCase.ts";
import type { AppDeps } from "../../server/context.ts";
import { assertSignedRequest } from "../../server/integrations/signedRequests.ts";
import { actorOfClient } from "../../server/middleware/authenticate.ts";
import { validateIn } from "../../server/middleware/joiMessages.ts";
import { assignmentsOf } from "../../server/presenters/case.ts";
import { presentCategory } from "../../server/presenters/directory.ts";
import { presentExternalCase } from "../../server/presenters/external.ts";
import { presentService, presentServiceRequest } from "../../server/presenters/open311.ts";
import { createCaseBody } from "../cases/schema.ts";
import { Open311Error, send, splitFormat, type Format } from "./format.ts";
import { postRequestBody, requestsQuery } from "./schema.ts";

const DAY_MS = 24 * 3600_000;
const MAX_REQUESTS = 1000;
const SPEC = "http://wiki.open311.org/GeoReport_v2";

/** The format of a resource's file name ("requests.json"), or 404 for another name or format. */
function resource(file: string, name?: string): { name: string; format: Format } {
  const split = splitFormat(file);
  if (!split || (name && split.name !== name)) throw new Open311Error(404, ["Unknown resource or format (use .json or .xml)"]);
  return split;
}

function validated<T>(schema: Parameters<typeof validateIn>[0], input: unknown): T {
  const { value, error } = validateIn(schema, input ?? {}, "en");
  if (error) throw new Open311Error(400, error.details.map((d) => `${d.path.join(".")}: ${d.message}`));
  return value as T;
}

/** The client of an api_key; 403 (the specification's code) when it is missing or unknown. */
async function clientOf(deps: AppDeps, apiKey: string | undefined): Promise<IntegrationClientRow> {
  const client = apiKey?.startsWith(API_KEY_PREFIX) ? await findIntegrationClientByKeyHash(deps.database.db, hashApiKey(apiKey)) : undefined;
  if (!client?.active) throw new Open311Error(403, ["Missing or invalid api_key"]);
  return client;
}

/** The reference names a request shows (service and agency), read once per call. */
async function names(deps: AppDeps) {
  const db = deps.database.db;
  const [categories, departments] = await Promise.all([listCategories(db), listDepartments(db)]);
  const services = new Map(categories.map((c) => [c.code, c.name]));
  const agencies = new Map(departments.map((d) => [d.id, d.name]));
  return { service: (code: string | null) => (code ? (services.get(code) ?? null) : null), agency: (id: string | null) => (id ? (agencies.get(id) ?? null) : null) };
}

/** Requests for an Open311 reader: the strict external projection, whatever the caller. */
async function presentRequests(deps: AppDeps, rows: Awaited<ReturnType<typeof listOpen311Cases>>) {
  const assignments = await listActiveAssignments(deps.database.db, rows.map((r) => r.id));
  const now = deps.clock.now();
  const n = await names(deps);
  return rows.map((r) => presentServiceRequest(presentExternalCase(r, assignmentsOf(assignments, r.id), now), n));
}

const csv = (value: string | undefined) => (value ? value.split(",").map((s) => s.trim()).filter(Boolean) : undefined);

/** The Open311 router (mounted at /open311/v2 with the form body parser and the Open311 error handler). */
export function open311Router(deps: AppDeps): Router {
  const router = Router();
  const db = deps.database.db;

  router.get("/services/:file", async (req, res) => {
    const { name: code, format } = resource(req.params.file);
    const found = (await listCategories(db)).some((c) => c.code === code);
    if (!found) throw new Open311Error(404, [`service_code ${code} not found`]);
    // Categories ask for nothing beyond the standard fields: no attributes.
    send(res, format, { root: "service_definition" }, { service_code: code, attributes: [] });
  });

  router.get("/requests/:file", async (req, res) => {
    const { name: number, format } = resource(req.params.file);
    const rows = await listOpen311Cases(db, { numbers: [number], start: new Date(0), end: new Date(0), clientId: null, limit: 1 });
    if (!rows.length) throw new Open311Error(404, [`service_request_id ${number} not found`]);
    send(res, format, { root: "service_requests", item: "request" }, await presentRequests(deps, rows));
  });

  router.get("/tokens/:file", async (req, res) => {
    // Requests are realtime (the id is returned at once); a token is accepted as the request id it stands for.
    const { name: token, format } = resource(req.params.file);
    const rows = await listOpen311Cases(db, { numbers: [token], start: new Date(0), end: new Date(0), clientId: null, limit: 1 });
    if (!rows.length) throw new Open311Error(404, [`token ${token} not found`]);
    send(res, format, { root: "service_requests", item: "request" }, [{ service_request_id: rows[0].number, token }]);
  });

  router.get("/:file", async (req, res) => {
    const { name, format } = resource(req.params.file);
    if (name === "discovery") return void send(res, format, { root: "discovery" }, discovery(req, format));
    if (name === "services") {
      const departments = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
      const services = (await listCategories(db)).map((c) => presentService(presentCategory(c), c.departmentId ? (departments.get(c.departmentId) ?? null) : null));
      return void send(res, format, { root: "services", item: "service" }, services);
    }
    if (name !== "requests") throw new Open311Error(404, [`Unknown resource ${name}`]);
    const q = validated<{ service_request_id?: string; service_code?: string; start_date?: Date | ""; end_date?: Date | ""; status?: string; api_key?: string }>(requestsQuery, req.query);
    const end = q.end_date || (q.start_date ? new Date(q.start_date.getTime() + 90 * DAY_MS) : deps.clock.now());
    const start = q.start_date || new Date(end.getTime() - 90 * DAY_MS);
    if (end < start || end.getTime() - start.getTime() > 90 * DAY_MS) throw new Open311Error(400, ["start_date and end_date must span at most 90 days"]);
    const clientId = q.api_key ? (await clientOf(deps, q.api_key)).id : null;
    const status = csv(q.status) as ("open" | "closed")[] | undefined;
    const rows = await listOpen311Cases(db, { numbers: csv(q.service_request_id), serviceCodes: csv(q.service_code), start, end, status, clientId, limit: MAX_REQUESTS });
    send(res, format, { root: "service_requests", item: "request" }, await presentRequests(deps, rows));
  });

  router.post("/:file", async (req, res) => {
    const { format } = resource(req.params.file, "requests");
    const form = validated<Record<string, string | number | undefined>>(postRequestBody, req.body);
    const client = await clientOf(deps, form.api_key as string | undefined);
    await assertSignedRequest(deps, client, req);
    const { body, created } = await intake(deps, client, form);
    send(res, format, { root: "service_requests", item: "request" }, [body], created ? 201 : 200);
  });

  return router;
}

/** The service discovery document (Open311 "Service Discovery"). */
function discovery(req: Request, format: Format) {
  const url = `${req.protocol}://${req.get("host")}${req.baseUrl}`;
  const changeset = "2026-01-01T00:00:00Z";
  const formats = ["text/xml", "application/json"];
  return {
    changeset,
    contact: "12345 政务服务便民热线",
    key_service: "向系统管理员申请接入密钥（集成接入方）",
    // XML repeats the item elements inside their list element (<endpoints><endpoint>, <formats><format>).
    endpoints: format === "xml" ? { endpoint: [{ specification: SPEC, url, changeset, type: "production", formats: { format: formats } }] } : [{ specification: SPEC, url, changeset, type: "production", formats }],
  };
}

/**
 * POST requests → the one intake command (createCase), as the key's integration client: validated by the intake
 * schema, idempotent on a reference derived from the client and the form (a retried POST returns the same request).
 */
async function intake(deps: AppDeps, client: IntegrationClientRow, form: Record<string, string | number | undefined>) {
  const code = form.service_code as string | undefined;
  if (!code) throw new Open311Error(400, ["service_code was not provided"]);
  const category = (await listCategories(deps.database.db)).find((c) => c.code === code);
  if (!category) throw new Open311Error(404, [`service_code ${code} not found`]);
  const hasLatLong = form.lat !== undefined && form.lat !== "" && form.long !== undefined && form.long !== "";
  if (!hasLatLong && !form.address_string && !form.address_id) throw new Open311Error(400, ["A location is required: lat & long, address_string or address_id"]);
  const text = (form.description as string) || category.name;
  const location = [form.address_string, hasLatLong ? `${form.lat},${form.long}` : null, form.address_id ? `地址编码 ${form.address_id}` : null].filter(Boolean).join(" ");
  // The client is part of the reference: external references are unique per channel, and Open311 clients share one.
  const fingerprint = createHash("sha256").update(JSON.stringify([client.id, ...Object.entries(form).filter(([k]) => k !== "api_key").sort()])).digest("hex").slice(0, 32);
  const input = validated<Parameters<typeof createCase>[1]>(createCaseBody, {
    type: "help",
    title: `${category.name}：${text.slice(0, 40)}`,
    description: form.media_url ? `${text}\n附件：${form.media_url}` : text,
    categoryCode: code,
    requester: { name: [form.last_name, form.first_name].filter(Boolean).join("") || null, phone: form.phone || null },
    location,
    externalRef: `open311:${fingerprint}`,
  });
  const { case: row, created } = await withTransaction(deps, actorOfClient(client), (ctx) => createCase(ctx, input, null));
  return { body: { service_request_id: row.number, service_notice: `已受理，将在 ${category.replyDays} 个工作日内答复`, account_id: (form.account_id as string) || null }, created };
}
