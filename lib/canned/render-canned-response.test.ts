import { describe, expect, it } from "vitest";
import { firstName, renderCannedResponse, stillCarries, unfilledVariables } from "@/lib/canned/render-canned-response";

describe("renderCannedResponse", () => {
  it("fills every known variable, with spaces inside the braces and repeated uses", () => {
    const result = renderCannedResponse("Ciao {{customer.first_name}}, sono {{ operator.name }}. Ticket #{{ticket.number}} – {{customer.first_name}}", {
      "customer.first_name": "Maria",
      "operator.name": "Luca Bianchi",
      "ticket.number": 1042,
    });
    expect(result).toEqual({ text: "Ciao Maria, sono Luca Bianchi. Ticket #1042 – Maria", missing: [] });
  });

  it("leaves an empty or unknown variable visible as {{name}} and lists it once", () => {
    const result = renderCannedResponse("{{customer.name}} {{session.position}} {{customer.name}} {{coupon.code}} {{ticket.number}}", {
      "customer.name": "  ",
      "session.position": null,
      "ticket.number": 0,
    });
    expect(result.text).toBe("{{customer.name}} {{session.position}} {{customer.name}} {{coupon.code}} 0");
    expect(result.missing).toEqual(["customer.name", "session.position", "coupon.code"]);
  });

  it("does not treat single braces or malformed names as variables", () => {
    expect(renderCannedResponse("{customer.name} {{ }} {{1abc}}", { "customer.name": "X" })).toEqual({ text: "{customer.name} {{ }} {{1abc}}", missing: [] });
  });
});

describe("unfilledVariables / firstName", () => {
  it("finds the placeholders still in a draft", () => {
    expect(unfilledVariables("Hi {{customer.name}}, order {{ order.id }} for {{customer.name}}")).toEqual(["customer.name", "order.id"]);
    expect(unfilledVariables("Hi Maria")).toEqual([]);
  });
  it("takes the first word of a name", () => {
    expect(firstName(" Maria  Rossi ")).toBe("Maria");
    expect(firstName("")).toBeNull();
    expect(firstName(null)).toBeNull();
  });
});

describe("stillCarries", () => {
  const inserted = "Il tuo ticket è il #{{ticket.number}}, ti scriviamo entro domani.";
  it("keeps a response whose opening or closing words are still in the message, edited inside", () => {
    expect(stillCarries(`Ciao! ${inserted}`, inserted)).toBe(true);
    expect(stillCarries("Il tuo ticket è il #1042, ti scriviamo entro domani.", inserted)).toBe(true);
    expect(stillCarries("Allora: ticket #1042, ti scriviamo entro domani.", inserted)).toBe(true);
  });
  it("drops one that was deleted or rewritten", () => {
    expect(stillCarries("Ciao, come posso aiutarti?", inserted)).toBe(false);
    expect(stillCarries("anything", "   ")).toBe(false);
  });
});
