import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { verifyWebhook, WebhookVerificationError } from "./webhooks";

// The server signs with the standardwebhooks library: the kit must accept exactly what it produces.
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const other = "whsec_dGhpcyBpcyBhIGRpZmZlcmVudCBzZWNyZXQhISE=";
const body = JSON.stringify({ id: "evt_1", type: "session.closed", timestamp: "2026-03-10T10:00:00Z", data: { session_id: "s", user_id: "u", closed_by: "operator", reason: null } });
const now = Date.UTC(2026, 2, 10, 10, 0, 0);

function headers(secrets: string[], at = now) {
  const date = new Date(at);
  return {
    "webhook-id": "evt_1",
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": secrets.map((s) => new Webhook(s).sign("evt_1", date, body)).join(" "),
  };
}

describe("verifyWebhook", () => {
  it("accepts a request signed by the standardwebhooks library and returns the event", async () => {
    const event = await verifyWebhook(body, headers([secret]), secret, { now });
    expect(event.type).toBe("session.closed");
  });

  it("accepts either signature during a rotation, and a Headers object", async () => {
    const both = headers([other, secret]);
    await expect(verifyWebhook(body, new Headers(both), secret, { now })).resolves.toMatchObject({ id: "evt_1" });
    await expect(verifyWebhook(body, both, [other], { now })).resolves.toMatchObject({ id: "evt_1" });
  });

  it.each([
    ["a tampered body", () => verifyWebhook(body.replace("operator", "customer"), headers([secret]), secret, { now })],
    ["another secret", () => verifyWebhook(body, headers([other]), secret, { now })],
    ["an old timestamp", () => verifyWebhook(body, headers([secret], now - 10 * 60_000), secret, { now })],
    ["missing headers", () => verifyWebhook(body, {}, secret, { now })],
  ])("refuses %s", async (_, run) => {
    await expect(run()).rejects.toBeInstanceOf(WebhookVerificationError);
  });
});
