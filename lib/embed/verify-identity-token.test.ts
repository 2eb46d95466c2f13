import { generateKeyPair, SignJWT, type JWTPayload } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { envForAllTests } from "@/test/env";
import { presentingOrigin, verifyIdentityToken } from "@/lib/embed/verify-identity-token";

const SHOP = "https://shop.example.com";
const BLOG = "https://blog.example.com";
const UNLISTED = "https://unlisted.example.com";
const SHOP_SECRET = "spes_shop-secret-0123456789abcdefghijklmnopqrstuv";
const BLOG_SECRET = "spes_blog-secret-0123456789abcdefghijklmnopqrstuv";
const UNLISTED_SECRET = "spes_unlisted-secret-0123456789abcdefghijklmnopq";

const key = (secret: string) => new TextEncoder().encode(secret);
const now = () => Math.floor(Date.now() / 1000);

async function sign(secret: string, claims: JWTPayload = { email: "mario.rossi@example.com", name: "Mario Rossi" }, options: { exp?: number | null; alg?: string } = {}) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? "HS256", typ: "JWT" });
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now() + 3600);
  return jwt.sign(key(secret));
}

/** An unsigned token, as an attacker would hand-craft it. */
function unsecured(claims: JWTPayload): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

envForAllTests({ ALLOWED_ORIGINS: `${SHOP}, ${BLOG}/` });

beforeEach(async () => {
  await prisma.embedSite.deleteMany();
  await prisma.embedSite.createMany({
    data: [
      { name: "Shop", origin: SHOP, secret: SHOP_SECRET },
      { name: "Blog", origin: BLOG, secret: BLOG_SECRET },
      { name: "Unlisted", origin: UNLISTED, secret: UNLISTED_SECRET },
    ],
  });
});

describe("verifyIdentityToken", () => {
  it("accepts a valid HS256 token from the presenting site and returns its email and name", async () => {
    const result = await verifyIdentityToken(await sign(SHOP_SECRET), { origin: SHOP });
    expect(result).toMatchObject({ verified: true, email: "mario.rossi@example.com", name: "Mario Rossi" });
  });

  it("without a presenting origin (the chat page, a server) accepts any allowed, active site's signature", async () => {
    expect(await verifyIdentityToken(await sign(BLOG_SECRET, { email: "anna@example.com" }), { origin: null })).toMatchObject({ verified: true, email: "anna@example.com" });
    expect(await verifyIdentityToken(await sign(UNLISTED_SECRET), { origin: null })).toEqual({ verified: false, reason: "bad_signature" });
  });

  it("refuses an expired token, tolerating 60 seconds of clock skew", async () => {
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, undefined, { exp: now() - 30 }), { origin: SHOP })).toMatchObject({ verified: true });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, undefined, { exp: now() - 120 }), { origin: SHOP })).toEqual({ verified: false, reason: "expired" });
  });

  it("refuses a token signed with another secret, including another registered site's", async () => {
    expect(await verifyIdentityToken(await sign("spes_not-the-right-secret-0123456789abcdefghijk"), { origin: SHOP })).toEqual({ verified: false, reason: "bad_signature" });
    expect(await verifyIdentityToken(await sign(BLOG_SECRET), { origin: SHOP })).toEqual({ verified: false, reason: "bad_signature" });
  });

  it("refuses alg none, RS256 and other HMAC sizes", async () => {
    expect(await verifyIdentityToken(unsecured({ email: "ceo@example.com", exp: now() + 600 }), { origin: SHOP })).toEqual({ verified: false, reason: "algorithm_not_allowed" });
    const { privateKey } = await generateKeyPair("RS256");
    const rs256 = await new SignJWT({ email: "ceo@example.com" }).setProtectedHeader({ alg: "RS256" }).setExpirationTime("1h").sign(privateKey);
    expect(await verifyIdentityToken(rs256, { origin: SHOP })).toEqual({ verified: false, reason: "algorithm_not_allowed" });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, undefined, { alg: "HS512" }), { origin: SHOP })).toEqual({ verified: false, reason: "algorithm_not_allowed" });
  });

  it("refuses a presenting origin that is not in ALLOWED_ORIGINS, even with that site's valid signature", async () => {
    expect(await verifyIdentityToken(await sign(UNLISTED_SECRET), { origin: UNLISTED })).toEqual({ verified: false, reason: "origin_not_allowed" });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET), { origin: "https://evil.example.net" })).toEqual({ verified: false, reason: "origin_not_allowed" });
  });

  it("refuses tokens of a revoked site, with or without a presenting origin", async () => {
    const token = await sign(SHOP_SECRET);
    await prisma.embedSite.update({ where: { origin: SHOP }, data: { revokedAt: new Date() } });
    expect(await verifyIdentityToken(token, { origin: SHOP })).toEqual({ verified: false, reason: "site_revoked" });
    expect(await verifyIdentityToken(token, { origin: null })).toEqual({ verified: false, reason: "bad_signature" });
  });

  it("refuses an allowed origin that has no registered site, and any token when no site is registered", async () => {
    await prisma.embedSite.delete({ where: { origin: BLOG } });
    expect(await verifyIdentityToken(await sign(BLOG_SECRET), { origin: BLOG })).toEqual({ verified: false, reason: "unknown_site" });
    await prisma.embedSite.deleteMany();
    expect(await verifyIdentityToken(await sign(SHOP_SECRET), { origin: null })).toEqual({ verified: false, reason: "unknown_site" });
  });

  it("requires exp, at most 24 hours of lifetime, and a valid email claim", async () => {
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, undefined, { exp: null }), { origin: SHOP })).toEqual({ verified: false, reason: "invalid_claims" });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, undefined, { exp: now() + 25 * 3600 }), { origin: SHOP })).toEqual({ verified: false, reason: "lifetime_too_long" });
    const longIat = await new SignJWT({ email: "a@example.com" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(now() - 48 * 3600).setExpirationTime(now() + 600).sign(key(SHOP_SECRET));
    expect(await verifyIdentityToken(longIat, { origin: SHOP })).toEqual({ verified: false, reason: "lifetime_too_long" });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, { name: "No Email" }), { origin: SHOP })).toEqual({ verified: false, reason: "invalid_claims" });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, { email: "not-an-email" }), { origin: SHOP })).toEqual({ verified: false, reason: "invalid_claims" });
    expect(await verifyIdentityToken(await sign(SHOP_SECRET, { email: "a@example.com", nbf: now() + 3600 }), { origin: SHOP })).toEqual({ verified: false, reason: "invalid_claims" });
  });

  it("calls garbage malformed", async () => {
    for (const garbage of ["", "abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.sig"]) {
      expect((await verifyIdentityToken(garbage, { origin: SHOP })).verified).toBe(false);
    }
    expect(await verifyIdentityToken("not-a-jwt", { origin: SHOP })).toEqual({ verified: false, reason: "malformed" });
  });
});

describe("presentingOrigin", () => {
  const request = (headers: Record<string, string>) => new Request("http://localhost:3001/api/chat/request-operator", { method: "POST", headers });

  it("takes a foreign Origin, else a foreign Referer's origin, and ignores Sportello's own", () => {
    expect(presentingOrigin(request({ origin: SHOP }))).toBe(SHOP);
    expect(presentingOrigin(request({ referer: `${BLOG}/products/42?x=1` }))).toBe(BLOG);
    expect(presentingOrigin(request({ origin: "http://localhost:3001", referer: "http://localhost:3001/chat" }))).toBeNull();
    expect(presentingOrigin(request({ origin: "null" }))).toBeNull();
    expect(presentingOrigin(request({ referer: "::garbage::" }))).toBeNull();
    expect(presentingOrigin(request({}))).toBeNull();
    // Behind Render's proxy: the public host is Sportello's own even when APP_URL is not set to it.
    expect(presentingOrigin(request({ origin: "https://desk.onrender.com", "x-forwarded-host": "desk.onrender.com", "x-forwarded-proto": "https" }))).toBeNull();
  });
});
