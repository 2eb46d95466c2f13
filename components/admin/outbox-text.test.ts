import { describe, expect, it } from "vitest";
import { linkParts, summaryLine } from "@/components/admin/outbox-text";

describe("summaryLine", () => {
  it("keeps a short first line as it is", () => {
    expect(summaryLine("Ticket #12 ricevuto\nsecond line")).toBe("Ticket #12 ricevuto");
  });

  it("never cuts a URL: the text before it, then an ellipsis", () => {
    const text = "Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h. https://desk.example.com/ticket/abcdef";
    const summary = summaryLine(text, 80);
    expect(summary).toBe("Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h.…");
    expect(summary).not.toMatch(/http/);
  });

  it("cuts at a word boundary", () => {
    expect(summaryLine("uno due tre quattro cinque", 12)).toBe("uno due tre…");
  });
});

describe("linkParts", () => {
  it("splits text and http(s) links, leaving sentence punctuation outside the link", () => {
    expect(linkParts("Apri https://x.example/set-password?token=a_b. Grazie")).toEqual([
      { kind: "text", text: "Apri " },
      { kind: "link", url: "https://x.example/set-password?token=a_b" },
      { kind: "text", text: ". Grazie" },
    ]);
  });

  it("links nothing that is not http(s)", () => {
    expect(linkParts("javascript:alert(1) mailto:a@b.c")).toEqual([{ kind: "text", text: "javascript:alert(1) mailto:a@b.c" }]);
  });
});
