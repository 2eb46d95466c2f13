import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { GET as listOperators, POST as createOperatorRoute } from "@/app/api/chat/operators/route";
import { PATCH as patchOperator } from "@/app/api/chat/operators/[id]/route";
import { GET as listKeys, POST as createKey } from "@/app/api/admin/api-keys/route";
import { DELETE as revokeKey } from "@/app/api/admin/api-keys/[id]/route";
import { POST as escalateRoute } from "@/app/api/chat/request-operator/route";
import { adminHeaders, call } from "@/test/http";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "api_keys", "audit_events", "auth_verifications", "rate_limits");
});

const escalate = (priority: "medium" | "urgent" = "medium") =>
  requestOperator({ userId: uniqueUserId(), question: "aiuto", priority, source: "api", channel: "web" }, customerActor());

describe("POST /api/chat/operators", () => {
  it("creates an offline operator with an invite link, audited; a taken email → 409", async () => {
    const response = await call(createOperatorRoute, { body: { name: "Test Operator", email: "operator@test.com", phone: "+393331234567", role: "operator" }, headers: adminHeaders() });
    expect(response.status).toBe(201);
    expect(response.json.data).toMatchObject({ id: expect.any(String), name: "Test Operator", status: "offline", max_chats: 3, role: "operator" });
    expect(await prisma.authVerification.count()).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "operator.created", targetId: response.json.data.id } })).toBe(1);
    const again = await call(createOperatorRoute, { body: { name: "Other", email: "OPERATOR@test.com" }, headers: adminHeaders() });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("CONFLICT");
  });

  it.each([
    ["no auth", {}, 401],
    ["unknown key", { authorization: "Bearer nope" }, 401],
  ])("%s → %i", async (_name, headers, status) => {
    expect((await call(createOperatorRoute, { body: { name: "x", email: "x@test.com" }, headers })).status).toBe(status);
    expect((await call(listOperators, { headers })).status).toBe(status);
  });

  it("a chatbot key is not an admin → 403", async () => {
    const key = await call(createKey, { body: { name: "bot" }, headers: adminHeaders() });
    const headers = { authorization: `Bearer ${key.json.data.key}` };
    expect((await call(listOperators, { headers })).status).toBe(403);
  });

  it.each([
    ["missing email", { name: "x" }],
    ["bad email", { name: "x", email: "nope" }],
    ["bad role", { name: "x", email: "x@test.com", role: "root" }],
    ["zero capacity", { name: "x", email: "x@test.com", max_chats: 0 }],
  ])("%s → 400", async (_name, body) => {
    expect((await call(createOperatorRoute, { body, headers: adminHeaders() })).status).toBe(400);
    expect(await prisma.operator.count()).toBe(0);
  });
});

describe("PATCH /api/chat/operators/{id}", () => {
  it("going online or raising capacity assigns waiting sessions at once", async () => {
    const operator = await createOperator({ maxChats: 1 });
    await escalate();
    await escalate();
    await escalate();
    expect(await prisma.chatSession.count({ where: { status: "queued" } })).toBe(2);
    const raised = await call(patchOperator, { params: { id: operator.id }, body: { max_chats: 2 }, headers: adminHeaders() });
    expect(raised.status).toBe(200);
    expect(await prisma.chatSession.count({ where: { status: "queued" } })).toBe(1);

    const second = await createOperator({ status: "away", maxChats: 3 });
    await call(patchOperator, { params: { id: second.id }, body: { status: "online" }, headers: adminHeaders() });
    expect(await prisma.chatSession.count({ where: { status: "queued" } })).toBe(0);
    expect(await prisma.chatSession.count({ where: { operatorId: second.id, status: "active" } })).toBe(1);
  });

  it("deactivating moves the operator's chats back to the queue, first in line", async () => {
    const leaving = await createOperator({ maxChats: 2 });
    await escalate();
    await escalate();
    const response = await call(patchOperator, { params: { id: leaving.id }, body: { active: false }, headers: adminHeaders() });
    expect(response.json.data).toMatchObject({ active: false, status: "offline", active_chats: 0 });
    expect(await prisma.chatSession.count({ where: { status: "queued", operatorId: null } })).toBe(2);
    const stayer = await createOperator({ maxChats: 5 });
    await call(patchOperator, { params: { id: stayer.id }, body: { status: "online" }, headers: adminHeaders() });
    expect(await prisma.chatSession.count({ where: { status: "active", operatorId: stayer.id } })).toBe(2);
  });

  it("refuses to demote the last admin; unknown operator → 404; bad status → 400", async () => {
    const admin = await createOperator({ role: "admin" });
    expect((await call(patchOperator, { params: { id: admin.id }, body: { role: "operator" }, headers: adminHeaders() })).status).toBe(409);
    expect((await call(patchOperator, { params: { id: "nobody" }, body: { status: "online" }, headers: adminHeaders() })).status).toBe(404);
    expect((await call(patchOperator, { params: { id: admin.id }, body: { status: "busy" }, headers: adminHeaders() })).status).toBe(400);
    expect((await call(patchOperator, { params: { id: admin.id }, body: {}, headers: adminHeaders() })).status).toBe(400);
  });
});

describe("API keys", () => {
  it("shows a new key once, stores only its hash, and a revoked key stops working", async () => {
    const created = await call(createKey, { body: { name: "site bot", rate_limit_per_minute: 1000 }, headers: adminHeaders() });
    expect(created.status).toBe(201);
    const key: string = created.json.data.key;
    expect(key).toMatch(/^spk_/);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.json.data.id } });
    expect(row.hash).not.toContain(key);
    const listed = await call(listKeys, { headers: adminHeaders() });
    expect(JSON.stringify(listed.json)).not.toContain(key);

    const body = { user_id: uniqueUserId(), question: "aiuto" };
    expect((await call(escalateRoute, { body, headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    await call(revokeKey, { params: { id: created.json.data.id }, headers: adminHeaders() });
    expect((await call(escalateRoute, { body, headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    expect(await prisma.auditEvent.count({ where: { action: { in: ["api_key.created", "api_key.revoked"] } } })).toBe(2);
  });
});
