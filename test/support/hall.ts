/** Helpers for the service-centre tests: a line of one's own, and ticket calls over HTTP. */
import { randomInt } from "node:crypto";
import type { Express } from "express";
import request from "supertest";
import type { TicketDto } from "../../models/contracts.ts";
import type { Role } from "../../models/enums.ts";
import type { UserRow } from "../../models/schema/index.ts";
import type { AppDeps } from "../../server/context.ts";
import { authHeader, buildUser, unique } from "../factories.ts";
import type { Header } from "./api.ts";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Creates an active line with a fresh code and a free 3-letter prefix (retrying when another active line holds it). */
export async function buildService(app: Express, admin: Header, name = "测试业务"): Promise<{ code: string; prefix: string }> {
  const code = unique("svc").toLowerCase();
  for (let attempt = 0; attempt < 20; attempt++) {
    const prefix = Array.from({ length: 3 }, () => LETTERS[randomInt(26)]).join("");
    const res = await request(app).put(`/api/service-centre/services/${code}`).set(admin).send({ name, prefix, active: true });
    if (res.status === 200) return { code, prefix };
    if (res.status !== 409) throw new Error(`service: ${res.status} ${JSON.stringify(res.body)}`);
  }
  throw new Error("no free prefix");
}

/** Takes a number at the kiosk (no sign-in) or as the given user; expects 201. */
export async function takeTicket(app: Express, serviceCode: string, opts: { header?: Header; phone?: string } = {}): Promise<TicketDto> {
  const res = await request(app)
    .post("/api/service-centre/tickets")
    .set(opts.header ?? {})
    .send({ serviceCode, ...(opts.phone ? { phone: opts.phone } : {}) });
  if (res.status !== 201) throw new Error(`take: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ticket;
}

/** Calls the next ticket of the lines to a window; returns the raw response. */
export function callNext(app: Express, clerk: Header, window: string, serviceCodes: string[]) {
  return request(app).post(`/api/service-centre/windows/${window}/call-next`).set(clerk).send({ serviceCodes });
}

/** Takes a step on a ticket; returns the raw response. */
export function step(app: Express, header: Header, ticketId: string, name: string, body: Record<string, unknown> = {}) {
  return request(app).post(`/api/service-centre/tickets/${ticketId}/${name}`).set(header).send(body);
}

/** Users of the given roles (by name) and their bearer headers. */
export async function buildPeople<K extends string>(deps: AppDeps, roles: Record<K, Role>): Promise<{ users: Record<K, UserRow>; h: Record<K, Header> }> {
  const users = {} as Record<K, UserRow>;
  const h = {} as Record<K, Header>;
  for (const [name, role] of Object.entries(roles) as [K, Role][]) {
    users[name] = await buildUser(deps.database.db, role);
    h[name] = await authHeader(deps.tokens, users[name]);
  }
  return { users, h };
}
