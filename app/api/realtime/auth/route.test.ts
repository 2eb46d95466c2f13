import { createHmac } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const PUSHER = vi.hoisted(() => {
  const app = { appId: "4242", key: "test-key", secret: "test-secret" };
  // Before any module reads the environment (lib/env caches it).
  process.env.PUSHER_APP_ID = app.appId;
  process.env.PUSHER_KEY = app.key;
  process.env.PUSHER_SECRET = app.secret;
  process.env.PUSHER_HOST = "127.0.0.1";
  process.env.PUSHER_PORT = "6999";
  return app;
});

import { NextRequest } from "next/server";
import { POST } from "@/app/api/realtime/auth/route";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { claimKey, createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { clearTables } from "@/test/db";

const SOCKET = "1234.5678";

async function authorize(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const request = new NextRequest("http://localhost:3001/api/realtime/auth", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ socket_id: SOCKET, ...fields }).toString(),
  });
  const response = await POST(request, { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const expectedAuth = (channel: string, channelData?: string) =>
  `${PUSHER.key}:${createHmac("sha256", PUSHER.secret)
    .update(`${SOCKET}:${channel}${channelData ? `:${channelData}` : ""}`)
    .digest("hex")}`;

async function newSession(): Promise<string> {
  const result = await requestOperator(
    { userId: uniqueUserId(), question: "Aiuto col mio ordine", priority: "medium", source: "api", channel: "web" },
    customerActor(),
  );
  if (result.type === "ticket_created") throw new Error("expected a chat session");
  return result.session_id;
}

let operatorA: { id: string; email: string; name: string };
let operatorB: { id: string; email: string };
let admin: { id: string; email: string };
let cookieA: string;
let cookieB: string;
let adminCookie: string;
let sessionOfA: string;
let keyOfA: string;
let otherSession: string;

beforeAll(async () => {
  await clearTables("chat_sessions", "operators");
  operatorA = await createOperator({ name: "Giulia", maxChats: 1 });
  sessionOfA = await newSession(); // A has the only seat online
  keyOfA = await claimKey(sessionOfA);
  operatorB = await createOperator({ status: "offline" });
  admin = await createOperator({ role: "admin", status: "offline" });
  otherSession = await newSession(); // queued
  [cookieA, cookieB, adminCookie] = await Promise.all([signInOperator(operatorA), signInOperator(operatorB), signInOperator(admin)]);
});

beforeEach(() => vi.restoreAllMocks());

describe("POST /api/realtime/auth", () => {
  it("lets a customer follow the session whose key they hold, signed for that socket and channel", async () => {
    const channel = `private-session-${sessionOfA}`;
    const { status, body } = await authorize({ channel_name: channel, session_key: keyOfA });
    expect(status).toBe(200);
    expect(body).toEqual({ auth: expectedAuth(channel) });
  });

  it("gives operators their presence membership with name and role", async () => {
    const { status, body } = await authorize({ channel_name: "presence-operators" }, { cookie: cookieA });
    expect(status).toBe(200);
    const channelData = JSON.parse(String(body.channel_data));
    expect(channelData).toEqual({ user_id: operatorA.id, user_info: { name: "Giulia", role: "operator" } });
    expect(body.auth).toBe(expectedAuth("presence-operators", String(body.channel_data)));
  });

  const cases: [string, () => Record<string, string>, () => Record<string, string>, number][] = [
    ["customer – another session's channel", () => ({ channel_name: `private-session-${otherSession}`, session_key: keyOfA }), () => ({}), 403],
    ["customer – the session id as its key (finding 1)", () => ({ channel_name: `private-session-${sessionOfA}`, session_key: sessionOfA }), () => ({}), 403],
    ["customer – the old session_id parameter (finding 1)", () => ({ channel_name: `private-session-${sessionOfA}`, session_id: sessionOfA }), () => ({}), 403],
    ["customer – no session key", () => ({ channel_name: `private-session-${sessionOfA}` }), () => ({}), 403],
    ["customer – a session that does not exist", () => ({ channel_name: "private-session-AAAAAAAAAAAAAAAAAAAAAAAA", session_key: keyOfA }), () => ({}), 403],
    ["customer – the queue", () => ({ channel_name: "private-queue" }), () => ({}), 403],
    ["customer – an operator's channel", () => ({ channel_name: `private-operator-${operatorA.id}` }), () => ({}), 403],
    ["customer – presence", () => ({ channel_name: "presence-operators" }), () => ({}), 403],
    ["operator – a session assigned to someone else", () => ({ channel_name: `private-session-${sessionOfA}` }), () => ({ cookie: cookieB }), 403],
    ["operator – a queued session", () => ({ channel_name: `private-session-${otherSession}` }), () => ({ cookie: cookieA }), 403],
    ["operator – another operator's channel", () => ({ channel_name: `private-operator-${operatorB.id}` }), () => ({ cookie: cookieA }), 403],
    ["anyone – an unknown channel", () => ({ channel_name: "private-secrets" }), () => ({ cookie: adminCookie }), 403],
    ["anyone – a public channel", () => ({ channel_name: "session-abc" }), () => ({ cookie: adminCookie }), 403],
    ["bad socket id", () => ({ channel_name: "private-queue", socket_id: "x" }), () => ({ cookie: cookieA }), 400],
    ["a wrong API key", () => ({ channel_name: "private-queue" }), () => ({ authorization: "Bearer spk_nope" }), 401],
  ];
  it.each(cases)("refuses: %s", async (_label, fields, headers, expected) => {
    const { status, body } = await authorize(fields(), headers());
    expect(status).toBe(expected);
    expect(body).toMatchObject({ success: false, error: { code: expect.any(String) } });
  });

  const allowed: [string, () => Record<string, string>, () => Record<string, string>][] = [
    ["operator – the session assigned to them", () => ({ channel_name: `private-session-${sessionOfA}` }), () => ({ cookie: cookieA })],
    ["operator – their own channel", () => ({ channel_name: `private-operator-${operatorA.id}` }), () => ({ cookie: cookieA })],
    ["operator – the queue", () => ({ channel_name: "private-queue" }), () => ({ cookie: cookieB })],
    ["admin – any session", () => ({ channel_name: `private-session-${otherSession}` }), () => ({ cookie: adminCookie })],
    ["admin – any operator's channel", () => ({ channel_name: `private-operator-${operatorA.id}` }), () => ({ cookie: adminCookie })],
    ["admin API key – the queue", () => ({ channel_name: "private-queue" }), () => ({ authorization: `Bearer ${process.env.ADMIN_API_KEY}` })],
  ];
  it.each(allowed)("allows: %s", async (_label, fields, headers) => {
    const fieldValues = fields();
    const { status, body } = await authorize(fieldValues, headers());
    expect(status).toBe(200);
    expect(body.auth).toBe(expectedAuth(fieldValues.channel_name));
  });

  it("stops following a session once it is transferred away", async () => {
    await prisma.chatSession.update({ where: { id: sessionOfA }, data: { operatorId: operatorB.id } });
    try {
      expect((await authorize({ channel_name: `private-session-${sessionOfA}` }, { cookie: cookieA })).status).toBe(403);
      expect((await authorize({ channel_name: `private-session-${sessionOfA}` }, { cookie: cookieB })).status).toBe(200);
    } finally {
      await prisma.chatSession.update({ where: { id: sessionOfA }, data: { operatorId: operatorA.id } });
    }
  });
});
