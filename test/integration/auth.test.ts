import { expect } from "chai";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/context.ts";
import { TokenService } from "../../server/auth/tokens.ts";
import { buildUser, TEST_PASSWORD, authHeader } from "../factories.ts";
import { testDeps, testEnv } from "../support/testDeps.ts";

describe("sign-in, sessions and tokens", () => {
  let deps: AppDeps;
  let app: Express;

  before(async () => {
    deps = await testDeps();
    app = createApp(deps);
  });

  it("signs in with the right password and answers /me from the session cookie", async () => {
    const user = await buildUser(deps.database.db, "operator");
    const agent = request.agent(app);
    const res = await agent.post("/api/auth/login").send({ username: user.username, password: TEST_PASSWORD }).expect(200);
    expect(res.body.user).to.deep.equal({
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: "operator",
      departmentId: null,
      enterpriseId: null,
      mustChangePassword: false,
    });
    expect(res.body.token).to.be.a("string");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).to.match(/ow\.sid=/).and.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
    const me = await agent.get("/api/auth/me").expect(200);
    expect(me.body.user.id).to.equal(user.id);
    expect(me.body.csrfToken).to.equal(res.body.csrfToken);
  });

  it("answers a wrong password and an unknown user with the same 401", async () => {
    const user = await buildUser(deps.database.db, "operator");
    const wrong = await request(app).post("/api/auth/login").send({ username: user.username, password: "nope-nope" }).expect(401);
    const unknown = await request(app).post("/api/auth/login").send({ username: "nobody-here", password: "nope-nope" }).expect(401);
    expect(wrong.body).to.deep.equal(unknown.body);
    expect(wrong.body.error.code).to.equal("unauthenticated");
  });

  it("refuses a disabled user", async () => {
    const user = await buildUser(deps.database.db, "operator", { active: false });
    await request(app).post("/api/auth/login").send({ username: user.username, password: TEST_PASSWORD }).expect(401);
  });

  it("rate-limits repeated failed sign-ins with 429", async () => {
    const limited = createApp(await testDeps({ env: { LOGIN_RATE_LIMIT: "3" } }));
    const user = await buildUser(deps.database.db, "operator");
    for (let i = 0; i < 3; i++) {
      await request(limited).post("/api/auth/login").send({ username: user.username, password: "wrong-password" }).expect(401);
    }
    const res = await request(limited).post("/api/auth/login").send({ username: user.username, password: TEST_PASSWORD }).expect(429);
    expect(res.body.error.code).to.equal("rate_limited");
  });

  it("counts failed sign-ins across instances with LOGIN_RATE_STORE=redis", async function () {
    if (!process.env.REDIS_URL) return this.skip();
    const env = { LOGIN_RATE_LIMIT: "3", LOGIN_RATE_STORE: "redis", REDIS_URL: process.env.REDIS_URL };
    const [a, b] = [createApp(await testDeps({ env })), createApp(await testDeps({ env }))];
    const user = await buildUser(deps.database.db, "operator");
    const attempt = (app: typeof a, password: string) => request(app).post("/api/auth/login").send({ username: user.username, password });
    await attempt(a, "wrong-password").expect(401);
    await attempt(b, "wrong-password").expect(401);
    await attempt(a, "wrong-password").expect(401);
    const res = await attempt(b, TEST_PASSWORD).expect(429);
    expect(res.body.error.code).to.equal("rate_limited");
  });

  it("lets sign-ins through, uncounted, when the shared limiter's Redis does not answer", async () => {
    // Port 9 (discard) refuses connections on this machine: every count fails, and fails open.
    const unreachable = createApp(await testDeps({ env: { LOGIN_RATE_LIMIT: "1", LOGIN_RATE_STORE: "redis", REDIS_URL: "redis://127.0.0.1:9" } }));
    const user = await buildUser(deps.database.db, "operator");
    for (let i = 0; i < 2; i++) await request(unreachable).post("/api/auth/login").send({ username: user.username, password: "wrong-password" }).expect(401);
    await request(unreachable).post("/api/auth/login").send({ username: user.username, password: TEST_PASSWORD }).expect(200);
  });

  it("refuses LOGIN_RATE_STORE=redis without REDIS_URL", () => {
    expect(() => testEnv({ LOGIN_RATE_STORE: "redis", REDIS_URL: "" })).to.throw(/LOGIN_RATE_STORE/);
  });

  it("accepts a valid bearer token and rejects a forged, expired or garbage one", async () => {
    const user = await buildUser(deps.database.db, "supervisor");
    const me = await request(app).get("/api/auth/me").set(await authHeader(deps.tokens, user)).expect(200);
    expect(me.body.user.role).to.equal("supervisor");
    const forged = await new TokenService("another-secret-of-at-least-32-characters", 3600).issue(user.id, user.sessionEpoch);
    await request(app).get("/api/auth/me").set("Authorization", `Bearer ${forged}`).expect(401);
    const expired = new TokenService(deps.signingSecret, -10);
    await request(app).get("/api/auth/me").set("Authorization", `Bearer ${await expired.issue(user.id, user.sessionEpoch)}`).expect(401);
    const garbage = await request(app).get("/api/auth/me").set("Authorization", "Bearer not.a.token").expect(401);
    expect(garbage.body.error.code).to.equal("unauthenticated");
  });

  it("stops honouring the token of a user who was disabled", async () => {
    const admin = await buildUser(deps.database.db, "admin");
    const user = await buildUser(deps.database.db, "operator");
    const header = await authHeader(deps.tokens, user);
    await request(app).get("/api/auth/me").set(header).expect(200);
    await request(app).patch(`/api/users/${user.id}`).set(await authHeader(deps.tokens, admin)).send({ active: false }).expect(200);
    await request(app).get("/api/auth/me").set(header).expect(401);
  });

  it("rejects a cookie-authenticated write without the CSRF token, accepts it with the token", async () => {
    const admin = await buildUser(deps.database.db, "admin");
    const agent = request.agent(app);
    const login = await agent.post("/api/auth/login").send({ username: admin.username, password: TEST_PASSWORD }).expect(200);
    const body = { name: "CSRF 测试客户端" };
    const refused = await agent.post("/api/integration-clients").send(body).expect(403);
    expect(refused.body.error.code).to.equal("forbidden");
    await agent.post("/api/integration-clients").set("X-CSRF-Token", "wrong").send(body).expect(403);
    await agent.post("/api/integration-clients").set("X-CSRF-Token", login.body.csrfToken).send(body).expect(201);
  });

  it("logs out: the session no longer authenticates", async () => {
    const user = await buildUser(deps.database.db, "clerk");
    const agent = request.agent(app);
    const login = await agent.post("/api/auth/login").send({ username: user.username, password: TEST_PASSWORD }).expect(200);
    await agent.post("/api/auth/logout").set("X-CSRF-Token", login.body.csrfToken).expect(204);
    await agent.get("/api/auth/me").expect(401);
  });

  it("authenticates an integration client by its API key", async () => {
    const admin = await buildUser(deps.database.db, "admin");
    const created = await request(app).post("/api/integration-clients").set(await authHeader(deps.tokens, admin)).send({ name: "浙江省12345平台" }).expect(201);
    expect(created.body.apiKey).to.match(/^owk_/);
    const me = await request(app).get("/api/auth/me").set("Authorization", `Bearer ${created.body.apiKey}`).expect(200);
    expect(me.body.user.role).to.equal("integration");
    await request(app).get("/api/auth/me").set("Authorization", "Bearer owk_notakey").expect(401);
  });
});
