import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { POST } from "@/app/api/faq/answer/route";
import { adminHeaders, call } from "@/test/http";
import { clearTables } from "@/test/db";

let ipCounter = 0;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;
const enable = () => prisma.setting.upsert({ where: { key: "faq_bot" }, create: { key: "faq_bot", value: { enabled: true } }, update: { value: { enabled: true } } });

beforeEach(async () => {
  await clearTables("knowledge_entries", "settings", "rate_limits");
  await prisma.knowledgeEntry.create({ data: { id: "kb_pwd", question: "Come posso reimpostare la password?", answer: "Vai su Accedi → Password dimenticata.", keywords: ["password dimenticata"], locale: "it" } });
});

describe("POST /api/faq/answer", () => {
  it("says the bot is off by default", async () => {
    const response = await call(POST, { body: { question: "Ho dimenticato la password" }, ip: freshIp() });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ success: true, data: { enabled: false } });
  });

  it("answers from the knowledge base once enabled", async () => {
    await enable();
    const response = await call(POST, { body: { question: "Ho dimenticato la password", locale: "it" }, ip: freshIp() });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.json.data).toMatchObject({ enabled: true, decision: "answer", entry_id: "kb_pwd", answer: "Vai su Accedi → Password dimenticata." });
    const unsure = await call(POST, { body: { question: "password" }, ip: freshIp() });
    expect(unsure.json.data).toMatchObject({ enabled: true, decision: "offer_choice", actions: [{ payload: "resolved" }, { payload: "escalate_human" }] });
    const unknown = await call(POST, { body: { question: "Il pacco è arrivato rotto" }, ip: freshIp() });
    expect(unknown.json.data).toEqual({ enabled: true, decision: "escalate", confidence: 0 });
  });

  const invalid: [string, unknown, string][] = [
    ["missing question", { locale: "it" }, "question"],
    ["empty question", { question: "  " }, "question"],
    ["question over 4000 chars", { question: "x".repeat(4001) }, "question"],
    ["unknown locale", { question: "help", locale: "fr" }, "locale"],
  ];
  it.each(invalid)("%s → 400", async (_name, body, field) => {
    const response = await call(POST, { body, ip: freshIp() });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json.error.details)).toContain(field);
  });

  it("is rate limited per IP like the other public writes, with Retry-After", async () => {
    const ip = "192.0.2.55";
    for (let i = 0; i < 30; i++) expect((await call(POST, { body: { question: "password" }, ip })).status).toBe(200);
    const limited = await call(POST, { body: { question: "password" }, ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call(POST, { body: { question: "password" }, ip, headers: adminHeaders() })).status).toBe(200);
  });
});
