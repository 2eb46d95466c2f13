import { beforeEach, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { prisma } from "@/lib/db/client";
import { envForAllTests } from "@/test/env";
import { POST } from "@/app/api/chat/request-operator/route";
import { call } from "@/test/http";
import { uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const SITE = "https://shop.example.com";
const SECRET = "spes_route-test-secret-0123456789abcdefghijklmno";
let ipCounter = 0;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

const sign = (claims: Record<string, unknown>, exp: string | number = "10m", secret = SECRET) =>
  new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setExpirationTime(exp).sign(new TextEncoder().encode(secret));

envForAllTests({ ALLOWED_ORIGINS: SITE });
beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "idempotency_records", "rate_limits", "audit_events", "embed_sites");
  await prisma.embedSite.create({ data: { name: "Shop", origin: SITE, secret: SECRET } });
});

describe("POST /api/chat/request-operator – identity_token", () => {
  it("takes email and name from a valid token and marks the contact verified", async () => {
    const userId = uniqueUserId();
    const token = await sign({ email: "mario.rossi@example.com", name: "Mario Rossi" });
    const response = await call(POST, { body: { user_id: userId, user_email: "claimed@example.com", question: "Dov'è il mio ordine?", identity_token: token }, headers: { origin: SITE }, ip: freshIp() });
    expect(response.status).toBe(200);
    // A page holding only a signed identity speaks for that identity: its contact is the token's email's.
    expect(await prisma.contact.findUnique({ where: { userId } })).toBeNull();
    const contact = await prisma.contact.findUniqueOrThrow({ where: { userId: "web:mario.rossi@example.com" } });
    expect(contact).toMatchObject({ email: "mario.rossi@example.com", name: "Mario Rossi", emailVerifiedVia: "identity_token", emailVerifiedAt: expect.any(Date) });
  });

  it("verifies the customer chat page's same-origin call against the registered sites", async () => {
    const userId = uniqueUserId();
    const response = await call(POST, { body: { user_id: userId, question: "Aiuto", identity_token: await sign({ email: "anna@example.com" }) }, headers: { origin: "http://localhost:3001" }, ip: freshIp() });
    expect(response.status).toBe(200);
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId: "web:anna@example.com" } })).toMatchObject({ email: "anna@example.com", emailVerifiedVia: "identity_token" });
  });

  it("speaks for the token's email only: a victim's user_id with the attacker's own valid token reaches nothing of the victim's", async () => {
    await prisma.operator.create({ data: { id: "op-identity", name: "Giulia", email: "giulia@test.local", status: "online", maxChats: 5 } });
    const victim = await call(POST, { body: { user_id: "web:victim@example.com", user_email: "victim@example.com", question: "Aiuto" }, ip: freshIp() });
    expect(victim.status).toBe(200);
    const attack = await call(POST, { body: { user_id: "web:victim@example.com", question: "hi", identity_token: await sign({ email: "attacker@example.com" }) }, headers: { origin: SITE }, ip: freshIp() });
    expect(attack.status).toBe(200);
    expect(attack.json.session_id).not.toBe(victim.json.session_id);
    expect(attack.text).not.toContain(victim.json.session_id);
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId: "web:victim@example.com" } })).toMatchObject({ email: "victim@example.com", emailVerifiedAt: null });
  });

  it("leaves a contact without a token unverified", async () => {
    const userId = uniqueUserId();
    const response = await call(POST, { body: { user_id: userId, user_email: "someone@example.com", question: "Aiuto" }, ip: freshIp() });
    expect(response.status).toBe(200);
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId } })).toMatchObject({ email: "someone@example.com", emailVerifiedAt: null, emailVerifiedVia: null });
  });

  const refused: [string, () => Promise<string>, Record<string, string>, string][] = [
    ["expired", () => sign({ email: "a@example.com" }, Math.floor(Date.now() / 1000) - 600), { origin: SITE }, "expired"],
    ["wrong secret", () => sign({ email: "a@example.com" }, "10m", "spes_wrong-secret-0123456789abcdefghijklmnopqrst"), { origin: SITE }, "bad_signature"],
    ["origin not allowed", () => sign({ email: "a@example.com" }), { origin: "https://evil.example.net" }, "origin_not_allowed"],
    ["not a JWT", async () => "definitely-not-a-jwt", {}, "malformed"],
  ];
  it.each(refused)("%s → 401 INVALID_IDENTITY_TOKEN, nothing created", async (_name, token, headers, reason) => {
    const response = await call(POST, { body: { user_id: uniqueUserId(), user_email: "a@example.com", question: "Aiuto", identity_token: await token() }, headers, ip: freshIp() });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ success: false, error: { code: "INVALID_IDENTITY_TOKEN", details: { reason } } });
    expect(await prisma.contact.count()).toBe(0);
    expect(await prisma.ticket.count()).toBe(0);
  });

  it("does not leave an Idempotency-Key claimed by a refused token: the retry with a good token runs", async () => {
    const userId = uniqueUserId();
    const headers = { origin: SITE, "idempotency-key": "identity-retry" };
    const ip = freshIp();
    const bad = await call(POST, { body: { user_id: userId, question: "Aiuto", identity_token: "bad" }, headers, ip });
    expect(bad.status).toBe(401);
    const good = await call(POST, { body: { user_id: userId, question: "Aiuto", identity_token: await sign({ email: "a@example.com" }) }, headers, ip });
    expect(good.status).toBe(200);
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId: "web:a@example.com" } })).toMatchObject({ emailVerifiedVia: "identity_token" });
  });
});
