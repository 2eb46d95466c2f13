// Contacts across channels: profile and timeline, notes, the chat sidebar's history, merging (manual with a
// preview, automatic only on identifiers verified on both sides).
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getContact } from "@/app/api/contacts/[id]/route";
import { POST as addNote } from "@/app/api/contacts/[id]/notes/route";
import { GET as history } from "@/app/api/chat/sessions/[id]/contact-history/route";
import { POST as merge } from "@/app/api/admin/contacts/merge/route";
import { GET as preview } from "@/app/api/admin/contacts/merge-preview/route";
import { GET as suggestions } from "@/app/api/admin/contacts/merge-suggestions/route";
import { prisma } from "@/lib/db/client";
import { autoMergeVerifiedContacts } from "@/lib/contacts/auto-merge-verified-contacts";
import { adminHeaders, call } from "@/test/http";
import { createOperator } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { createContact, createConversation, createTicketWith } from "@/test/conversation-fixtures";

let anna: { id: string; cookie: string };
let bruno: { id: string; cookie: string };

beforeAll(async () => {
  const a = await createOperator({ name: "Anna" });
  const b = await createOperator({ name: "Bruno" });
  anna = { id: a.id, cookie: await signInOperator(a) };
  bruno = { id: b.id, cookie: await signInOperator(b) };
});

const profile = (id: string, headers: Record<string, string>) => call(getContact, { path: `/api/contacts/${id}`, params: { id }, headers });
const mergeCall = (body: unknown, headers: Record<string, string> = adminHeaders()) => call(merge, { path: "/api/admin/contacts/merge", body, headers });

describe("GET /api/contacts/{id}", () => {
  it("shows the profile with verification and one timeline across web, WhatsApp and email, newest first", async () => {
    const contact = await createContact({ name: "Luca Riva", email: "luca@example.com", phone: "+393335550001", emailVerified: true });
    const web = await createConversation({ contactId: contact.id, operatorId: anna.id, status: "closed", createdAt: new Date("2026-01-01T10:00:00Z"), messages: [{ body: "ciao" }] });
    const whatsapp = await createConversation({ contactId: contact.id, operatorId: bruno.id, channel: "whatsapp", createdAt: new Date("2026-02-01T10:00:00Z"), messages: [{ body: "ordine" }, { body: "ok", sender: "operator" }] });
    const ticket = await createTicketWith({ contactId: contact.id, question: "Rimborso", channel: "email", replies: ["grazie"] });

    const response = await profile(contact.id, { cookie: anna.cookie });
    expect(response.status).toBe(200);
    const data = response.json.data;
    expect(data).toMatchObject({ id: contact.id, name: "Luca Riva", email: "luca@example.com", email_verified_via: "identity_token", phone_verified_at: null, phone_verified_via: null });
    expect(data.email_verified_at).not.toBeNull();
    expect(data.channels).toEqual(["email", "web", "whatsapp"]);
    expect(data.timeline.map((i: { type: string; id: string }) => `${i.type}:${i.id}`)).toEqual([`ticket:${ticket.id}`, `conversation:${whatsapp.id}`, `conversation:${web.id}`]);
    expect(data.timeline[1]).toMatchObject({ channel: "whatsapp", message_count: 2, operator: { id: bruno.id, name: "Bruno" } });
  });

  it("is visible to an operator with one of the contact's conversations, 404 to others, 401 anonymously", async () => {
    const contact = await createContact({ name: "Solo Bruno" });
    await createConversation({ contactId: contact.id, operatorId: bruno.id, messages: [{ body: "x" }] });
    expect((await profile(contact.id, { cookie: bruno.cookie })).status).toBe(200);
    expect((await profile(contact.id, { cookie: anna.cookie })).status).toBe(404);
    expect((await profile(contact.id, adminHeaders())).status).toBe(200);
    expect((await profile(contact.id, {})).status).toBe(401);
    expect((await profile("missing", adminHeaders())).status).toBe(404);
  });

  it("keeps internal notes about the contact", async () => {
    const contact = await createContact({ name: "Con Note" });
    await createConversation({ contactId: contact.id, operatorId: anna.id, messages: [{ body: "x" }] });
    const created = await call(addNote, { path: `/api/contacts/${contact.id}/notes`, params: { id: contact.id }, body: { body: "Cliente storico, tono formale" }, headers: { cookie: anna.cookie } });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ body: "Cliente storico, tono formale", author: { id: anna.id, name: "Anna" } });
    expect((await profile(contact.id, { cookie: anna.cookie })).json.data.notes.map((n: { body: string }) => n.body)).toEqual(["Cliente storico, tono formale"]);
    expect((await call(addNote, { params: { id: contact.id }, body: { body: "x" }, headers: { cookie: bruno.cookie } })).status).toBe(404);
    expect((await call(addNote, { params: { id: contact.id }, body: { body: "  " }, headers: { cookie: anna.cookie } })).status).toBe(400);
  });
});

describe("GET /api/chat/sessions/{id}/contact-history", () => {
  it("gives the chat sidebar the customer's previous conversations and open tickets", async () => {
    const contact = await createContact({ name: "Sidebar" });
    const earlier = await createConversation({ contactId: contact.id, operatorId: bruno.id, status: "closed", channel: "whatsapp", messages: [{ body: "prima" }] });
    const open = await createTicketWith({ contactId: contact.id, question: "Aperto", status: "pending" });
    await createTicketWith({ contactId: contact.id, question: "Chiuso", status: "closed" });
    const current = await createConversation({ contactId: contact.id, operatorId: anna.id, messages: [{ body: "ora" }] });
    const response = await call(history, { params: { id: current.id }, headers: { cookie: anna.cookie } });
    expect(response.status).toBe(200);
    expect(response.json.data.contact_id).toBe(contact.id);
    expect(response.json.data.conversations.map((c: { id: string }) => c.id)).toEqual([earlier.id]);
    expect(response.json.data.open_tickets.map((t: { id: string }) => t.id)).toEqual([open.id]);
    expect((await call(history, { params: { id: current.id }, headers: { cookie: bruno.cookie } })).status).toBe(404);
  });
});

describe("merging contacts", () => {
  it("previews, then merges by hand: everything moves, identifiers only fill gaps, audited, the old id leads on", async () => {
    const into = await createContact({ name: "Marco Blu", email: "marco@example.com" });
    const from = await createContact({ email: "MARCO@example.com", phone: "+393335550002", phoneVerified: true });
    const session = await createConversation({ contactId: from.id, channel: "whatsapp", operatorId: anna.id, messages: [{ body: "ciao" }] });
    const ticket = await createTicketWith({ contactId: from.id, question: "Spedizione" });

    const suggested = (await call(suggestions, { headers: adminHeaders() })).json.data;
    const group = suggested.find((g: { contacts: { id: string }[] }) => g.contacts.some((c) => c.id === from.id));
    expect(group).toMatchObject({ via: "email", value: "marco@example.com", automatic: false });
    expect(group.contacts.map((c: { id: string }) => c.id)).toEqual([into.id, from.id]);

    const planned = await call(preview, { path: `/api/admin/contacts/merge-preview?into=${into.id}&from=${from.id}`, headers: adminHeaders() });
    expect(planned.status).toBe(200);
    expect(planned.json.data).toMatchObject({ moves: { conversations: 1, tickets: 1, notes: 0, merged_contacts: 0 }, fills: ["phone"] });
    expect(await prisma.chatSession.count({ where: { contactId: from.id } })).toBe(1);

    const merged = await mergeCall({ into: into.id, from: from.id });
    expect(merged.status).toBe(200);
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ contactId: into.id });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ contactId: into.id });
    const survivor = await prisma.contact.findUniqueOrThrow({ where: { id: into.id } });
    expect(survivor).toMatchObject({ name: "Marco Blu", email: "marco@example.com", phone: "+393335550002", phoneVerifiedVia: "whatsapp_inbound", emailVerifiedAt: null });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: from.id } })).toMatchObject({ mergedIntoId: into.id });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "contact.merged", targetId: into.id } });
    expect(audit.data).toMatchObject({ from: from.id, moves: { conversations: 1, tickets: 1 } });
    // The merged id opens the surviving contact.
    expect((await profile(from.id, adminHeaders())).json.data).toMatchObject({ id: into.id, requested_id: from.id });
    // No second merge of a tombstone, and the suggestion is gone.
    expect((await mergeCall({ into: into.id, from: from.id })).status).toBe(409);
    expect((await call(suggestions, { headers: adminHeaders() })).json.data.some((g: { value: string }) => g.value === "marco@example.com")).toBe(false);
  });

  it.each([
    ["same ids", (a: string) => ({ into: a, from: a }), 400],
    ["missing from", (a: string) => ({ into: a }), 400],
    ["unknown contact", (a: string) => ({ into: a, from: "nope" }), 404],
  ])("POST /api/admin/contacts/merge – %s", async (_name, body, status) => {
    const a = await createContact({ name: "Case" });
    const response = await mergeCall(body(a.id));
    expect(response.status).toBe(status);
    expect(response.json.success).toBe(false);
  });

  it("is admin-only", async () => {
    const a = await createContact();
    const b = await createContact();
    expect((await mergeCall({ into: a.id, from: b.id }, { cookie: anna.cookie })).status).toBe(403);
    expect((await call(suggestions, { headers: { cookie: anna.cookie } })).status).toBe(403);
  });

  it("merges automatically only when the identifier is verified on both sides", async () => {
    const older = await createContact({ email: "v@example.com", emailVerified: true, createdAt: new Date("2025-01-01") });
    const newer = await createContact({ email: "V@example.com", emailVerified: true });
    const halfA = await createContact({ email: "half@example.com", emailVerified: true });
    const halfB = await createContact({ email: "half@example.com" });
    const unverifiedA = await createContact({ phone: "+393335550003" });
    const unverifiedB = await createContact({ phone: "+393335550003" });
    const phoneA = await createContact({ phone: "+393335550004", phoneVerified: true, createdAt: new Date("2025-01-01") });
    const phoneB = await createContact({ phone: "+393335550004", phoneVerified: true });

    expect(await autoMergeVerifiedContacts()).toBe(2);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: newer.id } })).mergedIntoId).toBe(older.id);
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: phoneB.id } })).mergedIntoId).toBe(phoneA.id);
    for (const c of [halfA, halfB, unverifiedA, unverifiedB]) expect((await prisma.contact.findUniqueOrThrow({ where: { id: c.id } })).mergedIntoId).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "contact.auto_merged", actorType: "system" } })).toBe(2);
    // Idempotent: a second run (another instance) finds nothing.
    expect(await autoMergeVerifiedContacts()).toBe(0);
    // A conversation opened under the merged user id afterwards moves on at the next run.
    const late = await createConversation({ contactId: newer.id, messages: [{ body: "di nuovo io" }] });
    expect((await profile(older.id, adminHeaders())).json.data.timeline.map((i: { id: string }) => i.id)).toContain(late.id);
    await autoMergeVerifiedContacts();
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: late.id } })).contactId).toBe(older.id);
  });
});

describe("merging two contacts that are both chatting", () => {
  it("is refused with 409 CONVERSATION_OPEN, by hand and automatically, until one chat ends; then nothing is lost", async () => {
    const web = await createContact({ name: "Sara Neri", email: "sara@example.com", emailVerified: true, createdAt: new Date("2025-01-01") });
    const whatsapp = await createContact({ email: "sara@example.com", emailVerified: true, phone: "+393335550009", phoneVerified: true });
    const live = await createConversation({ contactId: web.id, operatorId: anna.id, messages: [{ body: "sul sito" }] });
    const queued = await createConversation({ contactId: whatsapp.id, status: "queued", channel: "whatsapp", messages: [{ body: "su WhatsApp" }] });

    const planned = await call(preview, { path: `/api/admin/contacts/merge-preview?into=${web.id}&from=${whatsapp.id}`, headers: adminHeaders() });
    expect(planned.json.data.open_chats).toEqual({ into: [live.id], from: [queued.id] });
    const refused = await mergeCall({ into: web.id, from: whatsapp.id });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "CONVERSATION_OPEN", details: { open_chats: { into: [live.id], from: [queued.id] } } });
    // The automatic merge (verified on both sides) waits too, and says nothing has changed.
    expect(await autoMergeVerifiedContacts()).toBe(0);
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: whatsapp.id } })).toMatchObject({ mergedIntoId: null });
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ contactId: whatsapp.id, status: "queued" });
    expect(await prisma.auditEvent.count({ where: { action: { in: ["contact.merged", "contact.auto_merged"] }, targetId: web.id } })).toBe(0);

    // One chat ends: the next run merges, and the customer has exactly one open chat, still live.
    await prisma.chatSession.update({ where: { id: queued.id }, data: { status: "closed", closedAt: new Date() } });
    expect(await autoMergeVerifiedContacts()).toBe(1);
    expect(await prisma.chatSession.findMany({ where: { contactId: web.id, status: { in: ["queued", "active"] } }, select: { id: true } })).toEqual([{ id: live.id }]);
    expect(await prisma.chatSession.count({ where: { contactId: web.id } })).toBe(2);
  });

  it("goes ahead when only one side is chatting", async () => {
    const a = await createContact({ name: "Ugo Gialli" });
    const b = await createContact({ name: "Ugo G." });
    const open = await createConversation({ contactId: b.id, status: "queued", messages: [{ body: "ciao" }] });
    await createConversation({ contactId: a.id, status: "closed", closedAt: new Date(), messages: [{ body: "ieri" }] });
    const merged = await mergeCall({ into: a.id, from: b.id });
    expect(merged.status).toBe(200);
    expect(merged.json.data.open_chats).toEqual({ into: [], from: [open.id] });
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: open.id } })).contactId).toBe(a.id);
  });
});

describe("after a merge", () => {
  it("a merged contact's user id brings new conversations to the surviving contact", async () => {
    const { upsertContact } = await import("@/lib/contacts/upsert-contact");
    const survivor = await prisma.contact.create({ data: { userId: `survivor-${Date.now()}`, email: "keep@example.com" } });
    const merged = await prisma.contact.create({ data: { userId: `merged-${Date.now()}`, mergedIntoId: survivor.id, mergedAt: new Date() } });
    const found = await upsertContact(prisma, { userId: merged.userId, email: "typed@example.com", trusted: false });
    expect(found).toMatchObject({ id: survivor.id, email: "keep@example.com" });
  });
});
