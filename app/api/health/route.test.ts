import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as chatHealth } from "@/app/api/chat/health/route";
import { call } from "@/test/http";

describe("GET /health and /api/chat/health", () => {
  it.each([
    ["/health", health],
    ["/api/chat/health", chatHealth],
  ])("%s reports the database and each provider", async (_path, handler) => {
    const response = await call(handler);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.json).toMatchObject({
      status: "ok",
      checks: { database: "ok", realtime: "not_configured", email: "not_configured", whatsapp: "not_configured" },
      failed: [],
    });
  });
});
