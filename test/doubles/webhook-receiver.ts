// A local HTTP receiver for outbound webhooks, as an integrator would run one: it verifies every request with the
// standardwebhooks library and keeps what arrived (all of it, and the deduplicated view by webhook-id).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedWebhook {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown> & { session_id?: string | null; user_id?: string; ticket_id?: number };
  headers: Record<string, string>;
  body: string;
  /** The request's path and query: tells apart two endpoints registered on this one receiver. */
  path: string;
}

export type ReceiverMode = "ok" | "down" | "gone" | "refuse";

export class WebhookReceiver {
  /** Every request, in arrival order (duplicates included). */
  readonly requests: ReceivedWebhook[] = [];
  /** Requests whose signature did not verify. */
  readonly rejected: string[] = [];
  mode: ReceiverMode = "ok";
  /** Answers 500 to the first attempt of these webhook ids (a flaky receiver). */
  readonly failFirstAttemptOf = new Set<string>();
  secrets: string[] = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = http.createServer();
    const receiver = new WebhookReceiver(server);
    server.on("request", (request, response) => receiver.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** First arrival per webhook id: what a receiver that deduplicates sees. */
  get unique(): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.requests.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  }

  forConversation(sessionId: string): ReceivedWebhook[] {
    return this.unique.filter((r) => r.data.session_id === sessionId);
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (this.mode === "refuse") {
        request.socket.destroy();
        return;
      }
      if (this.mode === "down") {
        response.writeHead(503).end("down");
        return;
      }
      if (this.mode === "gone") {
        response.writeHead(410).end("gone");
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      const verified = this.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      if (!verified) {
        this.rejected.push(headers["webhook-id"] ?? "?");
        response.writeHead(400).end("bad signature");
        return;
      }
      const id = headers["webhook-id"];
      if (this.failFirstAttemptOf.delete(id)) {
        response.writeHead(500).end("flaky");
        return;
      }
      const payload = JSON.parse(body) as Omit<ReceivedWebhook, "headers" | "body" | "path">;
      this.requests.push({ ...payload, headers, body, path: request.url ?? "/" });
      response.writeHead(204).end();
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
