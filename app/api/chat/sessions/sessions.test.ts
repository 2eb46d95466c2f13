import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { GET as getSession } from "@/app/api/chat/sessions/[id]/route";
import { POST as postMessage } from "@/app/api/chat/sessions/[id]/messages/route";
import { POST as closeSession } from "@/app/api/chat/sessions/[id]/close/route";
import { POST as markRead } from "@/app/api/chat/sessions/[id]/read/route";
import { POST as transfer } from "@/app/api/chat/sessions/[id]/transfer/route";
import { POST as toTicket } from "@/app/api/chat/sessions/[id]/ticket/route";
import { GET as getQueue } from "@/app/api/chat/queue/route";
import { GET as mySessions } from "@/app/api/chat/my-sessions/route";
import { GET as stats } from "@/app/api/chat/stats/route";
import { POST as createApiKey } from "@/app/api/admin/api-keys/route";
import { adminHeaders, call } from "@/test/http";
import { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

async function escalate(overrides: { priority?: "low" | "medium" | "high" | "urgent"; metadata?: object } = {}) {
  const result = await requestOperator(
    { userId: uniqueUserId(), email: "cliente@test.com", question: "Dov'è il mio ordine?", priority: overrides.priority ?? "medium", metadata: overrides.metadata ?? { source: "chatbot", order: 42 }, source: "api", channel: "web" },
    customerActor(),
  );
  if (result.type === "ticket_created") throw new Error("expected a session");
  return { ...result, key: await claimKey(result.session_id) };
}

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "api_keys", "audit_events", "rate_limits");
});

describe("GET /api/chat/sessions/{id}", () => {
  it("unknown or malformed ids → 404", async () => {
    expect((await call(getSession, { params: { id: "A".repeat(24) } })).status).toBe(404);
    expect((await call(getSession, { params: { id: "short" } })).status).toBe(404);
  });

  it("shows the customer status, position and messages, but not the contact or chatbot metadata", async () => {
    await createOperator({ maxChats: 1 });
    await escalate();
    const queued = await escalate();
    const response = await call(getSession, { params: { id: queued.session_id }, headers: customerHeaders(queued.key) });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ status: "queued", position: 1, estimated_wait: expect.any(Number), operator: null, last_seq: 1 });
    expect(response.json.data.messages).toHaveLength(1);
    expect(response.json.data.contact).toBeUndefined();
    expect(response.json.data.metadata).toBeUndefined();

    const asAdmin = await call(getSession, { params: { id: queued.session_id }, headers: adminHeaders() });
    expect(asAdmin.json.data.contact.email).toBe("cliente@test.com");
    expect(asAdmin.json.data.metadata).toEqual({ source: "chatbot", order: 42 });
  });

  it("backfills only the messages after ?after_seq=", async () => {
    await createOperator();
    const session = await escalate();
    for (const body of ["uno", "due", "tre"]) await call(postMessage, { params: { id: session.session_id }, body: { body }, headers: customerHeaders(session.key) });
    const response = await call(getSession, { params: { id: session.session_id }, path: `/api/chat/sessions/${session.session_id}?after_seq=3`, headers: customerHeaders(session.key) });
    expect(response.json.data.messages.map((m: { seq: number; body: string }) => [m.seq, m.body])).toEqual([
      [4, "due"],
      [5, "tre"],
    ]);
  });
});

describe("POST /api/chat/sessions/{id}/messages", () => {
  it("a customer message gets the next seq; an operator reply stamps the first response", async () => {
    await createOperator();
    const session = await escalate();
    const customer = await call(postMessage, { params: { id: session.session_id }, body: { body: "Ciao" }, headers: customerHeaders(session.key) });
    expect(customer.status).toBe(201);
    expect(customer.json.data).toMatchObject({ seq: 3, sender: "customer", body: "Ciao" });
    const operator = await call(postMessage, { params: { id: session.session_id }, body: { body: "Eccomi!", as: "operator" }, headers: adminHeaders() });
    expect(operator.status).toBe(201);
    expect(operator.json.data).toMatchObject({ seq: 4, sender: "operator" });
    const row = await prisma.chatSession.findUniqueOrThrow({ where: { id: session.session_id } });
    expect(row.firstResponseAt).not.toBeNull();
  });

  it.each([
    ["empty body", { body: "  " }],
    ["missing body", {}],
    ["body over 4000 chars", { body: "x".repeat(4001) }],
    ["unknown sender", { body: "ciao", as: "bot" }],
  ])("%s → 400", async (_name, body) => {
    await createOperator();
    const session = await escalate();
    const response = await call(postMessage, { params: { id: session.session_id }, body, headers: customerHeaders(session.key) });
    expect(response.status).toBe(400);
    expect(await prisma.message.count({ where: { sessionId: session.session_id } })).toBe(2);
  });

  it("writing as operator: without access (no key, a chatbot key) → 404, as the customer → 403", async () => {
    await createOperator();
    const session = await escalate();
    expect((await call(postMessage, { params: { id: session.session_id }, body: { body: "x", as: "operator" } })).status).toBe(404);
    expect((await call(postMessage, { params: { id: session.session_id }, body: { body: "x", as: "operator" }, headers: customerHeaders(session.key) })).status).toBe(403);
    const key = await call(createApiKey, { body: { name: "bot" }, headers: adminHeaders() });
    const forbidden = await call(postMessage, { params: { id: session.session_id }, body: { body: "x", as: "operator" }, headers: { authorization: `Bearer ${key.json.data.key}` } });
    expect(forbidden.status).toBe(404);
  });

  it("concurrent messages get distinct, gap-free sequence numbers", async () => {
    await createOperator();
    const session = await escalate();
    // 15: under the per-session message limit (20 a minute), which has its own test.
    await Promise.all(Array.from({ length: 15 }, (_, i) => call(postMessage, { params: { id: session.session_id }, body: { body: `m${i}` }, headers: customerHeaders(session.key) })));
    const seqs = (await prisma.message.findMany({ where: { sessionId: session.session_id }, orderBy: { seq: "asc" } })).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });
});

describe("closing, reading, transferring, ticketing", () => {
  it("closing frees the seat for the head of the queue; a closed session refuses messages", async () => {
    const operator = await createOperator({ maxChats: 1 });
    const first = await escalate();
    await escalate({ priority: "low" });
    const urgent = await escalate({ priority: "urgent" });
    const closed = await call(closeSession, { params: { id: first.session_id }, body: {}, headers: customerHeaders(first.key) });
    expect(closed.status).toBe(200);
    expect(closed.json.data.status).toBe("closed");
    const next = await prisma.chatSession.findUniqueOrThrow({ where: { id: urgent.session_id } });
    expect(next).toMatchObject({ status: "active", operatorId: operator.id });
    const late = await call(postMessage, { params: { id: first.session_id }, body: { body: "ancora lì?" }, headers: customerHeaders(first.key) });
    expect(late.status).toBe(409);
    expect((await call(closeSession, { params: { id: first.session_id }, body: {}, headers: customerHeaders(first.key) })).status).toBe(409);
  });

  it("read receipts only move forward and never past the last message", async () => {
    await createOperator();
    const session = await escalate();
    expect((await call(markRead, { params: { id: session.session_id }, body: { seq: 99 }, headers: customerHeaders(session.key) })).json.data).toMatchObject({ reader: "customer", seq: 2 });
    await call(markRead, { params: { id: session.session_id }, body: { seq: 1 }, headers: customerHeaders(session.key) });
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: session.session_id } })).customerReadSeq).toBe(2);
  });

  it("transfers to an online operator with a free seat, refuses one without", async () => {
    const a = await createOperator({ maxChats: 1 });
    const session = await escalate();
    const busy = await createOperator({ maxChats: 1 });
    await escalate(); // fills busy's seat
    const offline = await createOperator({ status: "offline" });
    expect((await call(transfer, { params: { id: session.session_id }, body: { operator_id: offline.id }, headers: adminHeaders() })).status).toBe(409);
    expect((await call(transfer, { params: { id: session.session_id }, body: { operator_id: busy.id }, headers: adminHeaders() })).status).toBe(409);
    const free = await createOperator({ maxChats: 2 });
    const moved = await call(transfer, { params: { id: session.session_id }, body: { operator_id: free.id }, headers: adminHeaders() });
    expect(moved.status).toBe(200);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: session.session_id } })).operatorId).toBe(free.id);
    expect(a.id).not.toBe(free.id);
    expect((await call(transfer, { params: { id: session.session_id }, body: { operator_id: a.id } })).status).toBe(401);
  });

  it("turns a chat into a ticket and frees the seat", async () => {
    await createOperator({ maxChats: 1 });
    const session = await escalate();
    const waiting = await escalate();
    const response = await call(toTicket, { params: { id: session.session_id }, headers: adminHeaders() });
    expect(response.status).toBe(201);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number: response.json.data.ticket_number } });
    expect(ticket.sessionId).toBe(session.session_id);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: session.session_id } })).status).toBe("ticketed");
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: waiting.session_id } })).status).toBe("active");
  });
});

describe("operator APIs and public stats", () => {
  it.each([
    ["GET /api/chat/queue", getQueue],
    ["GET /api/chat/my-sessions", mySessions],
  ])("%s without a session → 401", async (_name, handler) => {
    const response = await call(handler);
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe("UNAUTHORIZED");
  });

  it("lists the queue in order with waiting times and metadata", async () => {
    await createOperator({ maxChats: 1 });
    await escalate();
    await escalate({ priority: "low" });
    await escalate({ priority: "high", metadata: { plan: "pro" } });
    const response = await call(getQueue, { headers: adminHeaders() });
    expect(response.json.data.map((s: { position: number; priority: string }) => [s.position, s.priority])).toEqual([
      [1, "high"],
      [2, "low"],
    ]);
    expect(response.json.data[0].metadata).toEqual({ plan: "pro" });
  });

  it("stats are public aggregates", async () => {
    await createOperator({ maxChats: 2 });
    await escalate();
    await escalate();
    await escalate({ priority: "urgent" });
    const response = await call(stats);
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ operators_online: 1, seats_online: 2, free_seats: 0, active_sessions: 2, queue_length: 1, queue_by_priority: { urgent: 1, medium: 0, low: 0, high: 0 } });
    expect(JSON.stringify(response.json)).not.toContain("cliente@test.com");
  });
});

describe("message retries", () => {
  it("the same Idempotency-Key stores a message once", async () => {
    await createOperator();
    const session = await escalate();
    const headers = { "idempotency-key": "client-msg-1" };
    const [a, b] = await Promise.all([
      call(postMessage, { params: { id: session.session_id }, body: { body: "una volta" }, headers: customerHeaders(session.key, headers) }),
      call(postMessage, { params: { id: session.session_id }, body: { body: "una volta" }, headers: customerHeaders(session.key, headers) }),
    ]);
    expect(a.status).toBe(201);
    expect(b.json).toEqual(a.json);
    expect(await prisma.message.count({ where: { sessionId: session.session_id, body: "una volta" } })).toBe(1);
  });
});
