// Who may frame which page, and who may call the API from a browser: proxy.ts, checked twice — on the function itself
// (every path kind, fast) and on a production server (`next start`), where rewrites and real headers are involved.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envForAllTests } from "@/test/env";
import { proxy } from "@/proxy";
import { startAppServer, type AppServer } from "@/test/app-server";

const SHOP = "https://shop.example.com";
const BLOG = "https://blog.example.com:8443";
const EVIL = "https://evil.example.net";
const ALLOWED_ORIGINS = `${SHOP}, ${BLOG}/`;

function frameAncestors(csp: string | null): string[] | null {
  const directive = csp
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("frame-ancestors "));
  return directive ? directive.split(/\s+/).slice(1) : null;
}

describe("proxy() – frame-ancestors and CORS", () => {
  envForAllTests({ ALLOWED_ORIGINS });

  const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    new NextRequest(`http://localhost:3001${path}`, { method: init.method ?? "GET", headers: init.headers });

  it.each(["/admin/customer-chat.html", "/chat", "/chat?session=abc", "/admin/customer-chat.html?email=a%40b.it&embed=1"])("%s may be framed by the allowed origins", (path) => {
    expect(frameAncestors(proxy(request(path)).headers.get("content-security-policy"))).toEqual(["'self'", SHOP, BLOG]);
  });

  it.each(["/admin", "/admin/sites", "/admin/knowledge", "/operator", "/admin/operator-dashboard.html", "/login", "/", "/chatbot", "/admin/customer-chat.html.bak"])("%s may only be framed by Sportello itself", (path) => {
    expect(frameAncestors(proxy(request(path)).headers.get("content-security-policy"))).toEqual(["'self'"]);
  });

  it("answers a CORS preflight from an allowed origin with 204 and the allowed methods and headers", () => {
    const response = proxy(request("/api/chat/request-operator", { method: "OPTIONS", headers: { origin: SHOP, "access-control-request-method": "POST", "access-control-request-headers": "content-type, idempotency-key" } }));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("idempotency-key");
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("refuses a preflight from any other origin with 403 and no CORS headers", () => {
    for (const origin of [EVIL, "https://shop.example.com.evil.net", "http://shop.example.com", "null"]) {
      const response = proxy(request("/api/chat/request-operator", { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } }));
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
  });

  it("adds CORS headers to actual API calls from allowed origins only", () => {
    expect(proxy(request("/api/faq/answer", { method: "POST", headers: { origin: BLOG } })).headers.get("access-control-allow-origin")).toBe(BLOG);
    expect(proxy(request("/api/faq/answer", { method: "POST", headers: { origin: EVIL } })).headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("production server – frame-ancestors and CORS", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer({
      DATABASE_URL: process.env.DATABASE_URL!,
      ADMIN_API_KEY: process.env.ADMIN_API_KEY!,
      AUTH_SECRET: process.env.AUTH_SECRET!,
      ALLOWED_ORIGINS,
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: "manual" });

  it("lets the allowed origins frame the customer chat, at the guide's URL and at /chat", async () => {
    for (const path of ["/admin/customer-chat.html?email=mario%40example.com&question=Aiuto&lang=it&embed=1", "/chat"]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(frameAncestors(response.headers.get("content-security-policy")), path).toEqual(["'self'", SHOP, BLOG]);
    }
  });

  it("lets nobody else frame the admin and operator pages", async () => {
    for (const path of ["/admin", "/admin/sites", "/admin/knowledge", "/operator", "/login"]) {
      const response = await get(path);
      expect(response.status, path).toBeLessThan(500);
      expect(frameAncestors(response.headers.get("content-security-policy")), path).toEqual(["'self'"]);
    }
  });

  it("answers CORS preflights: 204 with headers for an allowed origin, 403 for another", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/chat/request-operator`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(SHOP);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("content-type");
    const refused = await preflight(EVIL);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });
});
