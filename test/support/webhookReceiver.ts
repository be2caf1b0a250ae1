/**
 * A small webhook receiver for tests, benches and integrators to copy: it checks each delivery's signature
 * (HMAC-SHA256 over timestamp + "." + raw body, 300 s window), dedupes by X-OneWindow-Delivery, records what
 * it got, and can be told to answer with an error, to answer slowly, or to be down (connections refused).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signatureProblem } from "../../server/integrations/signature.ts";

/** One delivery as the receiver got it. */
export interface ReceivedDelivery {
  id: string;
  event: string;
  body: { id: string; event: string; case: { id: string; [k: string]: unknown }; [k: string]: unknown };
  receivedAt: number;
  duplicate: boolean;
}

export class WebhookReceiver {
  /** Every accepted request, duplicates included, in arrival order. */
  readonly deliveries: ReceivedDelivery[] = [];
  /** Requests refused for a bad, stale or missing signature. */
  rejected = 0;
  /** When set, every request is answered with this status (e.g. 500) and not recorded. */
  failWith: number | null = null;
  /** Delay before answering, in ms. */
  delayMs = 0;
  private server: Server | null = null;
  private readonly seen = new Set<string>();
  port = 0;

  /** The secrets deliveries may be signed with (one per subscription that points here). */
  secrets: string[];

  constructor(secret = "") {
    this.secrets = [secret];
  }

  /** Accept deliveries signed with this secret (replacing the others). */
  set secret(value: string) {
    this.secrets = [value];
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Distinct deliveries (first arrival of each delivery id). */
  get unique(): ReceivedDelivery[] {
    return this.deliveries.filter((d) => !d.duplicate);
  }

  /** Listens (again) on its port; the first start picks a free one. */
  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req).then(([status, text]) => res.writeHead(status, { "content-type": "text/plain" }).end(text)));
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Goes down: closes the listener and every open connection (new ones are refused). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `n` distinct deliveries arrived (or rejects after timeoutMs). */
  async waitFor(n: number, timeoutMs = 20_000): Promise<ReceivedDelivery[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.unique.length < n) {
      if (Date.now() > deadline) throw new Error(`receiver got ${this.unique.length} of ${n} deliveries within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.unique;
  }

  private async handle(req: IncomingMessage): Promise<[number, string]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failWith) return [this.failWith, "failing on purpose"];
    const headers = { timestamp: header(req, "x-onewindow-timestamp"), signature: header(req, "x-onewindow-signature") };
    const problems = this.secrets.map((secret) => signatureProblem(secret, headers, raw, Date.now()));
    const problem = problems.includes(null) ? null : problems[0];
    if (problem) {
      this.rejected++;
      return [401, problem];
    }
    const id = header(req, "x-onewindow-delivery") ?? "";
    const duplicate = this.seen.has(id);
    this.seen.add(id);
    this.deliveries.push({ id, event: header(req, "x-onewindow-event") ?? "", body: JSON.parse(raw.toString("utf8")), receivedAt: Date.now(), duplicate });
    return [200, "ok"];
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
