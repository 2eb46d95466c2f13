import { beforeAll, describe, expect, it } from "vitest";
import { GET as search } from "@/app/api/search/route";
import { prisma } from "@/lib/db/client";
import { RANKED_BLOCK } from "@/lib/search/run-search";
import { adminHeaders, call } from "@/test/http";
import { createOperator } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { createContact, createConversation, createTicketWith } from "@/test/conversation-fixtures";

let anna: { id: string; cookie: string };
let bruno: { id: string; cookie: string };
let giulia: { id: string };
let annaSession: string;
let brunoSession: string;

const get = (params: Record<string, string>, headers: Record<string, string> = adminHeaders()) =>
  call(search, { path: `/api/search?${new URLSearchParams(params)}`, headers });

beforeAll(async () => {
  const a = await createOperator({ name: "Anna" });
  const b = await createOperator({ name: "Bruno" });
  anna = { id: a.id, cookie: await signInOperator(a) };
  bruno = { id: b.id, cookie: await signInOperator(b) };
  giulia = await createContact({ name: "Giulia Bianchi", email: "giulia.bianchi@example.com", phone: "+393331234567" });
  const tom = await createContact({ name: "Tom Baker", email: "tom@example.org" });

  annaSession = (
    await createConversation({
      contactId: giulia.id,
      operatorId: anna.id,
      locale: "it",
      messages: [
        { body: "Perché la mia fattura di marzo è sbagliata?" },
        { body: "Controllo subito le fatture del suo account", sender: "operator" },
      ],
    })
  ).id;
  brunoSession = (
    await createConversation({
      contactId: tom.id,
      operatorId: bruno.id,
      locale: "en",
      channel: "whatsapp",
      status: "closed",
      messages: [{ body: "My <b onclick=alert(1)>invoices</b> are wrong and the running totals too" }],
    })
  ).id;
  await createTicketWith({ contactId: giulia.id, assigneeId: anna.id, question: "Rimborso non ricevuto", notes: ["Cliente molto paziente, verificare IBAN"], locale: "it" });
  await createTicketWith({ contactId: tom.id, assigneeId: bruno.id, question: "Refund for order 77", status: "pending", locale: "en" });
});

describe("GET /api/search – messages", () => {
  it("ignores accents both ways and stems Italian by the conversation's language", async () => {
    const response = await get({ q: "perche fatture" });
    expect(response.status).toBe(200);
    const items = response.json.data.items;
    expect(items.map((i: { session_id: string }) => i.session_id)).toEqual([annaSession]);
    expect(items[0]).toMatchObject({ type: "message", language: "it", contact: { id: giulia.id, name: "Giulia Bianchi" } });
    expect(items[0].snippet).toContain("<mark>Perché</mark>");
    expect(items[0].snippet).toContain("<mark>fattura</mark>");
  });

  it("stems English rows with the English dictionary (invoice → invoices, run → running)", async () => {
    const response = await get({ q: "invoice run" });
    expect(response.json.data.items.map((i: { session_id: string }) => i.session_id)).toEqual([brunoSession]);
    expect(response.json.data.items[0].language).toBe("en");
  });

  it("matches the last word as a prefix while the person types", async () => {
    const response = await get({ q: "fattu" });
    expect(response.json.data.items).toHaveLength(2);
    expect(response.json.data.items.every((i: { session_id: string }) => i.session_id === annaSession)).toBe(true);
  });

  it("finds a long word from its first letters, where the partial word stems past the stored stem", async () => {
    // "fatturazi" stems to `fatturaz`, the stored "fatture"/"fattura" to `fattur`: found through the shorter prefix.
    const partial = await get({ q: "fatturazi" });
    expect(partial.json.data.items.map((i: { session_id: string }) => i.session_id)).toEqual([annaSession, annaSession]);
    expect(partial.json.data.items[0].snippet).toMatch(/<mark>fattur[ae]<\/mark>/);
  });

  it("matches with the typed word's redundant prefixes dropped: the same rows, fewer index reads", async () => {
    const typed = ["(fatturazi:* | fattur:*)", "fattu:*", "perche & (fatturazi:* | fattur:*)", "controllo & fattu:*"];
    const rows = await prisma.$queryRaw<{ reduced: string; all: bigint; fewer: bigint }[]>`
      SELECT sportello_fewer_prefixes(q)::text AS reduced,
             (SELECT count(*) FROM messages m WHERE m.search_vector @@ x.q) AS "all",
             (SELECT count(*) FROM messages m WHERE m.search_vector @@ sportello_fewer_prefixes(x.q)) AS fewer
        FROM unnest(${typed}::text[]) WITH ORDINALITY AS t(text, i)
        CROSS JOIN LATERAL (SELECT to_tsquery('sportello_it', t.text) || to_tsquery('sportello_en', t.text) AS q) x
       ORDER BY t.i`;
    expect(rows.map((r) => r.reduced)).toEqual(["'fattur':*", "'fattu':*", "'perc' & 'fattur':* | 'perch' & 'fattur':*", "'controll' & 'fattu':* | 'controllo' & 'fattu':*"]);
    for (const row of rows) expect(row.fewer).toBe(row.all);
    expect(rows.map((r) => Number(r.all))).toEqual([2, 2, 1, 1]);
  });

  it("ranks the message that matches more of the query first", async () => {
    const other = await createConversation({ contactId: giulia.id, operatorId: anna.id, messages: [{ body: "Fattura: la fattura di aprile e la fattura di maggio, sempre la fattura" }] });
    const response = await get({ q: "fattura" });
    expect(response.json.data.items[0].session_id).toBe(other.id);
    expect(response.json.data.items.length).toBe(3);
    await prisma.message.deleteMany({ where: { sessionId: other.id } });
    await prisma.chatSession.delete({ where: { id: other.id } });
  });

  it("escapes the customer's text in snippets", async () => {
    const response = await get({ q: "invoices" });
    const snippet: string = response.json.data.items[0].snippet;
    expect(snippet).toContain("&gt;<mark>invoices</mark>");
    expect(snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("filters by channel, status, operator and date range", async () => {
    expect((await get({ q: "fattura invoices".split(" ")[1], channel: "whatsapp" })).json.data.items).toHaveLength(1);
    expect((await get({ q: "invoices", channel: "web" })).json.data.items).toHaveLength(0);
    expect((await get({ q: "invoices", status: "closed" })).json.data.items).toHaveLength(1);
    expect((await get({ q: "fattura", status: "closed" })).json.data.items).toHaveLength(0);
    expect((await get({ q: "fattura", operator: anna.id })).json.data.items.length).toBeGreaterThan(0);
    expect((await get({ q: "fattura", operator: bruno.id })).json.data.items).toHaveLength(0);
    expect((await get({ q: "fattura", from: "2000-01-01", to: "2000-12-31" })).json.data.items).toHaveLength(0);
    expect((await get({ q: "fattura", from: "2000-01-01" })).json.data.items.length).toBeGreaterThan(0);
  });
});

describe("GET /api/search – permissions, enforced in the query", () => {
  it("shows an operator only what is assigned to them", async () => {
    const asAnna = await get({ q: "invoices" }, { cookie: anna.cookie });
    expect(asAnna.status).toBe(200);
    expect(asAnna.json.data.items).toHaveLength(0);
    const asBruno = await get({ q: "invoices" }, { cookie: bruno.cookie });
    expect(asBruno.json.data.items).toHaveLength(1);
    expect((await get({ q: "fattura" }, { cookie: bruno.cookie })).json.data.items).toHaveLength(0);
  });

  it("applies to tickets and contacts too", async () => {
    expect((await get({ q: "refund", type: "tickets" }, { cookie: anna.cookie })).json.data.items).toHaveLength(0);
    expect((await get({ q: "refund", type: "tickets" }, { cookie: bruno.cookie })).json.data.items).toHaveLength(1);
    expect((await get({ q: "tom", type: "contacts" }, { cookie: anna.cookie })).json.data.items).toHaveLength(0);
    expect((await get({ q: "giulia", type: "contacts" }, { cookie: anna.cookie })).json.data.items).toHaveLength(1);
  });

  it("shows an operator what belongs to a team an admin put them in, never through the default team alone", async () => {
    const billing = await prisma.team.create({ data: { name: "Billing", slug: "billing-search" } });
    await prisma.teamMember.create({ data: { teamId: billing.id, operatorId: anna.id } });
    const carla = await createContact({ name: "Carla Verdi", email: "carla.verdi@example.com" });
    const shared = await createConversation({ contactId: carla.id, operatorId: bruno.id, locale: "it", messages: [{ body: "Il bonifico bancario è stato respinto" }] });
    await prisma.chatSession.update({ where: { id: shared.id }, data: { teamId: billing.id } });
    const billingTicket = await createTicketWith({ contactId: carla.id, assigneeId: bruno.id, question: "Bonifico respinto due volte", locale: "it" });
    await prisma.ticket.update({ where: { id: billingTicket.id }, data: { teamId: billing.id } });

    expect((await get({ q: "bonifico" }, { cookie: anna.cookie })).json.data.items).toHaveLength(1);
    expect((await get({ q: "bonifico", type: "tickets" }, { cookie: anna.cookie })).json.data.items).toHaveLength(1);
    expect((await get({ q: "carla", type: "contacts" }, { cookie: anna.cookie })).json.data.items).toHaveLength(1);
    // Out of the team, back to her own: both operators are still in the default team, which shows nothing of others.
    await prisma.teamMember.deleteMany({ where: { teamId: billing.id } });
    expect((await get({ q: "bonifico" }, { cookie: anna.cookie })).json.data.items).toHaveLength(0);
    expect((await get({ q: "carla", type: "contacts" }, { cookie: anna.cookie })).json.data.items).toHaveLength(0);
    expect((await get({ q: "bonifico" }, { cookie: bruno.cookie })).json.data.items).toHaveLength(1);
  });

  it("refuses anonymous callers and chatbot keys", async () => {
    expect((await get({ q: "fattura" }, {})).status).toBe(401);
  });

  it.each([
    [{ q: "" }, 400],
    [{ q: "x", type: "people" }, 400],
    [{ q: "x", cursor: "not-a-cursor" }, 400],
    [{ q: "x", from: "yesterday" }, 400],
    [{ q: "x", from: "2026-02-01", to: "2026-01-01" }, 400],
    [{ q: "x", limit: "500" }, 400],
  ])("bad input %j → %i in the error shape", async (params, status) => {
    const response = await get(params as Record<string, string>);
    expect(response.status).toBe(status);
    expect(response.json.success).toBe(false);
  });

  it("answers punctuation-only and operator characters without an error", async () => {
    for (const q of ["&&&", "a:* | !b", "'); select 1; --"]) expect((await get({ q })).status).toBe(200);
  });
});

describe("GET /api/search – tickets and contacts", () => {
  it("finds tickets by subject, internal notes and number", async () => {
    const bySubject = await get({ q: "rimborso", type: "tickets" });
    expect(bySubject.json.data.items.map((i: { contact: { id: string } }) => i.contact.id)).toEqual([giulia.id]);
    const byNote = await get({ q: "iban", type: "tickets" });
    expect(byNote.json.data.items).toHaveLength(1);
    expect(byNote.json.data.items[0].snippet).toContain("<mark>IBAN</mark>");
    const number = bySubject.json.data.items[0].number;
    const byNumber = await get({ q: `#${number}`, type: "tickets" });
    expect(byNumber.json.data.items[0]).toMatchObject({ type: "ticket", number });
  });

  it("finds contacts by name without accents, by part of the email and by phone as typed", async () => {
    for (const q of ["bianchi", "giulia.bian", "333 123 4567", "+39 333 1234567"]) {
      const response = await get({ q, type: "contacts" });
      expect(response.json.data.items.map((i: { id: string }) => i.id), q).toEqual([giulia.id]);
    }
  });
});

describe("GET /api/search – team filter", () => {
  it("narrows messages, tickets and contacts to one team's conversations", async () => {
    const team = await prisma.team.create({ data: { name: "Fatturazione", slug: `billing-${Date.now()}` } });
    // Tom's chat and ticket move to the billing team; Giulia's stay in the default team.
    await prisma.chatSession.update({ where: { id: brunoSession }, data: { teamId: team.id } });
    await prisma.ticket.updateMany({ where: { contact: { name: "Tom Baker" } }, data: { teamId: team.id } });
    try {
      expect((await get({ q: "wrong", team: team.id })).json.data.items.map((i: { session_id: string }) => i.session_id)).toEqual([brunoSession]);
      expect((await get({ q: "fattura", team: team.id })).json.data.items).toEqual([]);
      expect((await get({ q: "fattura", team: "default" })).json.data.items.map((i: { session_id: string }) => i.session_id)).toContain(annaSession);
      expect((await get({ q: "refund", type: "tickets", team: team.id })).json.data.items).toHaveLength(1);
      expect((await get({ q: "rimborso", type: "tickets", team: team.id })).json.data.items).toEqual([]);
      expect((await get({ q: "tom", type: "contacts", team: team.id })).json.data.items).toHaveLength(1);
      expect((await get({ q: "giulia", type: "contacts", team: team.id })).json.data.items).toEqual([]);
      expect((await get({ q: "wrong", team: "x".repeat(101) })).status).toBe(400);
    } finally {
      await prisma.chatSession.update({ where: { id: brunoSession }, data: { teamId: "default" } });
      await prisma.ticket.updateMany({ where: { teamId: team.id }, data: { teamId: "default" } });
    }
  });
});

describe("GET /api/search – keyset pagination over the whole history", () => {
  it("walks every match once, in a stable order, while new rows arrive", async () => {
    const contact = await createContact({ name: "Paginatore" });
    const old = new Date("2019-03-01T10:00:00Z");
    await createConversation({
      contactId: contact.id,
      operatorId: anna.id,
      messages: Array.from({ length: 23 }, (_, i) => ({ body: `spedizione numero ${i} in ritardo`, at: new Date(old.getTime() + (i % 5) * 1000) })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get({ q: "spedizione", limit: "5", ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      seen.push(...response.json.data.items.map((i: { id: string }) => i.id));
      cursor = response.json.data.next_cursor;
      if (pages === 1) {
        // A new, newer match after the first pages does not shift what is still to come.
        await prisma.message.create({ data: { sessionId: annaSession, seq: 100, sender: "customer", body: "spedizione nuova" } });
      }
      pages++;
    } while (cursor);
    const expected = await prisma.message.findMany({ where: { body: { startsWith: "spedizione numero" } }, select: { id: true } });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => expected.some((e) => e.id === id)).length).toBe(23);
    expect(pages).toBe(5);
  });
});

describe("GET /api/search – ranking in blocks of the newest matches", () => {
  it("ranks the newest RANKED_BLOCK matches together, then pages on into older blocks without skipping a row", async () => {
    const contact = await createContact({ name: "Quaderni" });
    const session = await createConversation({ contactId: contact.id, operatorId: anna.id, locale: "it" });
    const base = new Date("2018-05-01T08:00:00Z").getTime();
    const total = RANKED_BLOCK + 30;
    // The 30 oldest say the word three times: they rank highest, but only within their own (older) block.
    await prisma.message.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        sessionId: session.id,
        seq: i + 1,
        sender: "customer" as const,
        body: i < 30 ? `quaderno quaderno quaderno ${i}` : `quaderno blu ${i}`,
        createdAt: new Date(base + i * 1000),
      })),
    });
    const pages: { id: string; created_at: string; snippet: string }[][] = [];
    let cursor: string | null = null;
    do {
      const response = await get({ q: "quaderno", limit: "50", ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      pages.push(response.json.data.items);
      cursor = response.json.data.next_cursor;
      if (pages.length === 2) {
        // A newer, better match once the walk has started belongs to no block of this walk.
        await prisma.message.create({ data: { sessionId: session.id, seq: total + 1, sender: "customer", body: "quaderno quaderno quaderno quaderno" } });
      }
    } while (cursor);
    const seen = pages.flat();
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((i) => i.id)).size).toBe(total);
    const oldest = new Date(base + 29 * 1000).toISOString();
    // The first block is the newest RANKED_BLOCK matches, newest first among equals; the 30 older ones come after it.
    expect(pages[0].every((i) => i.created_at > oldest)).toBe(true);
    expect(pages[0][0].created_at).toBe(new Date(base + (total - 1) * 1000).toISOString());
    expect(seen.slice(RANKED_BLOCK).every((i) => i.created_at <= oldest && i.snippet.startsWith("<mark>quaderno</mark> <mark>quaderno</mark>"))).toBe(true);
  });
});

describe("GET /api/search – newest first", () => {
  it("sorts by recency when asked, and pages the same way", async () => {
    const contact = await createContact({ name: "Recente" });
    const base = new Date("2024-01-01T00:00:00Z").getTime();
    await createConversation({
      contactId: contact.id,
      operatorId: anna.id,
      messages: Array.from({ length: 7 }, (_, i) => ({ body: `garanzia ${"garanzia ".repeat(i % 3)}scaduta ${i}`, at: new Date(base + i * 60_000) })),
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get({ q: "garanzia", sort: "recent", limit: "3", ...(cursor ? { cursor } : {}) });
      seen.push(...response.json.data.items.map((i: { created_at: string }) => i.created_at));
      cursor = response.json.data.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(seen).toEqual([...seen].sort().reverse());
  });
});
