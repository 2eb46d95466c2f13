import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderClientTypes } from "@/lib/schemas/render-client-types";
import { createWebhookBody, webhookPayloadSchema } from "@/lib/schemas/webhooks";

describe("webhook contracts", () => {
  it("the client kit's generated types are up to date (npm run clients:types)", () => {
    expect(readFileSync("clients/js/src/webhook-types.ts", "utf8")).toBe(renderClientTypes());
  });

  it("accepts the documented example payloads", () => {
    const docs = readFileSync("docs/webhooks.md", "utf8");
    const examples = [...docs.matchAll(/```json\n(\{.*\})\n```/g)].map((m) => JSON.parse(m[1]));
    expect(examples.length).toBe(10);
    for (const example of examples) expect(webhookPayloadSchema.safeParse(example).error).toBeUndefined();
  });

  it.each([
    [{ url: "ftp://x.example.com", events: ["session.closed"] }, "url"],
    [{ url: "https://user:pw@x.example.com", events: ["session.closed"] }, "url"],
    [{ url: "https://x.example.com", events: [] }, "events"],
    [{ url: "https://x.example.com", events: ["session.nope"] }, "events"],
  ])("refuses %j", (body, path) => {
    const result = createWebhookBody.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path[0]).toBe(path);
  });
});
