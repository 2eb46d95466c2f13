// Issue 9: each finding of the attacker's walk-through, against the route handlers on a real PostgreSQL.
// (Finding 2, the WhatsApp pre-claim, is in app/api/webhooks/whatsapp/route.test.ts with the signed webhook; finding
// 8, parallel transcripts, in app/api/chat/sessions/[id]/transcript/route.test.ts; the client address through the
// real web server in test/integration/client-address.test.ts.)
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { withEnv } from "@/test/env";
import { POST as requestOperator } from "@/app/api/chat/request-operator/route";
import { GET as getSession } from "@/app/api/chat/sessions/[id]/route";
import { POST as postMessage } from "@/app/api/chat/sessions/[id]/messages/route";
import { POST as claim } from "@/app/api/chat/sessions/[id]/claim/route";
import { POST as resumeLink } from "@/app/api/chat/sessions/[id]/resume-link/route";
import { POST as closeSession } from "@/app/api/chat/sessions/[id]/close/route";
import { POST as markRead } from "@/app/api/chat/sessions/[id]/read/route";
import { POST as createTicket } from "@/app/api/tickets/route";
import { POST as replyToTicket } from "@/app/api/tickets/[id]/replies/route";
import { POST as createApiKey } from "@/app/api/admin/api-keys/route";
import { authorizeChannel } from "@/lib/chat/authorize-channel";
import { adminHeaders, call } from "@/test/http";
import { createOperator, customerHeaders } from "@/test/fixtures";
import { clearTables } from "@/test/db";

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "api_keys", "audit_events", "rate_limits", "idempotency_records");
});

const VICTIM = { user_id: "web:victim@example.com", user_email: "victim@example.com", question: "Il mio ordine 4411 non è arrivato" };
let ipCounter = 0;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

async function chatbotKey(): Promise<string> {
  const created = await call(createApiKey, { body: { name: `bot-${ipCounter++}` }, headers: adminHeaders() });
  return created.json.data.key as string;
}

/** The victim escalates from the chat page and their browser claims the chat. */
async function victimChat() {
  await createOperator({ maxChats: 5 });
  const opened = await call(requestOperator, { body: VICTIM, ip: freshIp() });
  expect(opened.status).toBe(200);
  const id = opened.json.session_id as string;
  const claimed = await call(claim, { params: { id }, body: {}, ip: freshIp() });
  expect(claimed.status).toBe(201);
  const key = claimed.json.data.session_key as string;
  await call(postMessage, { params: { id }, body: { body: "La mia carta finisce con 4242" }, headers: customerHeaders(key), ip: freshIp() });
  return { id, key };
}

describe("finding 1 – chat takeover by user_id", () => {
  it("an anonymous caller with the victim's user_id gets 409 and no session id; the victim gets a resume link", async () => {
    const victim = await victimChat();
    const attack = await call(requestOperator, { body: { ...VICTIM, user_email: "attacker@example.com", question: "hi" }, ip: freshIp() });
    expect(attack.status).toBe(409);
    expect(attack.json.error.code).toBe("CONVERSATION_OPEN");
    expect(attack.text).not.toContain(victim.id);
    // The link goes to the address the chat was opened with, never to the one the caller typed.
    const links = await prisma.notification.findMany({ where: { kind: "resume_link" } });
    expect(links.map((n) => n.recipient)).toEqual(["victim@example.com"]);
    expect(attack.json.error.details).toMatchObject({ resume_link_sent: true, recipient_hint: "vi•••@example.com" });
  });

  it("the session id alone reads, writes, closes and subscribes to nothing", async () => {
    const victim = await victimChat();
    const params = { id: victim.id };
    const asKey = customerHeaders(victim.id);
    for (const headers of [{}, asKey, customerHeaders("x".repeat(43))]) {
      const read = await call(getSession, { params, headers, ip: freshIp() });
      expect(read.status).toBe(404);
      expect(read.text).not.toContain("4242");
      expect((await call(postMessage, { params, body: { body: "sono io" }, headers, ip: freshIp() })).status).toBe(404);
      expect((await call(closeSession, { params, body: {}, headers, ip: freshIp() })).status).toBe(404);
      expect((await call(markRead, { params, body: { seq: 1 }, headers, ip: freshIp() })).status).toBe(404);
    }
    const channel = `private-session-${victim.id}`;
    expect((await authorizeChannel({ channelName: channel, principal: null, sessionKey: victim.id })).allowed).toBe(false);
    expect((await authorizeChannel({ channelName: channel, principal: null, sessionKey: null })).allowed).toBe(false);
    expect((await authorizeChannel({ channelName: channel, principal: null, sessionKey: victim.key })).allowed).toBe(true);
    // A second browser cannot claim what the first one holds.
    const second = await call(claim, { params, body: {}, ip: freshIp() });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("SESSION_CLAIMED");
    expect(second.text).not.toMatch(/session_key/);
    expect(await prisma.message.count({ where: { sessionId: victim.id, sender: "customer" } })).toBe(2);
    // The victim's own key still works.
    const own = await call(getSession, { params, headers: customerHeaders(victim.key), ip: freshIp() });
    expect(own.status).toBe(200);
    expect(own.text).toContain("4242");
  });

  it("a resume link moves the chat to the browser that opens it, once, and retires the old key", async () => {
    const victim = await victimChat();
    expect((await call(resumeLink, { params: { id: victim.id }, ip: freshIp() })).json.data).toMatchObject({ sent: true, recipient_hint: "vi•••@example.com" });
    // At most one link every two minutes per conversation.
    expect((await call(resumeLink, { params: { id: victim.id }, ip: freshIp() })).json.data).toMatchObject({ sent: false });
    const notification = await prisma.notification.findFirstOrThrow({ where: { kind: "resume_link", sessionId: victim.id } });
    expect(notification.recipient).toBe("victim@example.com");
    const url = new URL((notification.payload as { url: string }).url);
    const token = url.searchParams.get("resume")!;
    expect(url.searchParams.get("session")).toBe(victim.id);

    const moved = await call(claim, { params: { id: victim.id }, body: { resume_token: token }, ip: freshIp() });
    expect(moved.status).toBe(201);
    expect(moved.json.data.resumed).toBe(true);
    expect((await call(getSession, { params: { id: victim.id }, headers: customerHeaders(moved.json.data.session_key), ip: freshIp() })).status).toBe(200);
    expect((await call(getSession, { params: { id: victim.id }, headers: customerHeaders(victim.key), ip: freshIp() })).status).toBe(404);
    const again = await call(claim, { params: { id: victim.id }, body: { resume_token: token }, ip: freshIp() });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe("LINK_EXPIRED");
  });

  it("a chatbot with its API key gets its user's open session back; not one an anonymous caller opened first", async () => {
    await createOperator({ maxChats: 5 });
    const key = await chatbotKey();
    const bot = { authorization: `Bearer ${key}` };
    // An attacker opens a conversation under the user's id first (a pre-claim).
    const preclaim = await call(requestOperator, { body: { user_id: "crm-77", question: "hi" }, ip: freshIp() });
    expect(preclaim.status).toBe(200);
    const first = await call(requestOperator, { body: { user_id: "crm-77", user_email: "real@example.com", question: "Aiuto" }, headers: bot });
    expect(first.status).toBe(200);
    expect(first.json.session_id).not.toBe(preclaim.json.session_id);
    const again = await call(requestOperator, { body: { user_id: "crm-77", question: "Ancora io" }, headers: bot });
    expect(again.json).toMatchObject({ session_id: first.json.session_id, existing: true });
  });
});

describe("finding 3 – contact overwrite", () => {
  it("an anonymous ticket with another contact's user_id changes nothing of the contact and the victim's replies still go to the victim", async () => {
    const admin = adminHeaders();
    const mine = await call(createTicket, { body: { user_id: "crm-9", user_email: "victim@example.com", question: "Fattura sbagliata" }, headers: admin });
    await prisma.contact.update({ where: { userId: "crm-9" }, data: { emailVerifiedAt: new Date(), emailVerifiedVia: "identity_token" } });
    const attack = await call(createTicket, { body: { user_id: "crm-9", user_email: "attacker@example.com", user_phone: "+393330001111", question: "x" }, ip: freshIp() });
    expect(attack.status).toBe(201);
    const contact = await prisma.contact.findUniqueOrThrow({ where: { userId: "crm-9" } });
    expect(contact).toMatchObject({ email: "victim@example.com", emailVerifiedVia: "identity_token" });
    // The victim's ticket is answered at the victim's address only.
    const reply = await call(replyToTicket, { params: { id: mine.json.data.id }, body: { body: "Corretta, ecco la nuova fattura", channels: ["email"] }, headers: admin });
    expect(reply.status).toBe(201);
    const sent = await prisma.notification.findMany({ where: { ticketId: mine.json.data.id, kind: "ticket_reply" } });
    expect(sent.map((n) => n.recipient)).toEqual(["victim@example.com"]);
    expect(await prisma.notification.count({ where: { recipient: "attacker@example.com", ticketId: mine.json.data.id } })).toBe(0);
  });

  it("a trusted caller may change the email, and the change drops its verification", async () => {
    const bot = { authorization: `Bearer ${await chatbotKey()}` };
    await call(createTicket, { body: { user_id: "crm-10", user_email: "old@example.com", question: "a" }, headers: bot });
    await prisma.contact.update({ where: { userId: "crm-10" }, data: { emailVerifiedAt: new Date(), emailVerifiedVia: "link" } });
    await call(createTicket, { body: { user_id: "crm-10", user_email: "OLD@example.com", question: "b" }, headers: bot });
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId: "crm-10" } })).toMatchObject({ emailVerifiedVia: "link" });
    await call(createTicket, { body: { user_id: "crm-10", user_email: "new@example.com", question: "c" }, headers: bot });
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId: "crm-10" } })).toMatchObject({ email: "new@example.com", emailVerifiedAt: null, emailVerifiedVia: null });
  });
});

describe("finding 4 – the client address", () => {
  const escalate = (xff: string, extra: Record<string, string> = {}) =>
    call(requestOperator, { body: { user_id: `u-${ipCounter++}`, question: "?" }, headers: { "x-forwarded-for": xff, ...extra }, ip: "10.0.0.9" });

  it.each([
    { trusted: undefined, rotate: true, limited: true, why: "no trusted proxy: a rotated X-Forwarded-For is ignored" },
    { trusted: "1", rotate: true, limited: false, why: "one trusted hop: each forwarded address is its own client" },
    { trusted: "1", rotate: false, limited: true, why: "one trusted hop: the same forwarded address is limited" },
    { trusted: "10.0.0.0/8", rotate: true, limited: false, why: "the proxy's range is trusted" },
    { trusted: "192.168.0.0/16", rotate: true, limited: true, why: "the peer is not in the trusted range" },
  ])("$why", async ({ trusted, rotate, limited }) => {
    await createOperator({ maxChats: 50 });
    await withEnv({ RATE_LIMIT_IP_PER_MINUTE: "3", RATE_LIMIT_USER_PER_MINUTE: "100", TRUSTED_PROXIES: trusted || undefined }, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await escalate(rotate ? `203.0.113.${i + 1}` : "203.0.113.50")).status);
      expect(statuses.includes(429)).toBe(limited);
        });
  });

  it("a forged peer stamp counts as an unknown client, never as the address it names", async () => {
    await createOperator({ maxChats: 50 });
    await withEnv({ RATE_LIMIT_IP_PER_MINUTE: "3", RATE_LIMIT_USER_PER_MINUTE: "100" }, async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await call(requestOperator, { body: { user_id: `f-${ipCounter++}`, question: "?" }, headers: { "x-sportello-peer": `forged 203.0.113.${i}` } });
        statuses.push(response.status);
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
        });
  });
});

describe("finding 9 – customer messages are limited", () => {
  it("per session: the 21st message in a minute is refused with 429 and not stored", async () => {
    const victim = await victimChat();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await call(postMessage, { params: { id: victim.id }, body: { body: `m${i} ${"x".repeat(4000 - 10)}` }, headers: customerHeaders(victim.key), ip: freshIp() })).status);
    }
    // victimChat already sent one.
    expect(statuses.filter((s) => s === 201)).toHaveLength(19);
    expect(statuses.at(-1)).toBe(429);
    expect(await prisma.message.count({ where: { sessionId: victim.id, sender: "customer" } })).toBe(21);
  });

  it("per client address across sessions", async () => {
    await withEnv({ RATE_LIMIT_MESSAGES_IP_PER_MINUTE: "5" }, async () => {
      const a = await victimChat();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await call(postMessage, { params: { id: a.id }, body: { body: `m${i}` }, headers: customerHeaders(a.key), ip: "203.0.113.200" })).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
        });
  });
});

describe("finding 11 – simultaneous first escalations of one new user", () => {
  it("eight at once from a chatbot: all 200, one session", async () => {
    await createOperator({ maxChats: 5 });
    const bot = { authorization: `Bearer ${await chatbotKey()}` };
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(requestOperator, { body: { user_id: "brand-new", user_email: "new@example.com", question: "Aiuto" }, headers: bot })));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.json.session_id)).size).toBe(1);
    expect(await prisma.contact.count({ where: { userId: "brand-new" } })).toBe(1);
    expect(await prisma.chatSession.count()).toBe(1);
  });

  it("eight at once anonymously: one conversation, no unique-key error, and the other seven never see its id", async () => {
    await createOperator({ maxChats: 5 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(requestOperator, { body: { user_id: "anon-new", user_email: "n@example.com", question: "Aiuto" }, ip: freshIp() })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.json.error.code)).toEqual(Array(7).fill("CONVERSATION_OPEN"));
    expect(await prisma.contact.count({ where: { userId: "anon-new" } })).toBe(1);
    expect(await prisma.chatSession.count()).toBe(1);
  });
});

describe("other findings: cross-site writes with an operator's cookie", () => {
  it("a write carrying the operator's cookie from another site's Origin → 403; from the app's own origin it works", async () => {
    const { signInOperator } = await import("@/test/sign-in-operator");
    const operator = await createOperator({ maxChats: 5 });
    const cookie = await signInOperator(operator);
    const opened = await call(requestOperator, { body: { user_id: "csrf-victim", question: "Aiuto" }, ip: freshIp() });
    const params = { id: opened.json.session_id as string };
    const evil = await call(postMessage, { params, body: { body: "phishing link", as: "operator" }, headers: { cookie, origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(await prisma.message.count({ where: { sessionId: params.id, body: "phishing link" } })).toBe(0);
    const own = await call(postMessage, { params, body: { body: "Ciao!", as: "operator" }, headers: { cookie, origin: "http://localhost:3001" } });
    expect(own.status).toBe(201);
  });
});
