import { describe, expect, it } from "vitest";
import { sourceKind } from "@/lib/i18n/source-kind";

describe("sourceKind", () => {
  it.each([
    ["a chatbot's API key", "chatbot", {}, "chatbot"],
    ["the web chat page (anonymous call, metadata says so)", "api", { metadata: { source: "customer-chat", locale: "it" } }, "web_chat"],
    ["a WhatsApp message", "api", { channel: "whatsapp" }, "whatsapp"],
    ["an email", "email", {}, "email"],
    ["an operator in the panel", "panel", {}, "panel"],
    ["a bare API call", "api", { metadata: { order: 12 } }, "api"],
    ["nothing recorded", null, {}, "api"],
  ] as const)("%s → %s", (_label, source, context, kind) => {
    expect(sourceKind(source, context)).toBe(kind);
  });
});
