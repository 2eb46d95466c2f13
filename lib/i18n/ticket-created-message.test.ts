import { describe, expect, it } from "vitest";
import { ticketCreatedMessage } from "@/lib/i18n/ticket-created-message";

describe("ticketCreatedMessage", () => {
  it("keeps the guide's promise, in Italian by default", () => {
    expect(ticketCreatedMessage(1042, 24)).toBe("Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h.");
    expect(ticketCreatedMessage(1042, 0.5, "en")).toBe("I have created ticket #1042. You will get an answer by email/WhatsApp within 30 min.");
  });

  it("says when the operators are back, in the calendar's time zone", () => {
    // Monday 30 November 2026, 09:00 in Rome.
    const reopens = { at: new Date("2026-11-30T08:00:00Z"), timeZone: "Europe/Rome" };
    expect(ticketCreatedMessage(1042, 24, "it", reopens)).toMatch(/^Ho creato il ticket #1042\. .* Gli operatori tornano lunedì 30 novembre.*09:00\.$/);
    expect(ticketCreatedMessage(1042, 24, "en", reopens)).toMatch(/Our operators are back Monday,? 30 November.*09:00\.$/);
  });
});
