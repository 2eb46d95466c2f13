import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { GET as LIST, POST as CREATE } from "@/app/api/admin/knowledge/route";
import { DELETE, GET as READ, PATCH } from "@/app/api/admin/knowledge/[id]/route";
import { POST as PREVIEW } from "@/app/api/admin/knowledge/preview/route";
import { GET as GET_SETTINGS, PUT as PUT_SETTINGS } from "@/app/api/admin/faq-settings/route";
import { adminHeaders, call } from "@/test/http";
import { clearTables } from "@/test/db";

const entry = { question: "Come posso reimpostare la password?", answer: "Vai su Accedi → Password dimenticata.", keywords: ["Password dimenticata", "login", "password dimenticata"] };

beforeEach(async () => {
  await clearTables("knowledge_entries", "settings", "audit_events");
});

describe("/api/admin/knowledge", () => {
  it("creates, lists, reads, edits and deletes entries, each audited", async () => {
    const created = await call(CREATE, { body: entry, headers: adminHeaders() });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ question: entry.question, keywords: ["password dimenticata", "login"], locale: "it", active: true });
    const id = created.json.data.id;

    await call(CREATE, { body: { question: "How do I reset my password?", answer: "Forgot password link.", locale: "en" }, headers: adminHeaders() });
    expect((await call(LIST, { headers: adminHeaders() })).json.data).toHaveLength(2);
    expect((await call(LIST, { path: "/?locale=en", headers: adminHeaders() })).json.data.map((e: { locale: string }) => e.locale)).toEqual(["en"]);
    expect((await call(LIST, { path: "/?q=ACCEDI", headers: adminHeaders() })).json.data.map((e: { id: string }) => e.id)).toEqual([id]);
    expect((await call(LIST, { path: "/?q=login", headers: adminHeaders() })).json.data.map((e: { id: string }) => e.id)).toEqual([id]);

    expect((await call(READ, { params: { id }, headers: adminHeaders() })).json.data.id).toBe(id);

    const patched = await call(PATCH, { method: "PATCH", params: { id }, body: { active: false, answer: "Nuova risposta." }, headers: adminHeaders() });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({ active: false, answer: "Nuova risposta." });
    expect((await call(LIST, { path: "/?active=true", headers: adminHeaders() })).json.data).toHaveLength(1);

    const deleted = await call(DELETE, { method: "DELETE", params: { id }, headers: adminHeaders() });
    expect(deleted.json.data).toEqual({ id, deleted: true });
    expect((await call(READ, { params: { id }, headers: adminHeaders() })).status).toBe(404);
    expect((await call(DELETE, { method: "DELETE", params: { id }, headers: adminHeaders() })).status).toBe(404);

    const actions = (await prisma.auditEvent.findMany({ where: { targetId: id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["knowledge.created", "knowledge.updated", "knowledge.deleted"]);
    const deletion = await prisma.auditEvent.findFirstOrThrow({ where: { action: "knowledge.deleted" } });
    expect(deletion.data).toMatchObject({ question: entry.question, answer: "Nuova risposta." });
  });

  const invalid: [string, unknown, string][] = [
    ["missing answer", { question: "Domanda?" }, "answer"],
    ["question too short", { question: "?", answer: "x" }, "question"],
    ["too many keywords", { ...entry, keywords: Array.from({ length: 31 }, (_, i) => `k${i}`) }, "keywords"],
    ["unknown locale", { ...entry, locale: "de" }, "locale"],
  ];
  it.each(invalid)("POST %s → 400", async (_name, body, field) => {
    const response = await call(CREATE, { body, headers: adminHeaders() });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json.error.details)).toContain(field);
  });

  it("refuses an empty PATCH and an unknown entry", async () => {
    const created = await call(CREATE, { body: entry, headers: adminHeaders() });
    expect((await call(PATCH, { method: "PATCH", params: { id: created.json.data.id }, body: {}, headers: adminHeaders() })).status).toBe(400);
    expect((await call(PATCH, { method: "PATCH", params: { id: "nope" }, body: { active: true }, headers: adminHeaders() })).status).toBe(404);
  });

  it("is for admins only", async () => {
    expect((await call(LIST, {})).status).toBe(401);
    expect((await call(CREATE, { body: entry })).status).toBe(401);
    expect((await call(PREVIEW, { body: { question: "x" } })).status).toBe(401);
    expect((await call(GET_SETTINGS, {})).status).toBe(401);
  });

  it("previews the answer while the bot is off", async () => {
    await call(CREATE, { body: entry, headers: adminHeaders() });
    const preview = await call(PREVIEW, { body: { question: "Ho dimenticato la password" }, headers: adminHeaders() });
    expect(preview.json.data).toMatchObject({ enabled: false, decision: "answer", candidates: [{ question: entry.question }] });
  });
});

describe("/api/admin/faq-settings", () => {
  it("starts off, saves the switch and thresholds, audits the change, and refuses inverted thresholds", async () => {
    expect((await call(GET_SETTINGS, { headers: adminHeaders() })).json.data).toEqual({ enabled: false, answer_above: 0.8, escalate_below: 0.3 });
    const saved = await call(PUT_SETTINGS, { method: "PUT", body: { enabled: true, answer_above: 0.75, escalate_below: 0.3 }, headers: adminHeaders() });
    expect(saved.status).toBe(200);
    expect((await call(GET_SETTINGS, { headers: adminHeaders() })).json.data).toEqual({ enabled: true, answer_above: 0.75, escalate_below: 0.3 });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "faq_settings.updated" } });
    expect(audit.data).toEqual({ changes: { enabled: { from: false, to: true }, answer_above: { from: 0.8, to: 0.75 } } });

    const inverted = await call(PUT_SETTINGS, { method: "PUT", body: { enabled: true, answer_above: 0.2, escalate_below: 0.6 }, headers: adminHeaders() });
    expect(inverted.status).toBe(400);
    expect(JSON.stringify(inverted.json.error.details)).toContain("escalate_below");
    const outOfRange = await call(PUT_SETTINGS, { method: "PUT", body: { enabled: true, answer_above: 1.5, escalate_below: 0.3 }, headers: adminHeaders() });
    expect(outOfRange.status).toBe(400);
  });
});
