// Search visibility carried on the message rows (messages.visible_to, kept by triggers): whenever a session or ticket
// changes hands through the app (assignment, transfer, take-over, hand-back, ticket reassignment, team fallback), the
// keys follow in the same transaction, and GET /api/search shows the old and the new owner what the rule in
// lib/search/visibility.ts says: the conversation's current operator (or assignee) and team.
import { randomInt } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import { POST as postMessage } from "@/app/api/chat/sessions/[id]/messages/route";
import { POST as transfer } from "@/app/api/chat/sessions/[id]/transfer/route";
import { POST as takeOver } from "@/app/api/chat/sessions/[id]/take-over/route";
import { POST as handBack } from "@/app/api/chat/sessions/[id]/handback/route";
import { PATCH as patchTicket } from "@/app/api/tickets/[id]/route";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { applyTeamFallbacks } from "@/lib/teams/apply-team-fallbacks";
import { adminHeaders, call } from "@/test/http";
import { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { createContact, createConversation, createTicketWith } from "@/test/conversation-fixtures";

/** A made-up word no other test writes, so a search finds only this test's messages. */
const word = () => Array.from({ length: 10 }, () => "bcdfghlmnprstvz"[randomInt(15)]).join("") + "a";

async function staff(role: "operator" | "supervisor" = "operator", status: "online" | "offline" = "online") {
  const row = await createOperator({ role, status, maxChats: 5 });
  return { id: row.id, cookie: await signInOperator(row) };
}

/** How many of the word's messages the operator finds (first page, both sorts agree). */
async function found(viewer: { cookie: string }, q: string): Promise<number> {
  const ranked = await call(search, { path: `/api/search?${new URLSearchParams({ q })}`, headers: { cookie: viewer.cookie } });
  const recent = await call(search, { path: `/api/search?${new URLSearchParams({ q, sort: "recent" })}`, headers: { cookie: viewer.cookie } });
  expect(ranked.status).toBe(200);
  expect(recent.json.data.items.length).toBe(ranked.json.data.items.length);
  return ranked.json.data.items.length;
}

const keysOfSession = async (sessionId: string) =>
  (await prisma.$queryRaw<{ visible_to: string[] }[]>`SELECT visible_to FROM messages WHERE session_id = ${sessionId} ORDER BY seq`).map((r) => r.visible_to);

/** Messages whose keys differ from what their session and ticket say now: must always be none. */
const staleRows = async () =>
  Number(
    (
      await prisma.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM messages m
          LEFT JOIN chat_sessions s ON s.id = m.session_id LEFT JOIN tickets t ON t.id = m.ticket_id
         WHERE m.visible_to IS DISTINCT FROM sportello_visibility_keys(ARRAY[s.operator_id, t.assignee_id], ARRAY[s.team_id, t.team_id])`
    )[0].n,
  );

async function escalate(question: string) {
  const result = await requestOperator({ userId: uniqueUserId(), question, priority: "medium", source: "api", channel: "web" }, customerActor());
  if (result.type === "ticket_created") throw new Error("expected a session");
  return { id: result.session_id, key: await claimKey(result.session_id) };
}

const say = (session: { id: string; key: string }, body: string) =>
  call(postMessage, { params: { id: session.id }, body: { body }, headers: customerHeaders(session.key) });

beforeEach(async () => {
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
});

afterEach(async () => {
  expect(await staleRows()).toBe(0);
});

describe("messages.visible_to follows the conversation's owner", () => {
  it("a new message gets its session's operator and team; what a writer puts there is replaced", async () => {
    const anna = await staff();
    const q = word();
    const session = await escalate(`Domanda ${q}`);
    expect((await say(session, `Ancora ${q}`)).status).toBe(201);
    for (const keys of await keysOfSession(session.id)) expect(keys).toEqual([`operator:${anna.id}`, "team:default"]);
    expect(await found(anna, q)).toBe(2);

    const other = await staff("operator", "offline");
    await prisma.message.create({ data: { sessionId: session.id, seq: 99, sender: "customer", body: q, visibleTo: [`operator:${other.id}`] } });
    expect((await keysOfSession(session.id)).at(-1)).toEqual([`operator:${anna.id}`, "team:default"]);
    expect(await found(other, q)).toBe(0);
  });

  it("a transfer moves every earlier message to the new operator, and the old one finds none of them", async () => {
    const anna = await staff();
    const q = word();
    const session = await escalate(`Ordine ${q}`);
    await say(session, `Il mio ${q} non arriva`);
    const bruno = await staff();
    expect(await found(anna, q)).toBe(2);
    expect(await found(bruno, q)).toBe(0);

    expect((await call(transfer, { params: { id: session.id }, body: { operator_id: bruno.id }, headers: adminHeaders() })).status).toBe(200);
    await say(session, `Dopo il trasferimento ${q}`);
    expect(await found(anna, q)).toBe(0);
    expect(await found(bruno, q)).toBe(3);
    for (const keys of await keysOfSession(session.id)) expect(keys).toEqual([`operator:${bruno.id}`, "team:default"]);
  });

  it("a take-over moves them to the supervisor", async () => {
    const anna = await staff();
    const q = word();
    const session = await escalate(`Fattura ${q}`);
    const supervisor = await staff("supervisor", "offline");
    expect(await found(anna, q)).toBe(1);
    expect((await call(takeOver, { params: { id: session.id }, headers: { cookie: supervisor.cookie } })).status).toBe(200);
    for (const keys of await keysOfSession(session.id)) expect(keys).toEqual([`operator:${supervisor.id}`, "team:default"]);
    expect(await found(anna, q)).toBe(0);
  });

  it("a hand-back leaves them with the operator who held the chat", async () => {
    const carlo = await staff();
    const q = word();
    const handed = await escalate(`Reso ${q}`);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: handed.id } })).operatorId).toBe(carlo.id);
    expect((await call(handBack, { params: { id: handed.id }, body: { note: "Risolto" }, headers: { cookie: carlo.cookie } })).status).toBe(200);
    // The hand-back closes the chat and keeps its operator: every line, the hand-back line too, stays theirs.
    for (const keys of await keysOfSession(handed.id)) expect(keys).toEqual([`operator:${carlo.id}`, "team:default"]);
    expect(await found(carlo, q)).toBe(1);
  });

  it("a ticket's messages follow its assignee and its team", async () => {
    const anna = await staff("operator", "offline");
    const bruno = await staff("operator", "offline");
    const q = word();
    const contact = await createContact({ name: "Elena Neri" });
    const ticket = await createTicketWith({ contactId: contact.id, assigneeId: anna.id, question: "Rimborso", replies: [`Risposta ${q}`, `Seconda ${q}`] });
    expect(await found(anna, q)).toBe(2);

    expect((await call(patchTicket, { params: { id: ticket.id }, body: { assignee_id: bruno.id }, headers: adminHeaders() })).status).toBe(200);
    expect(await found(anna, q)).toBe(0);
    expect(await found(bruno, q)).toBe(2);
    expect((await call(patchTicket, { params: { id: ticket.id }, body: { assignee_id: null }, headers: adminHeaders() })).status).toBe(200);
    expect(await found(bruno, q)).toBe(0);

    const billing = await prisma.team.create({ data: { name: "Billing", slug: `billing-${q}` } });
    await prisma.teamMember.create({ data: { teamId: billing.id, operatorId: anna.id } });
    await prisma.ticket.update({ where: { id: ticket.id }, data: { teamId: billing.id } });
    expect(await found(anna, q)).toBe(2);
    expect(await found(bruno, q)).toBe(0);
  });

  it("a session that falls back to another team moves to that team's operators", async () => {
    const second = await prisma.team.create({ data: { name: "Second line", slug: `second-${word()}` } });
    const first = await prisma.team.create({ data: { name: "First line", slug: `first-${word()}`, fallbackTeamId: second.id, fallbackAfterMinutes: 5 } });
    const carla = await staff("operator", "offline");
    const dario = await staff("operator", "offline");
    await prisma.teamMember.create({ data: { teamId: first.id, operatorId: carla.id } });
    await prisma.teamMember.create({ data: { teamId: second.id, operatorId: dario.id } });
    const q = word();
    const contact = await createContact({ name: "Franco Blu" });
    const waiting = await createConversation({ contactId: contact.id, status: "queued", messages: [{ body: `Attesa ${q}` }, { body: `Ancora ${q}` }] });
    await prisma.chatSession.update({ where: { id: waiting.id }, data: { teamId: first.id } });
    expect(await found(carla, q)).toBe(2);
    expect(await found(dario, q)).toBe(0);

    const { moved } = await applyTeamFallbacks(new Date(Date.now() + 10 * 60_000));
    expect(moved.map((m) => m.sessionId)).toContain(waiting.id);
    expect(await found(carla, q)).toBe(0);
    expect(await found(dario, q)).toBe(2);
    for (const keys of await keysOfSession(waiting.id)) expect(keys).toEqual([`team:${second.id}`]);
  });

  it("stays exact when messages arrive while the chat is transferred", async () => {
    await staff();
    const q = word();
    const session = await escalate(`Consegna ${q}`);
    const bruno = await staff();
    const writes = Array.from({ length: 12 }, (_, i) => say(session, `Messaggio ${i} ${q}`));
    const moving = call(transfer, { params: { id: session.id }, body: { operator_id: bruno.id }, headers: adminHeaders() });
    const results = await Promise.all([...writes, moving]);
    expect(results.map((r) => r.status)).toEqual([...writes.map(() => 201), 200]);
    for (const keys of await keysOfSession(session.id)) expect(keys).toEqual([`operator:${bruno.id}`, "team:default"]);
    const all = await call(search, { path: `/api/search?${new URLSearchParams({ q, limit: "50" })}`, headers: { cookie: bruno.cookie } });
    expect(all.json.data.items).toHaveLength(13);
  });
});
