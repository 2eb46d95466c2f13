import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { errorResponse } from "@/lib/route/handler";

describe("errorResponse", () => {
  it("answers an ApiError with its status and the one error shape", async () => {
    const response = errorResponse(new ApiError("NOT_FOUND", "Not found"), "req-1");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ success: false, error: { code: "NOT_FOUND", message: "Not found", request_id: "req-1" } });
  });

  it("treats a body the client stopped sending as the client's doing (400), not a server fault (500)", async () => {
    const aborted = Object.assign(new Error("aborted"), { code: "ECONNRESET" });
    const response = errorResponse(aborted, "req-2", new Request("http://localhost/api/realtime/auth", { method: "POST" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: "VALIDATION_ERROR", request_id: "req-2" });
  });

  it("still answers anything else unexpected with 500 INTERNAL_ERROR", async () => {
    const response = errorResponse(new Error("boom"), "req-3");
    expect(response.status).toBe(500);
    expect((await response.json()).error).toMatchObject({ code: "INTERNAL_ERROR", message: "Internal server error" });
  });
});
