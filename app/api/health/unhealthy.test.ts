import { describe, expect, it } from "vitest";

// Nothing listens on port 1: the database check must fail, fast, without crashing the handler.
process.env.DATABASE_URL = "postgresql://nobody:nothing@127.0.0.1:1/none";
const { GET: health } = await import("@/app/api/health/route");
const { call } = await import("@/test/http");

describe("GET /health with the database down", () => {
  it("answers 503 naming the failed check", async () => {
    const response = await call(health);
    expect(response.status).toBe(503);
    expect(response.json).toMatchObject({ status: "degraded", checks: { database: "failing" }, failed: ["database"] });
  });
});
