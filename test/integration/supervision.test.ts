// Supervision: the floor view, read-only viewing, whispers and take-over — role checks on every new route and
// channel, and take-over's atomicity under the routing lock.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { RealtimeListener } from "@/test/doubles/realtime-listener";
import { setEnv } from "@/test/env";

const realtime = await RealtimeListener.start();
// The app publishes to this local Pusher-protocol server, which the test listens on.
const restoreEnv = setEnv(realtime.env);
const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { authorizeChannel } = await import("@/lib/chat/authorize-channel");
const { FLOOR_CHANNEL, operatorChannel, sessionChannel, sessionStaffChannel } = await import("@/lib/realtime/channels");
const { POST: takeOver } = await import("@/app/api/chat/sessions/[id]/take-over/route");
const { GET: floor } = await import("@/app/api/chat/floor/route");
const notesRoute = await import("@/app/api/chat/sessions/[id]/notes/route");
const { GET: getSession } = await import("@/app/api/chat/sessions/[id]/route");
const { POST: postMessage } = await import("@/app/api/chat/sessions/[id]/messages/route");
const { POST: transfer } = await import("@/app/api/chat/sessions/[id]/transfer/route");
const { POST: createApiKey } = await import("@/app/api/admin/api-keys/route");
const { adminHeaders, call } = await import("@/test/http");
const { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } = await import("@/test/fixtures");
const { signInOperator } = await import("@/test/sign-in-operator");
const { getPrincipal } = await import("@/lib/auth/principal");

afterAll(async () => {
  restoreEnv();
  await realtime.close();
});

beforeEach(async () => {
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
});

async function escalate(question = "Aiuto con l'ordine", locale?: "en") {
  const result = await requestOperator({ userId: uniqueUserId(), question, priority: "medium", source: "api", channel: "web", metadata: locale ? { locale } : undefined }, customerActor());
  if (result.type === "ticket_created") throw new Error("expected a session");
  return { id: result.session_id, type: result.type, key: await claimKey(result.session_id) };
}

async function staff(role: "operator" | "supervisor" | "admin", overrides: { maxChats?: number; status?: "online" | "offline" } = {}) {
  const row = await createOperator({ role, maxChats: overrides.maxChats ?? 1, status: overrides.status ?? "offline" });
  const cookie = await signInOperator(row);
  return { row, cookie };
}

describe("role checks on the supervision routes", () => {
  it("GET /api/chat/floor: supervisors and admins only, in the error shape otherwise", async () => {
    const operator = await staff("operator", { status: "online" });
    const chat = await escalate();
    await call(postMessage, { params: { id: chat.id }, body: { body: "C'è qualcuno?" }, headers: customerHeaders(chat.key) });
    await escalate("In coda");

    expect((await call(floor, {})).status).toBe(401);
    const refused = await call(floor, { headers: { cookie: operator.cookie } });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ success: false, error: { code: "FORBIDDEN" } });
    const chatbot = (await call(createApiKey, { body: { name: "bot", role: "chatbot" }, headers: adminHeaders() })).json.data.key;
    expect((await call(floor, { headers: { authorization: `Bearer ${chatbot}` } })).status).toBe(403);
    expect((await call(floor, { headers: adminHeaders() })).status).toBe(200);

    const supervisor = await staff("supervisor");
    const view = await call(floor, { headers: { cookie: supervisor.cookie } });
    expect(view.status).toBe(200);
    const live = view.json.data.active.find((s: { id: string }) => s.id === chat.id);
    expect(live).toMatchObject({ operator: { id: operator.row.id }, first_response_seconds: null, awaiting_reply_since: expect.any(String) });
    const deskQueue = view.json.data.queues.find((q: { team: { id: string } }) => q.team.id === "default");
    expect(deskQueue.sessions).toHaveLength(1);
    expect(deskQueue.sessions[0]).toMatchObject({ position: 1, waiting_seconds: expect.any(Number) });

    // Queues are per team, positions too: a billing team's waiting customer is first in the billing queue.
    const billing = await prisma.team.create({ data: { name: `Billing ${chat.id.slice(0, 6)}`, slug: `billing-${chat.id.slice(0, 6).toLowerCase()}` } });
    const billed = await escalate("Fattura doppia");
    await prisma.chatSession.update({ where: { id: billed.id }, data: { teamId: billing.id } });
    const byTeam = (await call(floor, { headers: { cookie: supervisor.cookie } })).json.data.queues;
    expect(byTeam[0].team.id).toBe("default");
    expect(byTeam.find((q: { team: { id: string } }) => q.team.id === billing.id).sessions).toEqual([expect.objectContaining({ id: billed.id, position: 1 })]);
    expect(byTeam.find((q: { team: { id: string } }) => q.team.id === "default").sessions.map((s: { id: string }) => s.id)).not.toContain(billed.id);

    // The operator answers: the customer no longer waits, and the first response is measured.
    await call(postMessage, { params: { id: chat.id }, body: { body: "Eccomi" }, headers: { cookie: operator.cookie } });
    const after = (await call(floor, { headers: { cookie: supervisor.cookie } })).json.data.active.find((s: { id: string }) => s.id === chat.id);
    expect(after).toMatchObject({ awaiting_reply_since: null, first_response_seconds: expect.any(Number) });
  });

  it("POST /api/chat/sessions/{id}/take-over: an operator gets 403, a key gets 403, a stranger 401, bad ids 404", async () => {
    await staff("operator", { status: "online" });
    const chat = await escalate();
    const other = await staff("operator");
    const refused = await call(takeOver, { params: { id: chat.id }, headers: { cookie: other.cookie } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("FORBIDDEN");
    expect((await call(takeOver, { params: { id: chat.id }, headers: customerHeaders(chat.key) })).status).toBe(401);
    // An admin API key is nobody to chat with: a take-over needs a signed-in person.
    expect((await call(takeOver, { params: { id: chat.id }, headers: adminHeaders() })).status).toBe(403);
    const supervisor = await staff("supervisor");
    expect((await call(takeOver, { params: { id: "not-a-session" }, headers: { cookie: supervisor.cookie } })).status).toBe(404);
    expect((await call(takeOver, { params: { id: "A".repeat(22) }, headers: { cookie: supervisor.cookie } })).status).toBe(404);
    const queued = await escalate("In coda");
    const notActive = await call(takeOver, { params: { id: queued.id }, headers: { cookie: supervisor.cookie } });
    expect(notActive.status).toBe(409);
    expect(notActive.json.error.code).toBe("INVALID_STATE");
  });

  it("a supervisor views any chat read-only: reads it, follows it live, but cannot write as its operator", async () => {
    await staff("operator", { status: "online" });
    const chat = await escalate();
    const supervisor = await staff("supervisor");
    const plain = await staff("operator");
    const view = await call(getSession, { params: { id: chat.id }, headers: { cookie: supervisor.cookie } });
    expect(view.status).toBe(200);
    expect(view.json.data.messages.length).toBeGreaterThan(0);
    expect((await call(getSession, { params: { id: chat.id }, headers: { cookie: plain.cookie } })).status).toBe(404);
    const write = await call(postMessage, { params: { id: chat.id }, body: { body: "Ciao" }, headers: { cookie: supervisor.cookie } });
    expect([403, 404]).toContain(write.status);
    expect(await prisma.message.count({ where: { sessionId: chat.id, body: "Ciao" } })).toBe(0);

    const principalOf = async (cookie: string) => getPrincipal(new Headers({ cookie }));
    const sup = await principalOf(supervisor.cookie);
    const op = await principalOf(plain.cookie);
    for (const channel of [sessionChannel(chat.id), sessionStaffChannel(chat.id), FLOOR_CHANNEL]) {
      expect((await authorizeChannel({ channelName: channel, principal: sup })).allowed, channel).toBe(true);
      expect((await authorizeChannel({ channelName: channel, principal: op })).allowed, channel).toBe(false);
    }
    // The staff channel is a presence channel: the supervisor joins as themself.
    const access = await authorizeChannel({ channelName: sessionStaffChannel(chat.id), principal: sup });
    expect(access).toMatchObject({ allowed: true, presence: { user_id: supervisor.row.id, user_info: { role: "supervisor" } } });
  });
});

describe("whisper and take-over", () => {
  it("a whisper reaches the assigned operator's own channel at once, flagged", async () => {
    const operator = await staff("operator", { status: "online" });
    const chat = await escalate();
    await realtime.subscribe(operatorChannel(operator.row.id));
    const supervisor = await staff("supervisor");
    const whisper = await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "Offrigli il rimborso", whisper: true }, headers: { cookie: supervisor.cookie } });
    expect(whisper.status).toBe(201);
    const received = await realtime.next(operatorChannel(operator.row.id), "note.created");
    expect(received.data).toMatchObject({ body: "Offrigli il rimborso", whisper: true, author: { id: supervisor.row.id } });
  });

  it("moves the chat to the supervisor, tells the customer politely and the previous operator, frees the seat for the queue", async () => {
    const operator = await staff("operator", { status: "online", maxChats: 1 });
    const chat = await escalate("Help with my order", "en");
    const waiting = await escalate("In coda");
    expect(waiting.type).toBe("queue");
    await realtime.subscribe(operatorChannel(operator.row.id));
    // The supervisor is at capacity already (max_chats 0): a take-over is an intervention and may exceed it.
    const supervisor = await staff("supervisor", { maxChats: 0 });

    const taken = await call(takeOver, { params: { id: chat.id }, headers: { cookie: supervisor.cookie } });
    expect(taken.status).toBe(200);
    expect(taken.json.data).toMatchObject({ operator: { id: supervisor.row.id }, previous_operator: { id: operator.row.id } });

    const asCustomer = await call(getSession, { params: { id: chat.id }, headers: customerHeaders(chat.key) });
    expect(asCustomer.json.data.operator).toMatchObject({ id: supervisor.row.id });
    expect(asCustomer.json.data.messages.at(-1)).toMatchObject({ sender: "system", body: expect.stringContaining("a supervisor, is taking over the conversation") });
    const told = await realtime.next(operatorChannel(operator.row.id), "session.unassigned");
    expect(told.data).toMatchObject({ session_id: chat.id, reason: "taken_over", by: { id: supervisor.row.id } });
    // The operator's freed seat went to the waiting customer in the same transaction.
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: waiting.id }, select: { status: true, operatorId: true } })).toEqual({ status: "active", operatorId: operator.row.id });
    // Only the supervisor writes as operator now.
    expect((await call(postMessage, { params: { id: chat.id }, body: { body: "Still here?" }, headers: { cookie: operator.cookie } })).status).not.toBe(201);
    expect((await call(postMessage, { params: { id: chat.id }, body: { body: "I'll sort it out" }, headers: { cookie: supervisor.cookie } })).status).toBe(201);
    expect(await prisma.auditEvent.count({ where: { action: "session.taken_over", targetId: chat.id } })).toBe(1);
    // Taking over one's own chat again is refused.
    expect((await call(takeOver, { params: { id: chat.id }, headers: { cookie: supervisor.cookie } })).status).toBe(409);
  });

  it("is atomic against a concurrent transfer and a second take-over: one owner, one line per move, seqs unique", async () => {
    const operator = await staff("operator", { status: "online", maxChats: 2 });
    const target = await staff("operator", { status: "offline", maxChats: 2 });
    const chat = await escalate();
    await prisma.operator.update({ where: { id: target.row.id }, data: { status: "online" } });
    const [a, b] = [await staff("supervisor"), await staff("admin")];

    const results = await Promise.all([
      call(takeOver, { params: { id: chat.id }, headers: { cookie: a.cookie } }),
      call(takeOver, { params: { id: chat.id }, headers: { cookie: b.cookie } }),
      call(transfer, { params: { id: chat.id }, body: { operator_id: target.row.id }, headers: { cookie: operator.cookie } }),
    ]);
    for (const r of results) expect([200, 403, 409]).toContain(r.status);
    const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id }, select: { status: true, operatorId: true, lastSeq: true } });
    expect(session.status).toBe("active");
    const messages = await prisma.message.findMany({ where: { sessionId: chat.id }, orderBy: { seq: "asc" }, select: { seq: true, body: true } });
    // Gap-free, unique sequence: every move wrote its line under the lock.
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: session.lastSeq }, (_, i) => i + 1));
    const takeOvers = results.slice(0, 2).filter((r) => r.status === 200).length;
    expect(messages.filter((m) => m.body.includes("responsabile del servizio")).length).toBe(takeOvers);
    expect(await prisma.auditEvent.count({ where: { action: "session.taken_over", targetId: chat.id } })).toBe(takeOvers);
    // The owner is whoever moved it last: the last "joined"/"taken over" line names them.
    const owner = await prisma.operator.findUniqueOrThrow({ where: { id: session.operatorId! }, select: { name: true } });
    const lastMove = messages.filter((m) => m.body.includes("responsabile del servizio") || m.body.includes("è ora in chat")).at(-1);
    expect(lastMove?.body.startsWith(owner.name)).toBe(true);
    expect(await prisma.chatSession.count({ where: { id: chat.id, status: "active" } })).toBe(1);
  });
});
