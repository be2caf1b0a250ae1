import type { Express } from "express";
import { expect } from "chai";
import request from "supertest";
import type { UserRow } from "../../models/schema/index.ts";
import { TEST_PASSWORD } from "../factories.ts";
import { connectClient, connectError, type TestClient } from "./sockets.ts";

/** Everything one user holds at once: a bearer token, a browser session (cookie), and two open sockets (token and cookie). */
export interface SignedIn {
  token: string;
  cookie: string;
  csrfToken: string;
  tokenSocket: TestClient;
  cookieSocket: TestClient;
  /** Resolves with both sockets' disconnect reasons. */
  disconnected: Promise<string[]>;
}

/** Signs the user in twice (one bearer token, one cookie session) and opens a socket with each, on the given instance. */
export async function signInEverywhere(app: Express, url: string, user: UserRow, password = TEST_PASSWORD): Promise<SignedIn> {
  const byToken = await request(app).post("/api/auth/login").send({ username: user.username, password }).expect(200);
  const byCookie = await request(app).post("/api/auth/login").send({ username: user.username, password }).expect(200);
  const cookie = (byCookie.headers["set-cookie"] as unknown as string[]).map((c) => c.split(";")[0]).join("; ");
  const tokenSocket = await connectClient(url, { token: byToken.body.token });
  const cookieSocket = await connectClient(url, { cookie });
  const disconnected = Promise.all([tokenSocket, cookieSocket].map((c) => new Promise<string>((resolve) => c.socket.once("disconnect", resolve))));
  return { token: byToken.body.token, cookie, csrfToken: byCookie.body.csrfToken, tokenSocket, cookieSocket, disconnected };
}

/** Asserts that the token, the cookie session and both sockets have ended on this instance, and the token cannot reconnect. */
export async function expectEnded(app: Express, url: string, held: SignedIn): Promise<void> {
  await request(app).get("/api/auth/me").set("Authorization", `Bearer ${held.token}`).expect(401);
  await request(app).get("/api/auth/me").set("Cookie", held.cookie).expect(401);
  const reasons = await Promise.race([held.disconnected, new Promise<string[]>((resolve) => setTimeout(() => resolve(["still connected"]), 3000))]);
  expect(reasons).to.deep.equal(["io server disconnect", "io server disconnect"]);
  expect(await connectError(url, { token: held.token })).to.equal("unauthorized");
  expect(await connectError(url, { cookie: held.cookie })).to.equal("unauthorized");
}

/** Closes the sockets a test opened (whether or not the server already did). */
export function closeAll(...held: (SignedIn | undefined)[]): void {
  for (const h of held) {
    h?.tokenSocket.socket.close();
    h?.cookieSocket.socket.close();
  }
}
