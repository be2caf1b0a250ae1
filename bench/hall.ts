/**
 * The service-centre hall scenario of the realtime benchmark (bench/realtime.ts prints it beside its phases):
 * 200 numbers taken at the kiosk over the seeded lines, then called by 20 windows at once, each calling,
 * starting and finishing until nobody waits. Latency = the ticket change's publication right after
 * call-next's commit (bus listener) → queue.called received on a /board socket in the client child.
 */
import { randomUUID } from "node:crypto";
import { insertUser } from "../models/queries/directory.ts";
import type { AppDeps } from "../server/context.ts";

/** What the scenario needs from the realtime bench's frame. */
export interface HallFrame {
  deps: AppDeps;
  url: string;
  passwordHash: string;
  stamp: () => number;
  /** Asks the client child to open board sockets; resolves when connected. */
  connectBoards: (count: number) => Promise<void>;
}

/** The figures of one run: keys are `q:<number>` as the child records them. */
export interface HallRun {
  commits: Map<string, number>;
  seconds: number;
  calls: number;
  httpMs: number[];
}

/** Runs the scenario: tickets, board sockets, then 20 windows calling concurrently. */
export async function runHall(f: HallFrame, opts: { tickets: number; windows: number; boards: number }): Promise<HallRun> {
  const db = f.deps.database.db;
  const tag = randomUUID().slice(0, 8);
  const clerks = await Promise.all(
    Array.from({ length: opts.windows }, async (_, i) => {
      const user = await insertUser(db, { id: randomUUID(), username: `hall${tag}${i}`, displayName: `窗口 ${i + 1}`, passwordHash: f.passwordHash, role: "clerk", departmentId: null, enterpriseId: null });
      return f.deps.tokens.issue(user.id, user.sessionEpoch);
    }),
  );
  const lines = ((await (await fetch(`${f.url}/api/service-centre/services`)).json()) as { code: string; active: boolean }[]).filter((s) => s.active).map((s) => s.code);
  const httpMs: number[] = [];
  const post = async (path: string, body: unknown, token?: string) => {
    const t = f.stamp();
    const res = await fetch(f.url + path, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    httpMs.push(f.stamp() - t);
    return res;
  };
  for (let i = 0; i < opts.tickets; i++) {
    const res = await post("/api/service-centre/tickets", { serviceCode: lines[i % lines.length] });
    if (res.status !== 201) throw new Error(`take: ${res.status} ${await res.text()}`);
  }
  await f.connectBoards(opts.boards);

  const commits = new Map<string, number>();
  const unsubscribe = f.deps.bus.subscribe((e) => {
    if (e.type === "queue.ticket" && e.called) commits.set(`q:${e.ticket.number}`, f.stamp());
  });
  const start = f.stamp();
  let calls = 0;
  await Promise.all(
    clerks.map(async (token, i) => {
      const window = String(i + 1);
      for (;;) {
        const res = await post(`/api/service-centre/windows/${window}/call-next`, { serviceCodes: lines }, token);
        if (res.status === 404) return;
        if (res.status !== 200) throw new Error(`call-next: ${res.status} ${await res.text()}`);
        calls++;
        const { ticket } = (await res.json()) as { ticket: { id: string } };
        for (const [step, body] of [["start", {}], ["finish", { outcome: "done_on_spot" }]] as const) {
          const r = await post(`/api/service-centre/tickets/${ticket.id}/${step}`, body, token);
          if (r.status !== 200) throw new Error(`${step}: ${r.status} ${await r.text()}`);
        }
      }
    }),
  );
  const seconds = (f.stamp() - start) / 1000;
  await new Promise((r) => setTimeout(r, 1500));
  unsubscribe();
  return { commits, seconds, calls, httpMs };
}
