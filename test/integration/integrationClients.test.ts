import { expect } from "chai";
import type { Express } from "express";
import { io as connect } from "socket.io-client";
import request from "supertest";
import type { AppDeps } from "../../server/context.ts";
import { signPayload } from "../../server/integrations/signature.ts";
import { authHeader, buildUser, unique } from "../factories.ts";
import { caseBody, type Header } from "../support/api.ts";
import { startTestServer, type TestServer } from "../support/sockets.ts";
import { testDeps } from "../support/testDeps.ts";

/** A signed request's headers for a body sent at `atSeconds`. */
function signed(apiKey: string, secret: string, body: string, atSeconds = Math.floor(Date.now() / 1000)) {
  return {
    Authorization: `Bearer ${apiKey}`,
    "Content-Type": "application/json",
    "X-OneWindow-Timestamp": String(atSeconds),
    "X-OneWindow-Signature": signPayload(secret, atSeconds, body),
  };
}

describe("integration clients: disable, rename, rotate, signed requests", () => {
  let deps: AppDeps;
  let server: TestServer;
  let app: Express;
  let admin: Header;

  before(async () => {
    deps = await testDeps();
    server = await startTestServer(deps);
    app = server.app;
    admin = await authHeader(deps.tokens, await buildUser(deps.database.db, "admin"));
  });
  after(() => server.close());

  async function newClient(name = `平台${unique()}`) {
    const res = await request(app).post("/api/integration-clients").set(admin).send({ name }).expect(201);
    expect(res.body).to.have.keys("id", "name", "apiKey", "signingSecret");
    return res.body as { id: string; name: string; apiKey: string; signingSecret: string };
  }
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  it("lists clients without keys or secrets, renames and disables/enables them (disabled → 401)", async () => {
    const c = await newClient();
    await request(app).get("/api/cases").set(bearer(c.apiKey)).expect(200);
    const renamed = await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ name: "衢州12345省平台" }).expect(200);
    expect(renamed.body.client).to.include({ name: "衢州12345省平台", active: true, requireSignature: false });
    await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ active: false }).expect(200);
    const refused = await request(app).get("/api/cases").set(bearer(c.apiKey)).expect(401);
    expect(refused.body.error.code).to.equal("unauthenticated");
    const list = await request(app).get("/api/integration-clients").set(admin).expect(200);
    const row = list.body.find((x: { id: string }) => x.id === c.id);
    expect(row).to.include({ name: "衢州12345省平台", active: false });
    expect(JSON.stringify(list.body)).not.to.contain(c.apiKey).and.not.to.contain(c.signingSecret);
    await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ active: true }).expect(200);
    await request(app).get("/api/cases").set(bearer(c.apiKey)).expect(200);
  });

  it("validates the patch and answers 404 for an unknown client and 403 for non-admins", async () => {
    const c = await newClient();
    expect((await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({}).expect(400)).body.error.code).to.equal("validation_failed");
    await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ name: "" }).expect(400);
    await request(app).patch(`/api/integration-clients/nope`).set(admin).send({ active: false }).expect(404);
    await request(app).post(`/api/integration-clients/nope/rotate`).set(admin).expect(404);
    const operator = await authHeader(deps.tokens, await buildUser(deps.database.db, "operator"));
    await request(app).patch(`/api/integration-clients/${c.id}`).set(operator).send({ active: false }).expect(403);
    await request(app).post(`/api/integration-clients/${c.id}/rotate`).set(bearer(c.apiKey)).expect(403);
  });

  it("rotates: the new key works, the old one is refused at once, and the client's open socket is disconnected", async () => {
    const c = await newClient();
    const socket = connect(server.url, { auth: { token: c.apiKey }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("connect_error", reject));
    const gone = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
    const rotated = await request(app).post(`/api/integration-clients/${c.id}/rotate`).set(admin).expect(200);
    expect(rotated.body).to.have.keys("apiKey", "signingSecret");
    expect(rotated.body.apiKey).not.to.equal(c.apiKey);
    await gone;
    await request(app).get("/api/cases").set(bearer(c.apiKey)).expect(401);
    await request(app).get("/api/cases").set(bearer(rotated.body.apiKey)).expect(200);
    socket.close();
  });

  describe("signed requests", () => {
    let c: { id: string; apiKey: string; signingSecret: string };
    before(async () => {
      c = await newClient();
      await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ requireSignature: true }).expect(200);
    });

    it("accepts a good signature over timestamp and raw body (intake and read)", async () => {
      const body = JSON.stringify(caseBody({ externalRef: unique("sig-") }));
      const res = await request(app).post("/api/cases").set(signed(c.apiKey, c.signingSecret, body)).send(body).expect(201);
      expect(res.body.case.channel).to.equal("provincial_12345");
      await request(app).get(`/api/cases/${res.body.case.id}`).set(signed(c.apiKey, c.signingSecret, "")).expect(200);
    });

    it("refuses a missing, wrong or stale signature with 401 and creates nothing", async () => {
      const ref = unique("bad-");
      const body = JSON.stringify(caseBody({ externalRef: ref }));
      const cases = async () => (await request(app).get(`/api/cases?limit=100`).set(signed(c.apiKey, c.signingSecret, "")).expect(200)).body.items.filter((x: { externalRef: string }) => x.externalRef === ref);
      await request(app).post("/api/cases").set({ ...bearer(c.apiKey), "Content-Type": "application/json" }).send(body).expect(401);
      const wrong = signed(c.apiKey, "not-the-secret", body);
      expect((await request(app).post("/api/cases").set(wrong).send(body).expect(401)).body.error.code).to.equal("unauthenticated");
      // Signed over another body (the body was altered on the way).
      const tampered = signed(c.apiKey, c.signingSecret, body.replace("噪音", "灯光"));
      await request(app).post("/api/cases").set(tampered).send(body).expect(401);
      const stale = signed(c.apiKey, c.signingSecret, body, Math.floor(Date.now() / 1000) - 301);
      await request(app).post("/api/cases").set(stale).send(body).expect(401);
      const future = signed(c.apiKey, c.signingSecret, body, Math.floor(Date.now() / 1000) + 301);
      await request(app).post("/api/cases").set(future).send(body).expect(401);
      expect(await cases()).to.deep.equal([]);
    });

    it("refuses a replay of the same timestamp and signature within the window", async () => {
      const body = JSON.stringify(caseBody({ externalRef: unique("replay-") }));
      const headers = signed(c.apiKey, c.signingSecret, body);
      await request(app).post("/api/cases").set(headers).send(body).expect(201);
      const replay = await request(app).post("/api/cases").set(headers).send(body).expect(401);
      expect(replay.body.error.message).to.match(/重放|replay/);
      // A second instance sharing the database refuses it too.
      const other = await testDeps();
      const { createApp } = await import("../../server/app.ts");
      await request(createApp(other)).post("/api/cases").set(headers).send(body).expect(401);
    });

    it("accepts two different bodiless requests signed in the same second, and refuses the same one again", async () => {
      const headers = signed(c.apiKey, c.signingSecret, "");
      await request(app).get("/api/cases?limit=1").set(headers).expect(200);
      await request(app).get("/api/cases?limit=2").set(headers).expect(200);
      await request(app).get("/api/cases?limit=2").set(headers).expect(401);
    });

    it("lets a client without requireSignature call unsigned, and refuses requireSignature before a secret exists", async () => {
      const plain = await newClient();
      await request(app).get("/api/cases").set(bearer(plain.apiKey)).expect(200);
      await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ requireSignature: false }).expect(200);
      await request(app).get("/api/cases").set(bearer(c.apiKey)).expect(200);
      await request(app).patch(`/api/integration-clients/${c.id}`).set(admin).send({ requireSignature: true }).expect(200);
      await request(app).get("/api/cases").set(bearer(c.apiKey)).expect(401);
    });
  });
});
