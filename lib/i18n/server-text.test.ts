import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import { emailText, serverMessages, systemLines } from "@/lib/i18n/server-text";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe("server-side text catalogues", () => {
  it("have every key in every locale", () => {
    const reference = keys(serverMessages.it).sort();
    for (const locale of LOCALES) expect(keys(serverMessages[locale]).sort()).toEqual(reference);
  });

  it("fill arguments and options the ICU way", () => {
    expect(systemLines("it")("joined", { name: "Anna" })).toBe("Anna è ora in chat.");
    expect(systemLines("en")("ticketOpened", { number: "1042" })).toBe("We opened ticket #1042: the answer will reach you by email/WhatsApp.");
    expect(emailText("it")("ticketCreatedCustomer.answerWithin", { within: "24 ore", byWhatsapp: "true" })).toBe("Ti risponderemo entro 24 ore, via email o WhatsApp.");
    expect(emailText("en")("ticketCreatedCustomer.answerWithin", { within: "1 hour", byWhatsapp: "false" })).toBe("We will answer within 1 hour, by email.");
    expect(emailText("it")("csatChat.subject")).toBe("Com'è andata la chat con noi?");
  });
});
