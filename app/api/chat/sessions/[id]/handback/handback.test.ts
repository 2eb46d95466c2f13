// The bot's side of the handoff: transcript in, ownership timeline, hand-back rules, and the transcript in the ticket
// timeline and CSV export. (Webhook delivery of the same flow: test/integration/webhooks-delivery.test.ts.)
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { POST as requestOperator } from "@/app/api/chat/request-operator/route";
import { GET as getSession } from "@/app/api/chat/sessions/[id]/route";
import { POST as handback } from "@/app/api/chat/sessions/[id]/handback/route";
import { GET as timeline } from "@/app/api/tickets/[id]/timeline/route";
import { GET as exportCsv } from "@/app/api/admin/export/[kind]/route";
import { POST as createApiKey } from "@/app/api/admin/api-keys/route";
import { adminHeaders, call } from "@/test/http";
import { createOperator, uniqueUserId } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";

const transcript = [
  { role: "user", text: "Ho pagato due volte", at: "2026-03-10T10:00:00Z" },
  { role: "bot", text: "Non trovo il secondo addebito", at: "2026-03-10T10:00:03+01:00" },
];

async function chatbotKey(): Promise<string> {
  return (await call(createApiKey, { body: { name: "bot", role: "chatbot" }, headers: adminHeaders() })).json.data.key;
}

async function escalate(body: Record<string, unknown>, key?: string) {
  key ??= await chatbotKey();
  return call(requestOperator, { body: { user_id: uniqueUserId("bot"), question: "Doppio addebito", ...body }, headers: { authorization: `Bearer ${key}` } });
}

beforeEach(async () => {
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
});

describe("bot handoff", () => {
  it("keeps the transcript, confidence and intent for the operator, with the ownership timeline", async () => {
    const operator = await createOperator({ maxChats: 1 });
    const key = await chatbotKey();
    const response = await escalate({ transcript, confidence: 0.31, intent: "billing.refund" }, key);
    expect(response.status).toBe(200);
    expect(response.json.type).toBe("operator_assigned");
    const id = response.json.session_id;

    const asOperator = await call(getSession, { params: { id }, headers: { cookie: await signInOperator(operator) } });
    expect(asOperator.json.data.owner).toBe("human");
    expect(asOperator.json.data.bot_handoff).toEqual({ transcript, confidence: 0.31, intent: "billing.refund" });
    expect(asOperator.json.data.ownership.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual(["bot→human"]);

    // Someone else's operator may not hand it back; its own operator may, once.
    const other = await createOperator();
    expect((await call(handback, { params: { id }, body: {}, headers: { cookie: await signInOperator(other) } })).status).toBe(403);
    const back = await call(handback, { params: { id }, body: { note: "Fatto" }, headers: { cookie: await signInOperator(operator) } });
    expect(back.status).toBe(200);
    expect((await call(handback, { params: { id }, body: {}, headers: adminHeaders() })).status).toBe(409);

    const after = await call(getSession, { params: { id }, headers: adminHeaders() });
    expect(after.json.data).toMatchObject({ status: "closed", owner: "bot", handback_note: "Fatto" });
    expect(after.json.data.ownership.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual(["bot→human", "human→bot"]);
    expect(after.json.data.messages.at(-1).sender).toBe("system");
    expect(await prisma.auditEvent.count({ where: { action: "session.handed_back", targetId: id } })).toBe(1);
    // The escalating bot reads its conversation (as its customer would: who holds it, not the operator's view);
    // a stranger gets nothing.
    const asBot = await call(getSession, { params: { id }, headers: { authorization: `Bearer ${key}` } });
    expect(asBot.json.data.owner).toBe("bot");
    expect(asBot.json.data.bot_handoff).toBeUndefined();
    expect((await call(getSession, { params: { id } })).status).toBe(404);
    expect((await call(getSession, { params: { id }, headers: { authorization: `Bearer ${await chatbotKey()}` } })).status).toBe(404);
  });

  it("escalating again after a hand-back reopens the same conversation, its thread continuing", async () => {
    const operator = await createOperator({ maxChats: 1 });
    const key = await chatbotKey();
    const userId = uniqueUserId("bot");
    const first = await escalate({ user_id: userId }, key);
    const id = first.json.session_id;
    expect((await call(handback, { params: { id }, body: { note: "Ci pensa il bot" }, headers: { cookie: await signInOperator(operator) } })).status).toBe(200);
    const before = await prisma.chatSession.findUniqueOrThrow({ where: { id } });

    // The seat is free again: the same operator takes the same conversation.
    const again = await escalate({ user_id: userId, question: "Il bot non basta", transcript }, key);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ type: "operator_assigned", session_id: id, operator: { id: operator.id } });
    const view = await call(getSession, { params: { id }, headers: adminHeaders() });
    expect(view.json.data).toMatchObject({ status: "active", owner: "human", bot_handoff: { transcript } });
    expect(view.json.data.ownership.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual(["bot→human", "human→bot", "bot→human"]);
    const lines = view.json.data.messages.slice(-2);
    expect(lines.map((m: { seq: number; sender: string }) => [m.seq, m.sender])).toEqual([[before.lastSeq + 1, "customer"], [before.lastSeq + 2, "system"]]);
    expect(lines[0].body).toBe("Il bot non basta");
    // Seqs stay gapless and unique over the whole thread.
    const seqs = view.json.data.messages.map((m: { seq: number }) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

    // Handed back once more and escalated while the operator is busy: the same conversation waits in the queue.
    expect((await call(handback, { params: { id }, body: {}, headers: adminHeaders() })).status).toBe(200);
    await escalate({}, key);
    const queued = await escalate({ user_id: userId }, key);
    expect(queued.json).toMatchObject({ type: "queue", session_id: id, position: 1 });
  });

  it("does not reopen for an anonymous caller, nor a day after the hand-back", async () => {
    await createOperator({ maxChats: 5 });
    const key = await chatbotKey();
    const userId = uniqueUserId("bot");
    const id = (await escalate({ user_id: userId }, key)).json.session_id;
    expect((await call(handback, { params: { id }, body: {}, headers: adminHeaders() })).status).toBe(200);
    await prisma.chatSession.update({ where: { id }, data: { handedBackAt: new Date(Date.now() - 25 * 3_600_000) } });
    const later = await escalate({ user_id: userId }, key);
    expect(later.json.type).toBe("operator_assigned");
    expect(later.json.session_id).not.toBe(id);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id } })).status).toBe("closed");

    const other = uniqueUserId("bot");
    const handedBack = (await escalate({ user_id: other }, key)).json.session_id;
    expect((await call(handback, { params: { id: handedBack }, body: {}, headers: adminHeaders() })).status).toBe(200);
    const anonymous = await call(requestOperator, { body: { user_id: other, question: "Sono io" } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.json.session_id).not.toBe(handedBack);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: handedBack } })).status).toBe("closed");
  });

  it("records bot → queued → human when the chat waited", async () => {
    await createOperator({ maxChats: 1 });
    await escalate({});
    const waiting = await escalate({ transcript });
    expect(waiting.json.type).toBe("queue");
    const view = await call(getSession, { params: { id: waiting.json.session_id }, headers: adminHeaders() });
    expect(view.json.data.ownership.map((c: { to: string }) => c.to)).toEqual(["queued"]);
  });

  it("puts the transcript in the ticket timeline and the CSV export when nobody is online", async () => {
    const response = await escalate({ transcript, intent: "billing.refund" });
    expect(response.json.type).toBe("ticket_created");
    const number = String(response.json.ticket_number);
    const items = (await call(timeline, { params: { id: number }, headers: adminHeaders() })).json.data.items;
    expect(items[0]).toMatchObject({ type: "handoff", data: { transcript, intent: "billing.refund", confidence: null } });

    const today = new Date().toISOString().slice(0, 10);
    const csv = await call(exportCsv, { params: { kind: "tickets" }, path: `/api/admin/export/tickets?from=${today}&to=${today}`, headers: adminHeaders() });
    expect(csv.status).toBe(200);
    expect(csv.text.split("\n")[0]).toContain("bot_transcript");
    expect(csv.text).toContain("user: Ho pagato due volte");
  });

  it.each([
    ["51 entries", { transcript: Array.from({ length: 51 }, () => transcript[0]) }, "transcript"],
    ["a bad role", { transcript: [{ ...transcript[0], role: "agent" }] }, "transcript.0.role"],
    ["a bad time", { transcript: [{ ...transcript[0], at: "yesterday" }] }, "transcript.0.at"],
    ["confidence above 1", { confidence: 1.5 }, "confidence"],
    ["an empty intent", { intent: "" }, "intent"],
  ])("POST /api/chat/request-operator – %s is a 400", async (_, body, path) => {
    const response = await escalate(body);
    expect(response.status).toBe(400);
    expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
