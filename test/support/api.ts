import type { Express } from "express";
import request from "supertest";
import type { CaseDto, CaseEventDto } from "../../models/contracts.ts";

export type Header = { Authorization: string };

/** A valid intake body; overrides are merged (requester shallowly). */
export function caseBody(overrides: Record<string, unknown> = {}) {
  const { requester, ...rest } = overrides as { requester?: Record<string, unknown> };
  return {
    type: "complaint",
    title: "夜间施工噪音扰民",
    description: "柯城区某工地每天晚上十点后仍在施工，噪音很大，影响休息。",
    categoryCode: "env.noise",
    priority: "normal",
    requester: { name: "张三", phone: "13800138000", ...requester },
    location: "柯城区荷花街道",
    ...rest,
  };
}

/** Registers a case and returns it (expects 201). */
export async function createCase(app: Express, header: Header, overrides: Record<string, unknown> = {}): Promise<CaseDto> {
  const res = await request(app).post("/api/cases").set(header).send(caseBody(overrides));
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.case;
}

/** Posts an action; returns the raw response for status assertions. */
export function act(app: Express, header: Header, caseId: string, action: string, body: Record<string, unknown> = {}) {
  return request(app).post(`/api/cases/${caseId}/actions/${action}`).set(header).send(body);
}

/** Posts an action that must succeed; returns {case, event}. */
export async function actOk(app: Express, header: Header, caseId: string, action: string, body: Record<string, unknown> = {}): Promise<{ case: CaseDto; event: CaseEventDto }> {
  const res = await act(app, header, caseId, action, body);
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** GET /api/cases/:id as the user. */
export async function readCase(app: Express, header: Header, caseId: string) {
  return request(app).get(`/api/cases/${caseId}`).set(header);
}

/** A supertest parser that reads a binary response body into a Buffer. */
export function binary(res: unknown, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  stream.on("end", () => done(null, Buffer.concat(chunks)));
}
