// The app logger's own configuration, written to a captured stream: what the code logs about realtime channels,
// request paths, credentials and failed Pusher calls comes out without the secrets, and still says what happened.
import { Writable } from "node:stream";
import pino from "pino";
import PusherServer from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggerOptions } from "@/lib/log/logger";
import { redactChannelName, redactUrl, scrubText } from "@/lib/log/redact";
import { startLocalPusherServer, type LocalPusherServer } from "@/lib/realtime/local-server/server";

const SESSION_ID = "Xq2LvJbLQEyxj5mRIdjksuNf";

function capturedLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ ...loggerOptions, level: "debug" }, stream);
  const text = () => chunks.join("");
  return { logger, text, lines: () => text().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

let realtime: LocalPusherServer;
beforeAll(async () => {
  realtime = await startLocalPusherServer({ host: "127.0.0.1", port: 0, appId: "1", key: "log-key", secret: "right-secret" });
});
afterAll(() => realtime.close());

describe("redaction helpers", () => {
  it.each([
    [`private-session-${SESSION_ID}`, "private-session-[redacted]"],
    [`private-encrypted-session-${SESSION_ID}`, "private-encrypted-session-[redacted]"],
    ["private-operator-op_1", "private-operator-op_1"],
    ["presence-operators", "presence-operators"],
  ])("channel %s → %s", (channel, expected) => {
    expect(redactChannelName(channel)).toBe(expected);
  });

  it.each([
    [`/api/chat/sessions/${SESSION_ID}/messages`, "/api/chat/sessions/[redacted]/messages"],
    [`/api/chat/sessions/${SESSION_ID}?after_seq=3`, "/api/chat/sessions/[redacted]?after_seq=[redacted]"],
    ["/api/public/tickets/tok3nTok3nTok3nTok3n", "/api/public/tickets/[redacted]"],
    ["/ticket/abc", "/ticket/[redacted]"],
    ["/api/auth/reset-password/r3set?callbackURL=%2Fset-password", "/api/auth/reset-password/[redacted]?callbackURL=[redacted]"],
    ["/api/chat/queue", "/api/chat/queue"],
    ["/api/chat/request-operator", "/api/chat/request-operator"],
    ["http://127.0.0.1:6001/apps/1/batch_events?auth_key=k&auth_signature=deadbeef", "http://127.0.0.1:6001/apps/1/batch_events?auth_key=[redacted]&auth_signature=[redacted]"],
  ])("url %s → %s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it("cleans free text: session channels, query values and bearer credentials", () => {
    expect(scrubText("at getSessionView (lib/chat/get-session-view.ts:12)")).toBe("at getSessionView (lib/chat/get-session-view.ts:12)");
    expect(scrubText(`POST /api/chat/sessions/${SESSION_ID}/messages failed`)).toBe("POST /api/chat/sessions/[redacted]/messages failed");
    expect(scrubText(`not subscribed to private-session-${SESSION_ID} (GET /x?token=abc&y=2), Authorization: Bearer sk_live_123`)).toBe(
      "not subscribed to private-session-[redacted] (GET /x?token=[redacted]&y=[redacted]), Authorization: Bearer [redacted]",
    );
  });
});

describe("the app logger", () => {
  it("keeps what happened and drops the secrets from fields, nested objects and messages", () => {
    const { logger, lines, text } = capturedLogger();
    logger.info({ request_id: "r1", channel: `private-session-${SESSION_ID}`, reason: "session key required" }, "realtime subscription refused");
    logger.info({ method: "POST", path: `/api/chat/sessions/${SESSION_ID}/messages`, status: 201 }, "request");
    logger.info(
      { headers: { authorization: "Bearer spk_secret_key", cookie: "better-auth.session_token=c00kie", "x-session-key": "k3y" }, session_key: "k3y2", body: "ciao segreto" },
      "with credentials",
    );
    logger.warn(`refused private-session-${SESSION_ID} for /x?session_id=${SESSION_ID}`);

    const [refused, request, credentials, message] = lines();
    expect(refused).toMatchObject({ channel: "private-session-[redacted]", reason: "session key required", msg: "realtime subscription refused" });
    expect(request).toMatchObject({ method: "POST", status: 201, path: "/api/chat/sessions/[redacted]/messages" });
    expect(credentials).toMatchObject({
      headers: { authorization: "[redacted]", cookie: "[redacted]", "x-session-key": "[redacted]" },
      session_key: "[redacted]",
      body: "[redacted]",
    });
    expect(message.msg).toBe("refused private-session-[redacted] for /x?session_id=[redacted]");
    for (const secret of [SESSION_ID, "spk_secret_key", "c00kie", "k3y", "ciao segreto"]) expect(text()).not.toContain(secret);
  });

  it("logs a failed Pusher call without the signed URL's signature or the event body", async () => {
    const sdk = new PusherServer({ appId: "1", key: "log-key", secret: "wrong-secret", host: "127.0.0.1", port: String(realtime.port), useTLS: false });
    const error = await sdk
      .trigger(`private-session-${SESSION_ID}`, "message.created", { body: "testo privato" })
      .then(() => undefined, (failure: unknown) => failure);
    expect(error).toBeInstanceOf(Error);
    // The SDK's error does carry them: this is what the logger must clean.
    expect(JSON.stringify({ ...(error as object) })).toContain("auth_signature=");

    const { logger, lines, text } = capturedLogger();
    logger.warn({ err: error, events: ["message.created"] }, "realtime publish failed");
    const [line] = lines();
    expect(line).toMatchObject({ msg: "realtime publish failed", err: { status: 401 } });
    expect(String((line.err as { url: string }).url)).toMatch(/auth_signature=\[redacted\]/);
    expect(text()).not.toMatch(/auth_signature=[0-9a-f]{64}/);
    expect(text()).not.toContain("wrong-secret");
  });
});
