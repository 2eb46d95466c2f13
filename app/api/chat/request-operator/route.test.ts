import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { POST } from "@/app/api/chat/request-operator/route";
import { call, adminHeaders } from "@/test/http";
import { createOperator, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const valid = () => ({ user_id: uniqueUserId(), user_email: "user@test.com", user_phone: "+393337654321", question: "Ho bisogno di aiuto con il mio account", priority: "medium" });
let ipCounter = 0;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "idempotency_records", "rate_limits", "audit_events");
});

describe("POST /api/chat/request-operator – validation", () => {
  const cases: [string, unknown, string][] = [
    ["missing user_id", { question: "help" }, "user_id"],
    ["missing question", { user_id: "u1" }, "question"],
    ["empty question", { user_id: "u1", question: "   " }, "question"],
    ["question over 4000 chars", { user_id: "u1", question: "x".repeat(4001) }, "question"],
    ["unknown priority", { user_id: "u1", question: "help", priority: "critical" }, "priority"],
    ["phone not E.164", { user_id: "u1", question: "help", user_phone: "3331234567" }, "user_phone"],
    ["bad email", { user_id: "u1", question: "help", user_email: "not-an-email" }, "user_email"],
    ["wrong type", { user_id: 42, question: "help" }, "user_id"],
    ["metadata not an object", { user_id: "u1", question: "help", metadata: "x" }, "metadata"],
    ["metadata over 16 KB", { user_id: "u1", question: "help", metadata: { blob: "x".repeat(17_000) } }, "metadata"],
    ["body is an array", [1, 2], ""],
  ];
  it.each(cases)("%s → 400", async (_name, body, field) => {
    const response = await call(POST, { body, ip: freshIp() });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ success: false, error: { code: "VALIDATION_ERROR", request_id: expect.any(String) } });
    if (field) expect(JSON.stringify(response.json.error.details)).toContain(field);
    expect(await prisma.chatSession.count()).toBe(0);
    expect(await prisma.ticket.count()).toBe(0);
  });

  it("bad JSON → 400 INVALID_JSON", async () => {
    const response = await call(POST, { rawBody: "{not json", headers: { "content-type": "application/json" }, ip: freshIp() });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_JSON");
  });

  it("body over 64 KB → 413", async () => {
    const response = await call(POST, { rawBody: JSON.stringify({ user_id: "u", question: "q", pad: "x".repeat(70_000) }), headers: { "content-type": "application/json" }, ip: freshIp() });
    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("an unknown bearer key → 401", async () => {
    const response = await call(POST, { body: valid(), headers: { authorization: "Bearer spk_nope" }, ip: freshIp() });
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe("UNAUTHORIZED");
  });
});

describe("POST /api/chat/request-operator – outcomes", () => {
  it("answers the three outcomes in the guide's flat shape", async () => {
    const ticket = await call(POST, { body: valid(), ip: freshIp() });
    expect(ticket.status).toBe(200);
    expect(ticket.json).toMatchObject({ success: true, type: "ticket_created", ticket_id: expect.any(Number), message: expect.stringContaining("Ho creato il ticket #") });

    await createOperator({ maxChats: 1, name: "Marco" });
    const assigned = await call(POST, { body: valid(), ip: freshIp() });
    expect(assigned.json).toMatchObject({ success: true, type: "operator_assigned", operator: { name: "Marco" }, chat_url: expect.stringMatching(/\/admin\/customer-chat\.html\?session=/) });

    const queued = await call(POST, { body: valid(), ip: freshIp() });
    expect(queued.json).toMatchObject({ success: true, type: "queue", position: 1, estimated_wait: expect.any(Number) });
    expect(queued.json.estimated_wait).toBeGreaterThanOrEqual(1);
  });

  it("replays the stored response for a retried Idempotency-Key and refuses a different body", async () => {
    const body = valid();
    const headers = { "idempotency-key": "retry-1" };
    const [first, second] = await Promise.all([call(POST, { body, headers, ip: "192.0.2.1" }), call(POST, { body, headers, ip: "192.0.2.1" })]);
    expect(first.json).toEqual(second.json);
    expect(await prisma.ticket.count()).toBe(1);
    const third = await call(POST, { body, headers, ip: "192.0.2.1" });
    expect(third.json).toEqual(first.json);
    expect(third.headers.get("idempotent-replayed")).toBe("true");
    const mismatch = await call(POST, { body: { ...body, question: "altro" }, headers, ip: "192.0.2.1" });
    expect(mismatch.status).toBe(422);
    expect(await prisma.ticket.count()).toBe(1);
  });

  it("rate limits anonymous callers per IP with Retry-After, but not the bootstrap admin key", async () => {
    const ip = "192.0.2.77";
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await call(POST, { body: valid(), ip })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const limited = await call(POST, { body: valid(), ip });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const admin = await call(POST, { body: valid(), ip, headers: adminHeaders() });
    expect(admin.status).toBe(200);
  });

  it("rate limits one user_id across IPs", async () => {
    const body = valid();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await call(POST, { body: { ...body }, ip: freshIp() })).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
