// Outbound webhooks end to end: route handlers in-process, real PostgreSQL, real pg-boss workers, and a local HTTP
// receiver that verifies each request with the standardwebhooks library, as an integrator's endpoint would.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebhookReceiver } from "@/test/doubles/webhook-receiver";
import { waitUntil } from "@/test/doubles/wait-until";
import { setEnv, withEnv } from "@/test/env";

const receiver = await WebhookReceiver.start();
setEnv({
  WEBHOOK_ALLOW_PRIVATE: "true",
  WEBHOOK_RETRY_SCALE: "0.0005",
  WEBHOOK_TIMEOUT_MS: "2000",
  ADMIN_EMAIL: "admin@sportello.test",
});
const { prisma } = await import("@/lib/db/client");
const { startWorker } = await import("@/lib/jobs/worker");
const { jobDefinitions } = await import("@/lib/job-definitions");
const { releaseBoss } = await import("@/lib/jobs/boss");
const { adminHeaders, call } = await import("@/test/http");
const { createOperator, uniqueUserId } = await import("@/test/fixtures");
const webhooks = await import("@/app/api/admin/webhooks/route");
const webhook = await import("@/app/api/admin/webhooks/[id]/route");
const rotate = await import("@/app/api/admin/webhooks/[id]/rotate-secret/route");
const deliveries = await import("@/app/api/admin/webhooks/[id]/deliveries/route");
const replay = await import("@/app/api/admin/webhooks/deliveries/[id]/replay/route");
const apiKeys = await import("@/app/api/admin/api-keys/route");
const requestOperatorRoute = await import("@/app/api/chat/request-operator/route");
const messages = await import("@/app/api/chat/sessions/[id]/messages/route");
const handback = await import("@/app/api/chat/sessions/[id]/handback/route");
const close = await import("@/app/api/chat/sessions/[id]/close/route");
const transfer = await import("@/app/api/chat/sessions/[id]/transfer/route");
const toTicket = await import("@/app/api/chat/sessions/[id]/ticket/route");
const replies = await import("@/app/api/tickets/[id]/replies/route");
const ticket = await import("@/app/api/tickets/[id]/route");
const publicTicket = await import("@/app/api/public/tickets/[token]/route");

const ALL_EVENTS = [
  "session.queued", "session.assigned", "session.transferred", "session.handed_back", "session.closed", "session.ticketed",
  "message.created", "ticket.created", "ticket.replied", "ticket.status_changed",
];

type Worker = Awaited<ReturnType<typeof startWorker>>;
let workers: Worker[] = [];
async function worker(): Promise<Worker> {
  const started = await startWorker(jobDefinitions);
  workers.push(started);
  return started;
}
async function stopWorkers(): Promise<void> {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
}

async function registerEndpoint(events = ALL_EVENTS, url = receiver.url) {
  const created = await call(webhooks.POST, { body: { url, events, description: "test bot" }, headers: adminHeaders() });
  expect(created.status).toBe(201);
  expect(created.json.data.secret).toMatch(/^whsec_/);
  receiver.secrets.push(created.json.data.secret);
  return created.json.data as { id: string; secret: string };
}

async function chatbotKey(): Promise<string> {
  const created = await call(apiKeys.POST, { body: { name: "bot", role: "chatbot" }, headers: adminHeaders() });
  return created.json.data.key as string;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function escalate(key: string, extra: Record<string, unknown> = {}) {
  const response = await call(requestOperatorRoute.POST, { body: { user_id: uniqueUserId("bot"), question: "Serve una persona", ...extra }, headers: bearer(key) });
  expect(response.status).toBe(200);
  return response.json;
}

/** The events of the conversation in commit order, as the database has them. */
async function committedTypes(sessionId: string) {
  const rows = await prisma.webhookEvent.findMany({ where: { conversationKey: `session:${sessionId}` }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ id: r.id, type: r.type }));
}

async function arrivedInOrder(sessionId: string) {
  const committed = await committedTypes(sessionId);
  return waitUntil(`all ${committed.length} events of ${sessionId}`, async () => {
    const now = await committedTypes(sessionId);
    const arrived = receiver.forConversation(sessionId).map((r) => ({ id: r.id, type: r.type }));
    return arrived.length === now.length && now.length > 0 ? { committed: now, arrived } : null;
  }, 20_000);
}

beforeEach(async () => {
  await prisma.webhookEndpoint.deleteMany();
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
  receiver.requests.length = 0;
  receiver.rejected.length = 0;
  receiver.failFirstAttemptOf.clear();
  receiver.secrets = [];
  receiver.mode = "ok";
});

afterEach(async () => {
  await stopWorkers();
});

afterAll(async () => {
  await stopWorkers();
  await releaseBoss();
  await receiver.stop();
});

describe("outbound webhooks", () => {
  it("delivers every event of a conversation, verified, in order, once in the deduplicated view", async () => {
    await worker();
    await registerEndpoint();
    const key = await chatbotKey();
    const first = await createOperator({ maxChats: 1 });
    const second = await createOperator({ maxChats: 1, status: "offline" });

    const live = await escalate(key, { transcript: [{ role: "user", text: "Voglio un rimborso", at: "2026-03-10T10:00:00Z" }, { role: "bot", text: "Non sono sicuro", at: "2026-03-10T10:00:05Z" }], confidence: 0.31, intent: "billing.refund" });
    expect(live.type).toBe("operator_assigned");
    const waiting = await escalate(key, { user_email: "cliente@example.com" });
    expect(waiting.type).toBe("queue");
    const liveId = live.session_id as string;

    // The operator answers, a bot message is refused while the human owns the chat, the customer's is accepted.
    expect((await call(messages.POST, { params: { id: liveId }, body: { body: "Ciao, sono qui", as: "operator" }, headers: adminHeaders() })).status).toBe(201);
    const refused = await call(messages.POST, { params: { id: liveId }, body: { body: "Posso aiutarti io", sender: "bot" }, headers: bearer(key) });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("HUMAN_OWNS_CONVERSATION");
    expect((await call(messages.POST, { params: { id: liveId }, body: { body: "Grazie!", sender: "customer" }, headers: bearer(key) })).status).toBe(201);

    // Another bot's key cannot touch this conversation at all.
    const stranger = await chatbotKey();
    expect((await call(messages.POST, { params: { id: liveId }, body: { body: "x", sender: "customer" }, headers: bearer(stranger) })).status).toBe(404);

    await prisma.operator.update({ where: { id: second.id }, data: { status: "online" } });
    expect((await call(transfer.POST, { params: { id: liveId }, body: { operator_id: second.id }, headers: adminHeaders() })).status).toBe(200);
    const back = await call(handback.POST, { params: { id: liveId }, body: { note: "Rimborso avviato, chiude il bot" }, headers: adminHeaders() });
    expect(back.status).toBe(200);
    expect(back.json.data.owner).toBe("bot");
    // After the hand-back the bot speaks again.
    expect((await call(messages.POST, { params: { id: liveId }, body: { body: "Eccomi di nuovo", sender: "bot" }, headers: bearer(key) })).status).toBe(201);

    // The queued chat got a seat freed by the hand-back; it becomes a ticket, answered and resolved.
    const waitingId = waiting.session_id as string;
    await waitUntil("the queued chat assigned", async () => (await prisma.chatSession.findUnique({ where: { id: waitingId } }))?.status === "active");
    const ticketed = await call(toTicket.POST, { params: { id: waitingId }, headers: adminHeaders() });
    expect(ticketed.status).toBe(201);
    const number = String(ticketed.json.data.ticket_number);
    expect((await call(replies.POST, { params: { id: number }, body: { body: "Rimborso fatto", channels: ["email"] }, headers: adminHeaders() })).status).toBe(201);
    expect((await call(ticket.PATCH, { params: { id: number }, body: { status: "resolved" }, headers: adminHeaders() })).status).toBe(200);
    void first;

    const liveStream = await arrivedInOrder(liveId);
    expect(liveStream.arrived).toEqual(liveStream.committed);
    expect(liveStream.arrived.map((e) => e.type)).toEqual([
      "session.assigned", "message.created", "message.created", "session.transferred", "message.created",
      "message.created", "session.handed_back",
    ]);
    const waitingStream = await arrivedInOrder(waitingId);
    expect(waitingStream.arrived).toEqual(waitingStream.committed);
    const types = waitingStream.arrived.map((e) => e.type);
    for (const type of ["session.queued", "session.assigned", "ticket.created", "session.ticketed", "ticket.replied", "ticket.status_changed"]) expect(types).toContain(type);

    expect(receiver.rejected).toEqual([]);
    const handedBack = receiver.unique.find((r) => r.type === "session.handed_back")!;
    expect(handedBack.data).toMatchObject({ session_id: liveId, note: "Rimborso avviato, chiude il bot" });
    expect((handedBack.data.messages as { body: string }[]).map((m) => m.body)).toContain("Grazie!");
    for (const event of receiver.unique) {
      expect(event.data.user_id).toMatch(/^bot_/);
      expect(event.headers["webhook-id"]).toBe(event.id);
    }
    const ticketCreated = receiver.unique.find((r) => r.type === "ticket.created")!;
    expect(ticketCreated.data).toMatchObject({ ticket_id: Number(number), session_id: waitingId });
    // Customer messages are not sent unless asked for: the bot wrote them itself.
    expect(receiver.unique.filter((r) => r.type === "message.created").every((r) => (r.data.message as { sender: string }).sender !== "customer")).toBe(true);
  });

  it("sends the customer's answer on a ticket as ticket.replied, only to endpoints that asked for customer messages", async () => {
    await worker();
    const everything = await registerEndpoint(["ticket.replied"], `${receiver.url}?endpoint=customer`);
    expect((await call(webhook.PATCH, { params: { id: everything.id }, body: { include_customer_messages: true }, headers: adminHeaders() })).status).toBe(200);
    await registerEndpoint(["ticket.replied"], `${receiver.url}?endpoint=operator-only`);
    const key = await chatbotKey();
    // No operator online: the escalation becomes a ticket.
    const opened = await escalate(key, { user_email: "ticket-reply@example.com" });
    expect(opened.type).toBe("ticket_created");
    const row = await prisma.ticket.findFirstOrThrow({ where: { number: opened.ticket_id as number } });
    expect((await call(replies.POST, { params: { id: String(row.number) }, body: { body: "Ci serve l'ordine", channels: ["email"] }, headers: adminHeaders() })).status).toBe(201);
    expect((await call(publicTicket.POST, { params: { token: row.accessToken }, body: { body: "Ordine 5521" } })).status).toBe(201);

    const arrived = (path: string) => receiver.requests.filter((r) => r.path.endsWith(path) && r.data.ticket_id === row.number);
    await waitUntil("both replies at the customer-messages endpoint", async () => arrived("endpoint=customer").length === 2 || null);
    const senders = arrived("endpoint=customer").map((r) => (r.data.message as { sender: string; body: string }));
    expect(senders).toEqual([
      expect.objectContaining({ sender: "operator", body: "Ci serve l'ordine" }),
      expect.objectContaining({ sender: "customer", body: "Ordine 5521", operator_name: null, channels: ["web"] }),
    ]);
    await waitUntil("the operator's reply at the other endpoint", async () => arrived("endpoint=operator-only").length === 1 || null);
    // Give the other endpoint every chance to receive a customer line: it must not.
    await waitUntil("the outbox empty", async () => (await prisma.webhookDelivery.count({ where: { status: { in: ["pending", "sending"] } } })) === 0 || null);
    expect(arrived("endpoint=operator-only").map((r) => (r.data.message as { sender: string }).sender)).toEqual(["operator"]);
    expect(receiver.rejected).toEqual([]);
  });

  it("keeps each conversation in order while the first event is retried", async () => {
    await worker();
    await registerEndpoint(["session.queued", "session.assigned", "message.created", "session.closed"]);
    const key = await chatbotKey();
    await createOperator({ maxChats: 5 });
    const sessions: string[] = [];
    // Fail the first attempt of every conversation's first event: the rest must wait behind it.
    for (let i = 0; i < 5; i++) {
      const result = await escalate(key);
      sessions.push(result.session_id);
    }
    const firstIds = await Promise.all(sessions.map(async (id) => (await committedTypes(id))[0].id));
    // The first events may already be out; what matters is that every later event waits for its predecessor.
    for (const id of firstIds) receiver.failFirstAttemptOf.add(id);
    for (const id of sessions) {
      await call(messages.POST, { params: { id }, body: { body: "uno", as: "operator" }, headers: adminHeaders() });
      await call(messages.POST, { params: { id }, body: { body: "due", as: "operator" }, headers: adminHeaders() });
      await call(close.POST, { params: { id }, body: { reason: "resolved" }, headers: adminHeaders() });
    }
    for (const id of sessions) {
      const stream = await arrivedInOrder(id);
      expect(stream.arrived).toEqual(stream.committed);
    }
  });

  it("goes on with a conversation's next events in the same lane, and stops and resumes in order when one fails mid-sequence", async () => {
    await registerEndpoint(["session.assigned", "message.created", "session.closed"]);
    const key = await chatbotKey();
    await createOperator({ maxChats: 3 });
    // Written while no worker runs: the whole line is waiting when the worker starts, so one lane works it through.
    const { session_id: id } = await escalate(key);
    for (const body of ["uno", "due", "tre", "quattro", "cinque"]) {
      expect((await call(messages.POST, { params: { id }, body: { body, as: "operator" }, headers: adminHeaders() })).status).toBe(201);
    }
    expect((await call(close.POST, { params: { id }, body: { reason: "resolved" }, headers: adminHeaders() })).status).toBe(200);
    const committed = await committedTypes(id);
    expect(committed.length).toBeGreaterThanOrEqual(7);
    // The receiver fails the fourth event once: the lane stops there, the retry delivers it, and the rest follow it.
    receiver.failFirstAttemptOf.add(committed[3].id);
    await worker();
    const stream = await arrivedInOrder(id);
    expect(stream.arrived).toEqual(stream.committed);
    expect(receiver.failFirstAttemptOf.has(committed[3].id)).toBe(false);
    // Each event claimed once (the failed one twice), each attempt logged once: no claim lost or doubled in the hand-off.
    const rows = await prisma.webhookDelivery.findMany({ where: { conversationKey: `session:${id}` }, orderBy: { seq: "asc" }, include: { attemptLog: true } });
    expect(rows.map((r) => [r.status, r.attempts, r.attemptLog.length])).toEqual(
      rows.map((_, i) => ["delivered", i === 3 ? 2 : 1, i === 3 ? 2 : 1]),
    );
    expect(receiver.requests.filter((r) => r.data.session_id === id)).toHaveLength(committed.length);
    // Every event but the retried one was claimed by the very statement that recorded its predecessor's success
    // (the claim's time is that success's time): the lane went on without a NOTIFY, a poll or another lane.
    const handedOn = rows.slice(1).map((row, i) => row.lastAttemptAt?.getTime() === rows[i].deliveredAt?.getTime());
    expect(handedOn).toEqual(rows.slice(1).map((_, i) => i + 1 !== 3));
  });

  it("delivers each event once and in order with two workers taking turns on the same conversations", async () => {
    await worker();
    await worker();
    await registerEndpoint(["session.assigned", "message.created"]);
    const key = await chatbotKey();
    await createOperator({ maxChats: 6 });
    const sessions: string[] = [];
    for (let i = 0; i < 4; i++) sessions.push((await escalate(key)).session_id as string);
    // The conversations written to at the same time, as a desk's operators do.
    await Promise.all(
      sessions.map(async (id) => {
        for (let n = 0; n < 6; n++) await call(messages.POST, { params: { id }, body: { body: `riga ${n}`, as: "operator" }, headers: adminHeaders() });
      }),
    );
    for (const id of sessions) {
      const stream = await arrivedInOrder(id);
      expect(stream.arrived).toEqual(stream.committed);
      expect(receiver.requests.filter((r) => r.data.session_id === id)).toHaveLength(stream.committed.length);
    }
    expect(await prisma.webhookDelivery.count({ where: { attempts: { not: 1 } } })).toBe(0);
  });

  it("delivers everything after the receiver comes back, and after a worker restart", async () => {
    await registerEndpoint(["session.assigned", "message.created", "session.closed"]);
    const key = await chatbotKey();
    await createOperator({ maxChats: 3 });
    // No worker: events commit with nobody to send them (a worker killed between commit and send).
    const a = await escalate(key);
    const b = await escalate(key);
    receiver.mode = "down";
    await worker();
    await waitUntil("a failed attempt", async () => (await prisma.webhookAttempt.count({ where: { responseStatus: 503 } })) > 0);
    await call(close.POST, { params: { id: a.session_id }, body: {}, headers: adminHeaders() });
    await stopWorkers();
    receiver.mode = "ok";
    await worker();
    for (const id of [a.session_id, b.session_id]) {
      const stream = await arrivedInOrder(id);
      expect(stream.arrived).toEqual(stream.committed);
    }
    expect(receiver.forConversation(a.session_id).at(-1)?.type).toBe("session.closed");
  });

  it("disables an endpoint that answers 410 and keeps its backlog for when it is turned on again", async () => {
    await worker();
    const endpoint = await registerEndpoint(["session.assigned"]);
    const key = await chatbotKey();
    await createOperator({ maxChats: 3 });
    receiver.mode = "gone";
    await escalate(key);
    const disabled = await waitUntil("endpoint disabled", async () => {
      const row = await prisma.webhookEndpoint.findUnique({ where: { id: endpoint.id } });
      return row && !row.active ? row : null;
    });
    expect(disabled.disabledReason).toMatch(/410/);
    expect(await prisma.auditEvent.count({ where: { action: "webhook.disabled", targetId: endpoint.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { kind: "webhook_disabled_admin" } })).toBeGreaterThan(0);

    const log = await call(deliveries.GET, { params: { id: endpoint.id }, path: `/api/admin/webhooks/${endpoint.id}/deliveries`, headers: adminHeaders() });
    expect(log.status).toBe(200);
    const failed = log.json.data.items[0];
    expect(failed).toMatchObject({ status: "failed", last_response_status: 410, type: "session.assigned" });
    expect(failed.attempt_log[0].request_headers["webhook-signature"]).toMatch(/^v1,/);

    // Back on, and a manual replay of the refused event.
    receiver.mode = "ok";
    expect((await call(webhook.PATCH, { params: { id: endpoint.id }, body: { active: true }, headers: adminHeaders() })).status).toBe(200);
    expect((await call(replay.POST, { params: { id: failed.id }, headers: adminHeaders() })).status).toBe(202);
    await waitUntil("replayed delivery arrives", () => receiver.unique.some((r) => r.id === failed.event_id));
  });

  it("auto-disables an endpoint after a long failure streak and alerts the admin", async () => {
    await withEnv({ WEBHOOK_DISABLE_AFTER_FAILURES: "2", WEBHOOK_DISABLE_AFTER_HOURS: "0" }, async () => {
      await worker();
      const endpoint = await registerEndpoint(["session.assigned"]);
      await createOperator({ maxChats: 3 });
      receiver.mode = "down";
      await escalate(await chatbotKey());
      const disabled = await waitUntil("endpoint auto-disabled", async () => {
        const row = await prisma.webhookEndpoint.findUnique({ where: { id: endpoint.id } });
        return row && !row.active ? row : null;
      });
      expect(disabled.disabledReason).toMatch(/attempts in a row/);
      expect(await prisma.notification.count({ where: { kind: "webhook_disabled_admin", recipient: "admin@sportello.test" } })).toBeGreaterThan(0);
        });
  });

  it("signs with both secrets during a rotation's overlap", async () => {
    await worker();
    const endpoint = await registerEndpoint(["session.assigned"]);
    const rotated = await call(rotate.POST, { params: { id: endpoint.id }, headers: adminHeaders() });
    expect(rotated.status).toBe(200);
    expect(rotated.json.data.secret).not.toBe(endpoint.secret);
    // A receiver that knows only the new secret and one that knows only the old both verify.
    receiver.secrets = [rotated.json.data.secret];
    await createOperator({ maxChats: 3 });
    const first = await escalate(await chatbotKey());
    await waitUntil("signed with the new secret", () => receiver.forConversation(first.session_id).length === 1);
    receiver.secrets = [endpoint.secret];
    const second = await escalate(await chatbotKey());
    await waitUntil("signed with the old secret", () => receiver.forConversation(second.session_id).length === 1);
    expect(receiver.unique.at(-1)!.headers["webhook-signature"].split(" ")).toHaveLength(2);
    const listed = await call(webhooks.GET, { headers: adminHeaders() });
    expect(JSON.stringify(listed.json)).not.toContain(rotated.json.data.secret);
  });

  it("refuses URLs that resolve to private, loopback or link-local addresses unless allowed", async () => {
    await withEnv({ WEBHOOK_ALLOW_PRIVATE: "false" }, async () => {
      for (const url of ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "http://10.1.2.3/x", "ftp://example.com/x"]) {
        const refused = await call(webhooks.POST, { body: { url, events: ["session.assigned"] }, headers: adminHeaders() });
        expect(refused.status, url).toBe(400);
        expect(refused.json.error.code).toBe("VALIDATION_ERROR");
      }
      // An endpoint saved while private targets were allowed is still refused at send time.
      await prisma.webhookEndpoint.create({ data: { url: receiver.url, events: ["session.assigned"], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } });
      await worker();
      await createOperator({ maxChats: 3 });
      await escalate(await chatbotKey());
      const attempt = await waitUntil("a refused attempt", () => prisma.webhookAttempt.findFirst({ where: { error: { contains: "WEBHOOK_ALLOW_PRIVATE" } } }));
      expect(attempt.responseStatus).toBeNull();
      expect(receiver.requests).toHaveLength(0);
        });
  });

  it("answers admins only, with clear 4xx for bad input", async () => {
    expect((await call(webhooks.GET, {})).status).toBe(401);
    const key = await chatbotKey();
    expect((await call(webhooks.GET, { headers: bearer(key) })).status).toBe(403);
    const bad = await call(webhooks.POST, { body: { url: receiver.url, events: ["session.exploded"] }, headers: adminHeaders() });
    expect(bad.status).toBe(400);
    expect((await call(webhook.PATCH, { params: { id: "nope" }, body: { active: false }, headers: adminHeaders() })).status).toBe(404);
  });
});
