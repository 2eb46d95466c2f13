import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { collectApiRoutes, renderRouteMethods } from "@/lib/api/route-table";
import { allowedMethods } from "@/lib/api/route-methods";
import { proxy } from "@/proxy";
import { GET as catchAllGet, POST as catchAllPost } from "@/app/api/[...path]/route";
import { call } from "@/test/http";

describe("the API's route table", () => {
  it("is up to date with app/api (run `npm run routes:methods`)", () => {
    expect(readFileSync("lib/api/route-methods.generated.ts", "utf8")).toBe(renderRouteMethods(collectApiRoutes()));
  });

  it.each([
    ["/api/chat/request-operator", ["POST", "OPTIONS"]],
    ["/api/chat/sessions/abcdefghijklmnopqrstuvwx", ["GET", "HEAD", "OPTIONS"]],
    ["/api/chat/sessions/abcdefghijklmnopqrstuvwx/claim", ["POST", "OPTIONS"]],
    // The static route wins over /api/tickets/[id], as in Next's own matching.
    ["/api/tickets/admin/stats", ["GET", "HEAD", "OPTIONS"]],
    ["/api/tickets/1042", ["GET", "PATCH", "HEAD", "OPTIONS"]],
    ["/api/nothing/here", null],
  ])("%s answers %j", (path, methods) => {
    expect(allowedMethods(path)).toEqual(methods);
  });
});

describe("one error shape for every /api answer", () => {
  it("a known path with the wrong method → 405 JSON with Allow and a request id", async () => {
    const response = proxy(new NextRequest("http://localhost:3001/api/chat/request-operator", { method: "GET" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect(await response.json()).toMatchObject({ success: false, error: { code: "METHOD_NOT_ALLOWED", request_id: expect.any(String) } });
  });

  it("the guide's /webhooks URLs get the same 405", async () => {
    const response = proxy(new NextRequest("http://localhost:3001/webhooks/whatsapp", { method: "GET" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("a known path with its method passes through", () => {
    const response = proxy(new NextRequest("http://localhost:3001/api/chat/request-operator", { method: "POST" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it.each([
    ["GET", undefined],
    ["POST", "multipart/form-data; boundary=x"],
  ])("an unknown path (%s) → 404 JSON with a request id", async (method, contentType) => {
    const handler = method === "GET" ? catchAllGet : catchAllPost;
    const response = await call(handler, { method, path: "/api/nope", rawBody: method === "POST" ? "--x--" : undefined, headers: contentType ? { "content-type": contentType } : {} });
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ success: false, error: { code: "NOT_FOUND", request_id: expect.any(String) } });
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});
