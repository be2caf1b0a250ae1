import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { sql } from "drizzle-orm";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { acquireDataDirLock, openDatabase, queryRows, DataDirLockedError } from "../../server/db.ts";
import { loadEnv } from "../../server/env.ts";
import { authHeader, buildUser } from "../factories.ts";
import { testDeps } from "../support/testDeps.ts";

describe("foundation: errors, limits, health, database", () => {
  let deps: AppDeps;
  let app: Express;

  before(async () => {
    deps = await testDeps({ env: { BODY_LIMIT: "2kb" } });
    app = createApp(deps);
  });

  it("answers a schema violation with 400 validation_failed and per-field details", async () => {
    const admin = await buildUser(deps.database.db, "admin");
    const res = await request(app)
      .post("/api/users")
      .set(await authHeader(deps.tokens, admin))
      .send({ username: "x", role: "king", password: "short" })
      .expect(400);
    expect(res.body.error.code).to.equal("validation_failed");
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).to.deep.equal(["displayName", "password", "role", "username"]);
    expect(res.body.error.message).to.equal("请求内容不符合要求");
  });

  it("speaks English when the client prefers it", async () => {
    const res = await request(app).get("/api/departments").set("Accept-Language", "en-US,en;q=0.9").expect(401);
    expect(res.body.error).to.deep.equal({ code: "unauthenticated", message: "Authentication required" });
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await request(app).post("/api/auth/login").set("Content-Type", "application/json").send('{"username": ').expect(400);
    expect(res.body.error.code).to.equal("validation_failed");
  });

  it("answers an oversized body with 413 payload_too_large", async () => {
    const res = await request(app)
      .post("/api/auth/login")
      .send({ username: "a", password: "x".repeat(5000) })
      .expect(413);
    expect(res.body.error.code).to.equal("payload_too_large");
  });

  it("answers an unknown API route with 404 in the contract's shape", async () => {
    const res = await request(app).get("/api/no-such-thing").expect(404);
    expect(res.body.error.code).to.equal("not_found");
  });

  it("reports health 200 with the database up", async () => {
    const res = await request(app).get("/healthz").expect(200);
    expect(res.body).to.include({ status: "ok", db: "ok" });
  });

  it("reports health 503 when the database is unreachable", async () => {
    const broken: AppDeps = { ...deps, database: { ...deps.database, ping: () => Promise.reject(new Error("down")) } };
    const res = await request(createApp(broken)).get("/healthz").expect(503);
    expect(res.body.db).to.equal("unreachable");
  });

  it("guards admin endpoints by role", async () => {
    for (const role of ["enterprise", "operator", "clerk", "handler", "supervisor"] as const) {
      const user = await buildUser(deps.database.db, role);
      const header = await authHeader(deps.tokens, user);
      await request(app).get("/api/users").set(header).expect(403);
      await request(app).post("/api/departments").set(header).send({ code: "xx", name: "x", level: "city" }).expect(403);
      await request(app).put("/api/calendar/days").set(header).send({ year: 2027, source: "x", days: [] }).expect(403);
      await request(app).post("/api/integration-clients").set(header).send({ name: "x" }).expect(403);
    }
    await request(app).get("/api/users").expect(401);
  });

  it("lists the seeded departments, categories and calendar years", async () => {
    const user = await buildUser(deps.database.db, "operator");
    const header = await authHeader(deps.tokens, user);
    const departments = (await request(app).get("/api/departments").set(header).expect(200)).body;
    const codes = departments.map((d: { code: string }) => d.code);
    for (const code of ["env", "market", "housing", "hrss", "tax", "planning", "kecheng", "qujiang", "longyou", "jiangshan", "changshan", "kaihua"]) {
      expect(codes).to.include(code);
    }
    expect(departments.find((d: { code: string }) => d.code === "env")).to.include({ name: "市生态环境局", level: "city" });
    expect(departments.find((d: { code: string }) => d.code === "kaihua")).to.include({ name: "开化县", level: "county" });
    const categories = (await request(app).get("/api/categories").set(header).expect(200)).body;
    expect(categories.find((c: { code: string }) => c.code === "env.noise")).to.include({ signHours: 2, replyDays: 5 });
    const years = (await request(app).get("/api/calendar/years").set(header).expect(200)).body;
    expect(years.map((y: { year: number }) => y.year)).to.include.members([2025, 2026]);
  });

  it("validates configuration and lists every problem at once", () => {
    expect(() => loadEnv({ PORT: "99999", DATABASE_URL: "mysql://x", CASE_NUMBER_PREFIX: "qz" })).to.throw(/PORT[\s\S]*DATABASE_URL[\s\S]*CASE_NUMBER_PREFIX/);
    expect(() => loadEnv({ NODE_ENV: "production" })).to.throw(/SESSION_SECRET/);
  });

  it("has applied every migration (tables exist on this engine)", async () => {
    const rows = await queryRows<{ n: number }>(
      deps.database.db,
      sql`select count(*)::int as n from information_schema.tables where table_name in ('users','cases','case_events','case_assignments','calendar_days','sessions')`,
    );
    expect(Number(rows[0].n)).to.equal(6);
  });

  describe("the embedded database's lock file", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "ow-lock-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("refuses a second opener of the same directory with a clear message", () => {
      const release = acquireDataDirLock(dir);
      try {
        expect(() => acquireDataDirLock(dir)).to.throw(DataDirLockedError, /already open|in use/);
      } finally {
        release();
      }
      // Released: it can be taken again.
      acquireDataDirLock(dir)();
    });

    it("takes over a stale lock left by a dead process", async () => {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(path.join(dir, "onewindow.lock"), "999999");
      const release = acquireDataDirLock(dir);
      release();
    });

    it("refuses a second process while the first holds the directory", async function () {
      this.timeout(60000);
      const { spawn } = await import("node:child_process");
      const database = await openDatabase({ databaseUrl: null, dataDir: dir });
      try {
        const child = spawn(process.execPath, ["--import", "tsx", "-e", `import("${path.resolve("server/db.ts")}").then(m => m.openDatabase({databaseUrl: null, dataDir: ${JSON.stringify(dir)}})).then(() => process.exit(0), e => { console.error(e.message); process.exit(3); })`], { stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (b) => (stderr += b));
        const code = await new Promise((resolve) => child.on("exit", resolve));
        expect(code).to.equal(3);
        expect(stderr).to.match(/in use by another OneWindow process/);
      } finally {
        await database.close();
      }
    });
  });
});
