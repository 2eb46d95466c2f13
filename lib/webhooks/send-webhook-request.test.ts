// The webhook HTTP client against a real local server: kept-alive connections are reused, a pooled connection the
// server dropped is replaced at once, and the address policy still holds for pooled connections.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { setEnv, withEnv } from "@/test/env";

setEnv({ WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_TIMEOUT_MS: "2000" });
const { BlockedAddressError, sendWebhookRequest } = await import("@/lib/webhooks/send-webhook-request");

const sockets = new Set<Socket>();
const perSocket = new Map<Socket, number>();
let requests = 0;
/** Drops the connection, unanswered, when the next request arrives on a reused one (a keep-alive connection gone stale). */
let dropNextReused = false;
const server = http.createServer((request, response) => {
  const count = (perSocket.get(request.socket) ?? 0) + 1;
  perSocket.set(request.socket, count);
  request.resume();
  request.on("end", () => {
    if (dropNextReused && count > 1) {
      dropNextReused = false;
      request.socket.destroy();
      return;
    }
    requests += 1;
    response.writeHead(200, { "content-type": "text/plain" }).end(`ok ${requests}`);
  });
});
server.on("connection", (socket) => sockets.add(socket));
// Every local interface: "localhost" may resolve to 127.0.0.1 or ::1.
await new Promise<void>((resolve) => server.listen(0, resolve));
const port = (server.address() as AddressInfo).port;
const url = `http://localhost:${port}/hooks`;

beforeEach(() => {
  dropNextReused = false;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("sendWebhookRequest", () => {
  it("reuses one kept-alive connection for requests one after another", async () => {
    const before = sockets.size;
    for (let i = 0; i < 3; i++) {
      const response = await sendWebhookRequest(url, { "webhook-id": `msg_${i}` }, "{}");
      expect(response.status).toBe(200);
      expect(response.body).toMatch(/^ok \d+$/);
    }
    expect(sockets.size - before).toBe(1);
  });

  it("sends again on a fresh connection when a pooled one was dropped", async () => {
    await sendWebhookRequest(url, {}, "{}");
    dropNextReused = true;
    const before = sockets.size;
    const response = await sendWebhookRequest(url, {}, "{}");
    expect(response.status).toBe(200);
    expect(sockets.size - before).toBe(1);
  });

  it("never hands a connection opened while private targets were allowed to a request made with them refused", async () => {
    expect((await sendWebhookRequest(url, {}, "{}")).status).toBe(200);
    const seen = requests;
    await withEnv({ WEBHOOK_ALLOW_PRIVATE: "false" }, async () => {
      await expect(sendWebhookRequest(url, {}, "{}")).rejects.toBeInstanceOf(BlockedAddressError);
      await expect(sendWebhookRequest(`http://127.0.0.1:${port}/hooks`, {}, "{}")).rejects.toBeInstanceOf(BlockedAddressError);
    });
    expect(requests).toBe(seen);
  });
});
