import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/chat/canned-responses/route";
import { DELETE, PATCH } from "@/app/api/chat/canned-responses/[id]/route";
import { POST as POST_MESSAGE } from "@/app/api/chat/sessions/[id]/messages/route";
import { POST as POST_REPLY } from "@/app/api/tickets/[id]/replies/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, call } from "@/test/http";
import { createOperator } from "@/test/fixtures";
import { createContact, createConversation, createTicketWith } from "@/test/conversation-fixtures";
import { signInOperator } from "@/test/sign-in-operator";

type Op = Awaited<ReturnType<typeof createOperator>>;
let ana: Op, bruno: Op, admin: Op;
let anaCookie: string, brunoCookie: string, adminCookie: string;

beforeAll(async () => {
  ana = await createOperator({ name: "Ana Ferri" });
  bruno = await createOperator({ name: "Bruno Neri" });
  admin = await createOperator({ name: "Carla Admin", role: "admin" });
  [anaCookie, brunoCookie, adminCookie] = await Promise.all([signInOperator(ana), signInOperator(bruno), signInOperator(admin)]);
});

const as = (cookie: string) => ({ cookie });
let n = 0;
const shortcut = (base: string) => `${base}${++n}`;

async function create(headers: Record<string, string>, body: object) {
  return call(POST, { headers, body: { title: "A reply", bodies: { it: "Ciao" }, ...body } });
}
async function list(headers: Record<string, string>, query = "") {
  const response = await call(GET, { headers, path: `/api/chat/canned-responses${query}` });
  expect(response.status).toBe(200);
  return response.json.data as { id: string; shortcut: string; can_edit: boolean; usage_count: number; rendered?: { locale: string; text: string; missing: string[] } }[];
}

describe("/api/chat/canned-responses – scopes and permissions", () => {
  it("a personal response is its owner's alone: others get 404 and never see it, admins included", async () => {
    const mine = await create(as(anaCookie), { shortcut: shortcut("mine"), scope: "personal" });
    expect(mine.status).toBe(201);
    expect(mine.json.data).toMatchObject({ scope: "personal", owner: { id: ana.id, name: "Ana Ferri" }, can_edit: true, usage_count: 0 });
    const id = mine.json.data.id as string;

    expect((await list(as(anaCookie))).map((r) => r.id)).toContain(id);
    for (const headers of [as(brunoCookie), as(adminCookie), adminHeaders()]) {
      expect((await list(headers)).map((r) => r.id)).not.toContain(id);
      const patch = await call(PATCH, { method: "PATCH", headers, params: { id }, body: { title: "Mine now" } });
      expect(patch.status).toBe(404);
      expect(patch.json.error.code).toBe("NOT_FOUND");
      expect((await call(DELETE, { method: "DELETE", headers, params: { id } })).status).toBe(404);
    }

    const renamed = await call(PATCH, { method: "PATCH", headers: as(anaCookie), params: { id }, body: { title: "Renamed", bodies: { en: "Hello" } } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.data).toMatchObject({ title: "Renamed", bodies: { en: "Hello" } });
    expect((await call(DELETE, { method: "DELETE", headers: as(anaCookie), params: { id } })).json.data).toEqual({ id, deleted: true });
    expect(await prisma.cannedResponse.count({ where: { id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { targetId: id } })).toBe(3);
  });

  it("desk-wide responses: admins manage them, operators use them but get 403 on changes", async () => {
    const denied = await create(as(anaCookie), { shortcut: shortcut("all"), scope: "everyone" });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("FORBIDDEN");

    const created = await create(as(adminCookie), { shortcut: shortcut("all"), scope: "everyone" });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ scope: "everyone", owner: null, can_edit: true });
    const id = created.json.data.id as string;

    const seen = (await list(as(brunoCookie))).find((r) => r.id === id);
    expect(seen).toMatchObject({ can_edit: false });
    const patch = await call(PATCH, { method: "PATCH", headers: as(brunoCookie), params: { id }, body: { title: "Mine" } });
    expect(patch.status).toBe(403);
    expect(patch.json.error.code).toBe("FORBIDDEN");
    expect((await call(DELETE, { method: "DELETE", headers: as(brunoCookie), params: { id } })).status).toBe(403);
    // Nor may an operator pull a desk-wide response into their own list by changing its scope.
    expect((await call(PATCH, { method: "PATCH", headers: as(brunoCookie), params: { id }, body: { scope: "personal" } })).status).toBe(403);

    const byKey = await call(PATCH, { method: "PATCH", headers: adminHeaders(), params: { id }, body: { title: "Desk hours" } });
    expect(byKey.status).toBe(200);
    expect(byKey.json.data.title).toBe("Desk hours");
    expect((await call(DELETE, { method: "DELETE", headers: as(adminCookie), params: { id } })).status).toBe(200);
  });

  it("an operator cannot promote their own response to the whole desk; an admin can, and it loses its owner", async () => {
    const mine = await create(as(anaCookie), { shortcut: shortcut("promo") });
    const id = mine.json.data.id as string;
    expect((await call(PATCH, { method: "PATCH", headers: as(anaCookie), params: { id }, body: { scope: "everyone" } })).status).toBe(403);
    expect(await prisma.cannedResponse.findUniqueOrThrow({ where: { id } })).toMatchObject({ scope: "personal", ownerId: ana.id });

    const adminOwn = await create(as(adminCookie), { shortcut: shortcut("promo") });
    const promoted = await call(PATCH, { method: "PATCH", headers: as(adminCookie), params: { id: adminOwn.json.data.id }, body: { scope: "everyone" } });
    expect(promoted.status).toBe(200);
    expect(promoted.json.data).toMatchObject({ scope: "everyone", owner: null });
  });

  it("an admin API key has no personal responses; nobody unauthenticated gets anything", async () => {
    const personal = await create(adminHeaders(), { shortcut: shortcut("key") });
    expect(personal.status).toBe(400);
    expect(personal.json.error.details).toEqual([{ path: "scope", message: expect.stringContaining("API key") }]);
    expect((await create(adminHeaders(), { shortcut: shortcut("key"), scope: "everyone" })).status).toBe(201);
    expect((await call(GET)).status).toBe(401);
    expect((await call(POST, { body: { shortcut: "x", title: "x", bodies: { it: "x" } } })).status).toBe(401);
  });

  it("one shortcut per holder: a second /same in one list is 409, in another holder's list it is fine", async () => {
    const name = shortcut("dup");
    expect((await create(as(anaCookie), { shortcut: name })).status).toBe(201);
    const again = await create(as(anaCookie), { shortcut: name.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("CONFLICT");
    expect((await create(as(brunoCookie), { shortcut: name })).status).toBe(201);
    expect((await create(as(adminCookie), { shortcut: name, scope: "everyone" })).status).toBe(201);
  });
});

describe("/api/chat/canned-responses – team scope", () => {
  it("a team's responses: its members use them, other operators never see them, only admins change them", async () => {
    const slug = shortcut("billing");
    const team = await prisma.team.create({ data: { name: "Billing", slug } });
    await prisma.teamMember.create({ data: { teamId: team.id, operatorId: ana.id } });

    expect((await create(as(anaCookie), { shortcut: shortcut("t"), scope: "team", team: slug })).status).toBe(403);
    const created = await create(as(adminCookie), { shortcut: shortcut("iban"), scope: "team", team: slug, bodies: { it: "IBAN: IT60X" } });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ scope: "team", owner: null, team: { id: team.id, slug, name: "Billing" } });
    const id = created.json.data.id as string;

    expect((await list(as(anaCookie))).find((r) => r.id === id)).toMatchObject({ can_edit: false });
    expect((await list(as(brunoCookie))).map((r) => r.id)).not.toContain(id);
    expect((await call(PATCH, { method: "PATCH", headers: as(anaCookie), params: { id }, body: { title: "x" } })).status).toBe(403);
    expect((await call(DELETE, { method: "DELETE", headers: as(anaCookie), params: { id } })).status).toBe(403);
    expect((await call(PATCH, { method: "PATCH", headers: as(brunoCookie), params: { id }, body: { title: "x" } })).status).toBe(404);
    expect((await call(DELETE, { method: "DELETE", headers: as(brunoCookie), params: { id } })).status).toBe(404);

    // Moved to another team by its id: Ana no longer sees it; the admin API key manages it too.
    const other = await prisma.team.create({ data: { name: "Tech", slug: shortcut("tech") } });
    const moved = await call(PATCH, { method: "PATCH", headers: adminHeaders(), params: { id }, body: { team: other.id } });
    expect(moved.status).toBe(200);
    expect(moved.json.data.team.slug).toBe(other.slug);
    expect((await list(as(anaCookie))).map((r) => r.id)).not.toContain(id);
    expect((await list(as(adminCookie), "?scope=team")).map((r) => r.id)).toContain(id);

    // A response Bruno may not use is not counted when he names it in a message.
    const contact = await createContact({ name: "Eva" });
    const chat = await createConversation({ contactId: contact.id, operatorId: bruno.id, status: "active" });
    expect((await call(POST_MESSAGE, { headers: { cookie: brunoCookie }, params: { id: chat.id }, body: { body: "IBAN", canned_response_ids: [id] } })).status).toBe(201);
    expect((await prisma.cannedResponse.findUniqueOrThrow({ where: { id } })).usageCount).toBe(0);
  });

  it.each([
    ["scope team without a team", { scope: "team" }, "team"],
    ["an unknown team", { scope: "team", team: "no-such-team" }, "team"],
    ["a team with scope everyone", { scope: "everyone", team: "default" }, "team"],
  ])("POST /api/chat/canned-responses (admin) – %s → 400", async (_label, patch, path) => {
    const response = await create(as(adminCookie), { shortcut: shortcut("tv"), ...patch });
    expect(response.status).toBe(400);
    expect(response.json.error.details).toEqual([{ path, message: expect.any(String) }]);
  });
});

describe("/api/chat/canned-responses – validation", () => {
  it.each([
    ["a shortcut with a space", { shortcut: "re fund" }],
    ["a shortcut with a slash", { shortcut: "/refund" }],
    ["a shortcut over 40 characters", { shortcut: "x".repeat(41) }],
    ["no title", { title: "" }],
    ["no text in any locale", { bodies: {} }],
    ["a locale the desk does not have", { bodies: { de: "Hallo" } }],
    ["an empty text", { bodies: { it: "   " } }],
    ["a text over 4000 characters", { bodies: { it: "x".repeat(4001) } }],
    ["an unknown scope", { scope: "company" }],
  ])("POST /api/chat/canned-responses – %s → 400", async (_label, patch) => {
    const before = await prisma.cannedResponse.count();
    const response = await create(as(anaCookie), { shortcut: shortcut("ok"), ...patch });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("VALIDATION_ERROR");
    expect(await prisma.cannedResponse.count()).toBe(before);
  });

  it("PATCH with nothing to change, a bad id, or bad query parameters → 4xx in the error shape", async () => {
    const mine = await create(as(anaCookie), { shortcut: shortcut("v") });
    const empty = await call(PATCH, { method: "PATCH", headers: as(anaCookie), params: { id: mine.json.data.id }, body: {} });
    expect(empty.status).toBe(400);
    expect((await call(PATCH, { method: "PATCH", headers: as(anaCookie), params: { id: "nope" }, body: { title: "x" } })).status).toBe(404);
    const both = await call(GET, { headers: as(anaCookie), path: "/api/chat/canned-responses?session_id=AAAAAAAAAAAAAAAAAAAAAAAA&ticket_id=1001" });
    expect(both.status).toBe(400);
    expect((await call(GET, { headers: as(anaCookie), path: "/api/chat/canned-responses?limit=0" })).status).toBe(400);
  });
});

describe("/api/chat/canned-responses – search", () => {
  it("?q= matches shortcut and title words, shortcut matches first, a leading / ignored", async () => {
    const op = await createOperator();
    const cookie = await signInOperator(op);
    const made = async (s: string, title: string) => (await create(as(cookie), { shortcut: s, title })).json.data.id as string;
    const refund = await made("refund", "Refund policy");
    const late = await made("late", "Refund for a late delivery");
    const hours = await made("hours", "Opening hours");

    expect((await list(as(cookie), "?q=%2Fref")).map((r) => r.id)).toEqual([refund, late]);
    expect((await list(as(cookie), "?q=REFUND")).map((r) => r.id)).toEqual([refund, late]);
    expect((await list(as(cookie), "?q=late%20refund")).map((r) => r.id)).toEqual([late]);
    expect((await list(as(cookie), "?q=hou")).map((r) => r.id)).toEqual([hours]);
    expect(await list(as(cookie), "?q=zzz")).toEqual([]);
    expect((await list(as(cookie), "?scope=personal")).map((r) => r.id).sort()).toEqual([refund, late, hours].sort());
  });
});

describe("/api/chat/canned-responses – variables", () => {
  it("renders for a chat the operator holds, in the chat's locale, leaving unknown or empty variables visible", async () => {
    const op = await createOperator({ name: "Luca Bianchi" });
    const cookie = await signInOperator(op);
    const contact = await createContact({ name: "Maria Rossi", email: "maria@example.com" });
    const chat = await createConversation({ contactId: contact.id, operatorId: op.id, status: "active", locale: "en" });
    const greet = (await create(as(cookie), {
      shortcut: "greet",
      bodies: { it: "Ciao {{customer.first_name}}, sono {{operator.name}}", en: "Hi {{customer.first_name}}, {{operator.first_name}} here. Ticket {{ticket.number}}, code {{coupon.code}}" },
    })).json.data.id as string;
    const itOnly = (await create(as(cookie), { shortcut: "itonly", bodies: { it: "Scrivi a {{customer.email}}" } })).json.data.id as string;

    const rendered = await list(as(cookie), `?session_id=${chat.id}`);
    expect(rendered.find((r) => r.id === greet)?.rendered).toEqual({
      locale: "en",
      text: "Hi Maria, Luca here. Ticket {{ticket.number}}, code {{coupon.code}}",
      missing: ["ticket.number", "coupon.code"],
    });
    // No English text: the desk's default locale, not an empty insertion.
    expect(rendered.find((r) => r.id === itOnly)?.rendered).toEqual({ locale: "it", text: "Scrivi a maria@example.com", missing: [] });
    expect((await list(as(cookie))).every((r) => r.rendered === undefined)).toBe(true);

    // Another operator's chat is not theirs to read, not even its customer's name through a preview.
    const other = await createConversation({ contactId: contact.id, operatorId: ana.id, status: "active" });
    const hidden = await call(GET, { headers: as(cookie), path: `/api/chat/canned-responses?session_id=${other.id}` });
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe("NOT_FOUND");
  });

  it("fills the queue position of a waiting chat and a ticket's number and link", async () => {
    const op = await createOperator({ name: "Sara Verdi" });
    const cookie = await signInOperator(op);
    const contact = await createContact({ name: "Paolo" });
    const queued = await createConversation({ contactId: contact.id, status: "queued" });
    await create(as(cookie), { shortcut: "pos", bodies: { it: "Sei {{session.position}}° in coda, {{customer.name}}" } });
    await create(as(cookie), { shortcut: "tkt", bodies: { it: "Ticket #{{ticket.number}}: {{ticket.url}}" } });

    const position = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM chat_sessions WHERE status = 'queued'`;
    const [pos] = await list(as(cookie), `?q=pos&session_id=${queued.id}`);
    expect(pos.rendered).toEqual({ locale: "it", text: `Sei ${Number(position[0].n)}° in coda, Paolo`, missing: [] });

    const ticket = await createTicketWith({ contactId: contact.id, question: "Rimborso" });
    const [tkt] = await list(as(cookie), `?q=tkt&ticket_id=${ticket.number}`);
    expect(tkt.rendered?.text).toMatch(new RegExp(`^Ticket #${ticket.number}: http.*/ticket/${ticket.accessToken}$`));
    expect((await call(GET, { headers: as(cookie), path: "/api/chat/canned-responses?ticket_id=999999" })).status).toBe(404);
  });
});

describe("usage counts", () => {
  it("count once per stored message, only for responses the writer may use, and not again on a retry", async () => {
    const op = await createOperator();
    const cookie = await signInOperator(op);
    const contact = await createContact({ name: "Giulia", email: "giulia@example.com", emailVerified: true });
    const chat = await createConversation({ contactId: contact.id, operatorId: op.id, status: "active" });
    const mine = (await create(as(cookie), { shortcut: "thanks" })).json.data.id as string;
    const desk = (await create(as(adminCookie), { shortcut: shortcut("desk"), scope: "everyone" })).json.data.id as string;
    const brunos = (await create(as(brunoCookie), { shortcut: shortcut("bruno") })).json.data.id as string;

    const send = () =>
      call(POST_MESSAGE, {
        headers: { cookie, "idempotency-key": "msg-1" },
        params: { id: chat.id },
        body: { body: "Grazie Giulia! Orari: 9-18", canned_response_ids: [mine, mine, desk, brunos] },
      });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);

    const count = async (id: string) => (await prisma.cannedResponse.findUniqueOrThrow({ where: { id } })).usageCount;
    expect(await count(mine)).toBe(1);
    expect(await count(desk)).toBe(1);
    expect(await count(brunos)).toBe(0);
    expect((await prisma.cannedResponse.findUniqueOrThrow({ where: { id: mine } })).lastUsedAt).not.toBeNull();

    // A refused message counts nothing.
    const closed = await createConversation({ contactId: contact.id, operatorId: op.id, status: "closed" });
    expect((await call(POST_MESSAGE, { headers: { cookie }, params: { id: closed.id }, body: { body: "x", canned_response_ids: [mine] } })).status).toBe(409);
    expect(await count(mine)).toBe(1);

    const ticket = await createTicketWith({ contactId: contact.id, question: "Ordine" });
    const reply = await call(POST_REPLY, { headers: { cookie }, params: { id: String(ticket.number) }, body: { body: "Ecco", channels: ["email"], canned_response_ids: [desk] } });
    expect(reply.status).toBe(201);
    expect(await count(desk)).toBe(2);
    // The admin sees the count in the list.
    expect((await list(as(adminCookie), `?q=desk`)).find((r) => r.id === desk)?.usage_count).toBe(2);
  });
});
