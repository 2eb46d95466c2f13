// POST /api/chat/sessions/{id}/messages as one statement (sportello_post_message): what the old locked transaction
// guaranteed, checked on the rows it leaves — seqs, the webhook outbox, the rate limits, refusals that write nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { newSessionId, requestOperator } from "@/lib/routing/request-operator";
import { POST as postMessage } from "@/app/api/chat/sessions/[id]/messages/route";
import { POST as closeSession } from "@/app/api/chat/sessions/[id]/close/route";
import { adminHeaders, call } from "@/test/http";
import { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";
import { withEnv } from "@/test/env";
import { signInOperator } from "@/test/sign-in-operator";

let ipCounter = 0;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

async function liveChat(operatorName?: string) {
  const operator = await createOperator({ name: operatorName, maxChats: 20 });
  const result = await requestOperator(
    { userId: uniqueUserId(), email: "cliente@test.com", question: "Dov'è il mio ordine?", priority: "medium", source: "api", channel: "web" },
    customerActor(),
  );
  if (result.type !== "operator_assigned") throw new Error("expected an assigned session");
  return { id: result.session_id, key: await claimKey(result.session_id), operator };
}

/** An endpoint that takes every message.created, the customer's too. */
async function messageEndpoint() {
  return prisma.webhookEndpoint.create({
    data: { url: "https://hooks.example.com/sportello", events: ["message.created"], includeCustomerMessages: true, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
  });
}

const lastSeq = async (id: string) => (await prisma.chatSession.findUniqueOrThrow({ where: { id }, select: { lastSeq: true } })).lastSeq;

beforeEach(async () => {
  await clearTables("webhook_deliveries", "webhook_events", "webhook_conversations", "webhook_endpoints", "messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "audit_events", "rate_limits");
});

describe("POST /api/chat/sessions/{id}/messages – one statement", () => {
  it("customer and operator writing at once: seqs gap-free, one webhook event per message in the same order, each naming its message", async () => {
    const chat = await liveChat("Giulia");
    await messageEndpoint();
    const cookie = await signInOperator(chat.operator);
    // 12 customer lines (under the per-chat limit of 20 a minute) and 8 operator replies, all in flight together.
    const posts = [
      ...Array.from({ length: 12 }, (_, i) => call(postMessage, { params: { id: chat.id }, body: { body: `c${i}` }, headers: customerHeaders(chat.key), ip: freshIp() })),
      ...Array.from({ length: 8 }, (_, i) => call(postMessage, { params: { id: chat.id }, body: { body: `o${i}`, as: "operator" }, headers: { cookie } })),
    ];
    const answers = await Promise.all(posts);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));

    const messages = await prisma.message.findMany({ where: { sessionId: chat.id }, orderBy: { seq: "asc" } });
    // The escalation wrote seq 1 (the question) and 2 (the operator joined).
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(await lastSeq(chat.id)).toBe(22);
    // Every answer is the stored row.
    for (const answer of answers) {
      const stored = messages.find((m) => m.id === answer.json.data.id)!;
      expect(answer.json.data).toMatchObject({ seq: stored.seq, body: stored.body, sender: stored.sender, created_at: stored.createdAt.toISOString() });
    }

    const events = await prisma.webhookEvent.findMany({ where: { conversationKey: `session:${chat.id}`, type: "message.created" }, orderBy: { seq: "asc" } });
    expect(events).toHaveLength(20);
    expect(await prisma.webhookDelivery.count()).toBe(20);
    const carried = events.map((e) => (e.payload as { data: { message: { id: string; seq: number; sender: string; body: string; operator_name: string | null; created_at: string } } }).data.message);
    // Events are numbered in commit order, which under the row lock is seq order.
    expect(carried.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    for (const m of carried) {
      const stored = messages.find((row) => row.id === m.id)!;
      expect(m).toEqual({
        id: stored.id,
        seq: stored.seq,
        sender: stored.sender,
        body: stored.body,
        operator_name: stored.sender === "operator" ? "Giulia" : null,
        created_at: stored.createdAt.toISOString(),
      });
    }
    const first = events[0].payload as { id: string; type: string; timestamp: string; data: { session_id: string; user_id: string } };
    expect(first).toMatchObject({ id: events[0].id, type: "message.created", data: { session_id: chat.id, user_id: expect.stringMatching(/^user_/) } });
    expect(first.timestamp).toBe(carried[0].created_at);
  });

  it("the operator's first message stamps first_response_at once; an admin key writes for the session's operator", async () => {
    const chat = await liveChat("Marco");
    const first = await call(postMessage, { params: { id: chat.id }, body: { body: "Eccomi", as: "operator" }, headers: adminHeaders() });
    expect(first.status).toBe(201);
    expect(first.json.data).toMatchObject({ sender: "operator", operator_name: "Marco" });
    const stamped = (await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id } })).firstResponseAt;
    expect(stamped?.toISOString()).toBe(first.json.data.created_at);
    await call(postMessage, { params: { id: chat.id }, body: { body: "Altro", as: "operator" }, headers: adminHeaders() });
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id } })).firstResponseAt).toEqual(stamped);
    expect((await prisma.message.findUniqueOrThrow({ where: { id: first.json.data.id } })).operatorId).toBe(chat.operator.id);
  });

  it("a rate-limited customer post writes nothing: no message, no seq, no webhook event; 429 with Retry-After", async () => {
    const chat = await liveChat();
    await messageEndpoint();
    await withEnv({ RATE_LIMIT_MESSAGES_PER_SESSION_PER_MINUTE: "2" }, async () => {
      for (const body of ["uno", "due"]) expect((await call(postMessage, { params: { id: chat.id }, body: { body }, headers: customerHeaders(chat.key), ip: freshIp() })).status).toBe(201);
      const before = { seq: await lastSeq(chat.id), events: await prisma.webhookEvent.count(), messages: await prisma.message.count() };
      const refused = await call(postMessage, { params: { id: chat.id }, body: { body: "tre" }, headers: customerHeaders(chat.key), ip: freshIp() });
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: "RATE_LIMITED", details: { retry_after: expect.any(Number) } });
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBe(refused.json.error.details.retry_after);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect({ seq: await lastSeq(chat.id), events: await prisma.webhookEvent.count(), messages: await prisma.message.count() }).toEqual(before);
      // The operator is not limited by the customer's budget.
      expect((await call(postMessage, { params: { id: chat.id }, body: { body: "Rispondo io", as: "operator" }, headers: adminHeaders() })).status).toBe(201);
    });
    // The counters are rate-limiter-flexible's rows: one window per chat, refused points counted too.
    const counter = await prisma.$queryRaw<{ points: number; expire: bigint }[]>`SELECT points, expire FROM rate_limits WHERE key = ${`msg-session:${chat.id}`}`;
    expect(counter[0].points).toBe(3);
    expect(Number(counter[0].expire)).toBeGreaterThan(Date.now());
  });

  it("a closed chat refuses with 409 and writes nothing but the rate-limit point; a wrong key is a 404 that counts nothing", async () => {
    const chat = await liveChat();
    expect((await call(closeSession, { params: { id: chat.id }, body: {}, headers: customerHeaders(chat.key) })).status).toBe(200);
    const seq = await lastSeq(chat.id);
    const closed = await call(postMessage, { params: { id: chat.id }, body: { body: "ancora?" }, headers: customerHeaders(chat.key), ip: "203.0.113.77" });
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ code: "INVALID_STATE", details: { status: "closed" } });
    // A key of the right shape that is not this chat's.
    const wrongKey = chat.key.slice(0, -2) + (chat.key.endsWith("AA") ? "BB" : "AA");
    const stranger = await call(postMessage, { params: { id: chat.id }, body: { body: "x" }, headers: customerHeaders(wrongKey), ip: "203.0.113.78" });
    expect(stranger.status).toBe(404);
    expect(await lastSeq(chat.id)).toBe(seq);
    expect(await prisma.message.count({ where: { sessionId: chat.id, body: { in: ["ancora?", "x"] } } })).toBe(0);
    const counted = await prisma.$queryRaw<{ key: string; points: number }[]>`SELECT key, points FROM rate_limits WHERE key LIKE 'msg-%' ORDER BY key`;
    expect(counted).toEqual([
      { key: "msg-ip:203.0.113.77", points: 1 },
      { key: `msg-session:${chat.id}`, points: 1 },
    ]);
  });

  it("an operator's WhatsApp reply is stored pending and queued; outside the window with no template it is refused and nothing stays", async () => {
    const operator = await createOperator({ name: "Giulia" });
    const phone = `+39333${String(Date.now()).slice(-6)}`;
    const contact = await prisma.contact.create({ data: { userId: `whatsapp:${phone}`, phone, lastWhatsappInboundAt: new Date() } });
    const session = await prisma.chatSession.create({
      data: { id: newSessionId(), contactId: contact.id, status: "active", question: "?", channel: "whatsapp", source: "whatsapp", operatorId: operator.id },
    });
    const cookie = await signInOperator(operator);
    const inside = await call(postMessage, { params: { id: session.id }, body: { body: "Ciao dal desk", as: "operator" }, headers: { cookie } });
    expect(inside.status).toBe(201);
    expect(inside.json.data).toMatchObject({ seq: 1, channel: "whatsapp", delivery_status: "pending", operator_name: "Giulia" });
    const queued = await prisma.notification.findMany({ where: { sessionId: session.id } });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ channel: "whatsapp", recipient: phone, messageId: inside.json.data.id });

    await prisma.contact.update({ where: { id: contact.id }, data: { lastWhatsappInboundAt: new Date(Date.now() - 48 * 3600_000) } });
    await withEnv({ TWILIO_TEMPLATE_TICKET_UPDATE_SID: "" }, async () => {
      const outside = await call(postMessage, { params: { id: session.id }, body: { body: "Sei ancora lì?", as: "operator" }, headers: { cookie } });
      expect(outside.status).toBe(409);
      expect(outside.json.error.code).toBe("INVALID_STATE");
    });
    expect(await lastSeq(session.id)).toBe(1);
    expect(await prisma.message.count({ where: { sessionId: session.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { sessionId: session.id } })).toBe(1);
  });
});
