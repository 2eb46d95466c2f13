import { beforeEach, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { prisma } from "@/lib/db/client";
import { envForAllTests } from "@/test/env";
import { GET, POST } from "@/app/api/admin/embed-sites/route";
import { DELETE } from "@/app/api/admin/embed-sites/[id]/route";
import { POST as VERIFY } from "@/app/api/admin/embed-sites/verify/route";
import { verifyIdentityToken } from "@/lib/embed/verify-identity-token";
import { adminHeaders, call } from "@/test/http";
import { clearTables } from "@/test/db";

envForAllTests({ ALLOWED_ORIGINS: "https://shop.example.com" });
beforeEach(async () => {
  await clearTables("embed_sites", "audit_events");
});

const create = (body: unknown) => call(POST, { body, headers: adminHeaders() });

describe("POST /api/admin/embed-sites", () => {
  it("registers a site and shows its secret once; the list never shows it", async () => {
    const created = await create({ name: "Negozio", origin: "https://shop.example.com/" });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(created.json.data).toMatchObject({ name: "Negozio", origin: "https://shop.example.com", allowed: true, revoked_at: null, secret: expect.stringMatching(/^spes_[A-Za-z0-9_-]{43}$/) });
    expect(created.json.data.secret_last4).toBe(created.json.data.secret.slice(-4));

    const list = await call(GET, { headers: adminHeaders() });
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(1);
    expect(list.json.data[0]).not.toHaveProperty("secret");
    expect(list.text).not.toContain(created.json.data.secret);

    // The secret works as documented: the UTF-8 bytes of the whole string are the HS256 key.
    const token = await new SignJWT({ email: "mario@example.com" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("10m").sign(new TextEncoder().encode(created.json.data.secret));
    expect(await verifyIdentityToken(token, { origin: "https://shop.example.com" })).toMatchObject({ verified: true, email: "mario@example.com" });

    const audit = await prisma.auditEvent.findFirst({ where: { action: "embed_site.created" } });
    expect(audit).toMatchObject({ targetId: created.json.data.id, actorType: "api_key" });
  });

  it("flags a site whose origin is not in ALLOWED_ORIGINS", async () => {
    const created = await create({ name: "Blog", origin: "https://blog.example.com" });
    expect(created.json.data.allowed).toBe(false);
  });

  const invalid: [string, unknown, string][] = [
    ["missing name", { origin: "https://a.example.com" }, "name"],
    ["origin with a path", { name: "x", origin: "https://a.example.com/shop" }, "origin"],
    ["origin with a query", { name: "x", origin: "https://a.example.com?x=1" }, "origin"],
    ["not a URL", { name: "x", origin: "example.com" }, "origin"],
    ["not http(s)", { name: "x", origin: "ftp://a.example.com" }, "origin"],
  ];
  it.each(invalid)("%s → 400", async (_name, body, field) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("VALIDATION_ERROR");
    expect(JSON.stringify(response.json.error.details)).toContain(field);
  });

  it("refuses a second active site on the same origin (409), and reissues a revoked origin with a new secret", async () => {
    const first = await create({ name: "Shop", origin: "https://shop.example.com" });
    const duplicate = await create({ name: "Shop again", origin: "https://shop.example.com" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe("CONFLICT");

    const revoked = await call(DELETE, { method: "DELETE", params: { id: first.json.data.id }, headers: adminHeaders() });
    expect(revoked.status).toBe(200);
    expect(revoked.json.data.revoked_at).toEqual(expect.any(String));

    const reissued = await create({ name: "Shop v2", origin: "https://shop.example.com" });
    expect(reissued.status).toBe(201);
    expect(reissued.json.data).toMatchObject({ id: first.json.data.id, name: "Shop v2", revoked_at: null });
    expect(reissued.json.data.secret).not.toBe(first.json.data.secret);
  });

  it("is for admins only", async () => {
    expect((await call(POST, { body: { name: "x", origin: "https://a.example.com" } })).status).toBe(401);
    expect((await call(GET, {})).status).toBe(401);
    expect((await call(DELETE, { method: "DELETE", params: { id: "x" } })).status).toBe(401);
  });
});

describe("DELETE /api/admin/embed-sites/{id}", () => {
  it("revokes once (idempotent, one audit event) and 404s an unknown id", async () => {
    const site = await create({ name: "Shop", origin: "https://shop.example.com" });
    const id = site.json.data.id;
    const first = await call(DELETE, { method: "DELETE", params: { id }, headers: adminHeaders() });
    const again = await call(DELETE, { method: "DELETE", params: { id }, headers: adminHeaders() });
    expect(again.json.data.revoked_at).toBe(first.json.data.revoked_at);
    expect(await prisma.auditEvent.count({ where: { action: "embed_site.revoked" } })).toBe(1);
    const missing = await call(DELETE, { method: "DELETE", params: { id: "nope" }, headers: adminHeaders() });
    expect(missing.status).toBe(404);
  });
});

describe("POST /api/admin/embed-sites/verify", () => {
  it("tells integrators whether a token verifies, and why not", async () => {
    const site = await create({ name: "Shop", origin: "https://shop.example.com" });
    const sign = (exp: string | number) =>
      new SignJWT({ email: "mario@example.com", name: "Mario" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(exp).sign(new TextEncoder().encode(site.json.data.secret));

    const good = await call(VERIFY, { body: { token: await sign("5m"), origin: "https://shop.example.com/" }, headers: adminHeaders() });
    expect(good.json.data).toEqual({ verified: true, email: "mario@example.com", name: "Mario", site_id: site.json.data.id });
    const asChatPage = await call(VERIFY, { body: { token: await sign("5m") }, headers: adminHeaders() });
    expect(asChatPage.json.data.verified).toBe(true);
    const expired = await call(VERIFY, { body: { token: await sign(Math.floor(Date.now() / 1000) - 3600) }, headers: adminHeaders() });
    expect(expired.json.data).toEqual({ verified: false, reason: "expired" });
    const elsewhere = await call(VERIFY, { body: { token: await sign("5m"), origin: "https://blog.example.com" }, headers: adminHeaders() });
    expect(elsewhere.json.data).toEqual({ verified: false, reason: "origin_not_allowed" });
    expect((await call(VERIFY, { body: { token: "x" } })).status).toBe(401);
  });
});
