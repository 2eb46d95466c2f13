// No customer key, token, API key, signature, cookie or message body in any log line: real requests to the production
// build (its stdout captured at debug level) and real refused subscriptions, on the app's auth endpoint and on the
// bundled realtime server (its own logger captured), then every captured line is scanned for the secrets.
import { randomBytes } from "node:crypto";
import PusherServer from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalPusherServer, type LocalPusherServer, type LocalServerLogger } from "@/lib/realtime/local-server/server";
import { startAppServer, type AppServer } from "@/test/app-server";
import { createOperator, uniqueUserId } from "@/test/fixtures";
import { Harness } from "@/test/doubles/local-pusher";
import { waitFor, waitUntil } from "@/test/doubles/wait-until";

const pusherApp = { appId: "424243", key: randomBytes(10).toString("hex"), secret: randomBytes(20).toString("hex") };
const appLines: string[] = [];
const realtimeLines: string[] = [];
let app: AppServer;
let realtime: LocalPusherServer;
const harness = new Harness();

function capture(level: string): LocalServerLogger[keyof LocalServerLogger] {
  return (fields, message) => realtimeLines.push(JSON.stringify({ level, ...fields, msg: message }));
}

beforeAll(async () => {
  realtime = await startLocalPusherServer({
    host: "127.0.0.1",
    port: 0,
    ...pusherApp,
    logger: { debug: capture("debug"), info: capture("info"), warn: capture("warn"), error: capture("error") },
  });
  app = await startAppServer(
    {
      DATABASE_URL: process.env.DATABASE_URL!,
      ADMIN_API_KEY: process.env.ADMIN_API_KEY!,
      AUTH_SECRET: process.env.AUTH_SECRET!,
      LOG_LEVEL: "debug",
      PUSHER_APP_ID: pusherApp.appId,
      PUSHER_KEY: pusherApp.key,
      PUSHER_SECRET: pusherApp.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(realtime.port),
      PUSHER_USE_TLS: "false",
    },
    (chunk) => appLines.push(...chunk.split("\n").filter(Boolean)),
  );
}, 120_000);

afterAll(async () => {
  await harness.closeAll();
  await app?.stop();
  await realtime?.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}, form = false): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json", ...headers },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
}

describe("logs carry no secrets", () => {
  it("requests, refused subscriptions and failures leave no key, token, signature, cookie or body in the logs", async () => {
    await createOperator({ maxChats: 5 });
    const adminKey = process.env.ADMIN_API_KEY!;
    const escalation = await post(
      "/api/chat/request-operator",
      { user_id: uniqueUserId("logs"), user_email: "privata@example.com", question: "SEGRETO-domanda-7731" },
      { authorization: `Bearer ${adminKey}` },
    );
    expect(escalation.status).toBe(200);
    const sessionId = ((await escalation.json()) as { session_id: string }).session_id;
    const otherSession = ((await (
      await post("/api/chat/request-operator", { user_id: uniqueUserId("logs"), question: "altra" }, { authorization: `Bearer ${adminKey}` })
    ).json()) as { session_id: string }).session_id;

    // The customer's browser claims the chat and gets its key.
    const claim = await post(`/api/chat/sessions/${sessionId}/claim`, {});
    expect(claim.status).toBe(201);
    const customerKey = ((await claim.json()) as { data: { session_key: string } }).data.session_key;
    const otherKey = ((await (await post(`/api/chat/sessions/${otherSession}/claim`, {})).json()) as { data: { session_key: string } }).data.session_key;

    const body = "SEGRETO-messaggio-4412";
    expect((await post(`/api/chat/sessions/${sessionId}/messages`, { body, as: "customer" }, { "x-session-key": customerKey })).status).toBe(201);
    expect((await fetch(`${app.url}/api/chat/sessions/${sessionId}?after_seq=0`, { headers: { "x-session-key": customerKey } })).status).toBe(200);
    // A wrong key on the session API is refused and logged as a request like any other.
    expect((await fetch(`${app.url}/api/chat/sessions/${sessionId}`, { headers: { "x-session-key": otherKey } })).status).toBe(404);

    // Refused on the app's auth endpoint: another session's key, and no key at all.
    const socketId = "1234.5678";
    const refused = await post("/api/realtime/auth", { socket_id: socketId, channel_name: `private-session-${sessionId}`, session_key: otherKey }, {}, true);
    expect(refused.status).toBe(403);
    expect((await post("/api/realtime/auth", { socket_id: socketId, channel_name: `private-session-${otherSession}` }, {}, true)).status).toBe(403);

    // Credentials that do not work still must not be echoed: an API key, a session cookie, a ticket token.
    const bogusKey = `spk_${randomBytes(24).toString("hex")}`;
    expect((await fetch(`${app.url}/api/chat/queue`, { headers: { authorization: `Bearer ${bogusKey}` } })).status).toBe(401);
    const cookieValue = randomBytes(24).toString("hex");
    await fetch(`${app.url}/api/chat/my-sessions`, { headers: { cookie: `better-auth.session_token=${cookieValue}` } });
    const ticketToken = randomBytes(24).toString("base64url");
    expect((await fetch(`${app.url}/api/public/tickets/${ticketToken}`)).status).toBeGreaterThanOrEqual(400);

    // Refused by the realtime server itself: a forged signature on a session channel, over a bare socket.
    const raw = await harness.raw(realtime, `/app/${pusherApp.key}?protocol=7`);
    const established = await raw.next("pusher:connection_established");
    const rawSocketId = (JSON.parse(established.data as string) as { socket_id: string }).socket_id;
    const forged = `${pusherApp.key}:${"ab".repeat(32)}`;
    raw.send({ event: "pusher:subscribe", data: { channel: `private-session-${sessionId}`, auth: forged } });
    await raw.next("pusher:subscription_error");
    // And a valid signature, to show the realtime server's accepted lines are clean too.
    const sdk = new PusherServer({ ...pusherApp, host: "127.0.0.1", port: String(realtime.port), useTLS: false });
    const signed = sdk.authorizeChannel(rawSocketId, `private-session-${otherSession}`);
    raw.send({ event: "pusher:subscribe", data: { channel: `private-session-${otherSession}`, auth: signed.auth } });
    await raw.next("pusher_internal:subscription_succeeded");

    // The app's request lines are written when each response is sent; wait until the last one is there.
    await waitUntil("the app's log lines", () => appLines.some((line) => line.includes("/api/public/tickets/")), 10_000);
    await waitFor<void>("a quiet moment for the last lines", (resolve) => setTimeout(resolve, 200));

    const lines = [...appLines, ...realtimeLines];
    // The lines we scan are the ones about these events, not an empty capture.
    expect(appLines.some((line) => line.includes("realtime subscription refused"))).toBe(true);
    expect(appLines.some((line) => line.includes("/api/chat/sessions/[redacted]/messages"))).toBe(true);
    expect(appLines.some((line) => line.includes('"status":401'))).toBe(true);
    expect(realtimeLines.some((line) => line.includes("realtime subscription refused") && line.includes("private-session-[redacted]"))).toBe(true);

    const secrets = {
      customerKey,
      otherKey,
      sessionId,
      otherSession,
      body,
      question: "SEGRETO-domanda-7731",
      adminKey,
      bogusKey,
      cookieValue,
      ticketToken,
      forgedSignature: "ab".repeat(32),
      validSignature: signed.auth.split(":")[1],
      pusherSecret: pusherApp.secret,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      const leaking = lines.filter((line) => line.includes(secret));
      expect(leaking, `${name} found in the logs`).toEqual([]);
    }
  }, 60_000);
});
