import { describe, expect, it } from "vitest";
import { decideEscalation, escalationMessage, quickReplies } from "./policy";
import type { EscalationResult } from "./types";

describe("decideEscalation with the guide's thresholds", () => {
  it.each([
    [1, "answer"],
    [0.80001, "answer"],
    [0.8, "offer_choice"],
    [0.5, "offer_choice"],
    [0.3, "offer_choice"],
    [0.29999, "escalate"],
    [0, "escalate"],
  ] as const)("confidence %s → %s", (confidence, expected) => {
    expect(decideEscalation(confidence)).toBe(expected);
  });

  it("escalates when the bot could not score its answer (NaN)", () => {
    expect(decideEscalation(Number.NaN)).toBe("escalate");
  });

  it("treats out-of-range scores by their side of the thresholds", () => {
    expect(decideEscalation(1.5)).toBe("answer");
    expect(decideEscalation(-0.1)).toBe("escalate");
    expect(decideEscalation(Number.POSITIVE_INFINITY)).toBe("answer");
  });
});

describe("decideEscalation with custom thresholds", () => {
  it("uses the given bounds, each inclusive on the offer_choice side", () => {
    const t = { answerAbove: 0.9, escalateBelow: 0.5 };
    expect(decideEscalation(0.91, t)).toBe("answer");
    expect(decideEscalation(0.9, t)).toBe("offer_choice");
    expect(decideEscalation(0.5, t)).toBe("offer_choice");
    expect(decideEscalation(0.49, t)).toBe("escalate");
  });

  it("accepts a single option and keeps the other default", () => {
    expect(decideEscalation(0.85, { answerAbove: 0.9 })).toBe("offer_choice");
    expect(decideEscalation(0.35, { escalateBelow: 0.4 })).toBe("escalate");
  });

  it("with equal bounds there is no offer_choice band except the bound itself", () => {
    const t = { answerAbove: 0.6, escalateBelow: 0.6 };
    expect(decideEscalation(0.61, t)).toBe("answer");
    expect(decideEscalation(0.6, t)).toBe("offer_choice");
    expect(decideEscalation(0.59, t)).toBe("escalate");
  });

  it("allows the extreme bounds 0 and 1", () => {
    expect(decideEscalation(1, { answerAbove: 1, escalateBelow: 0 })).toBe("offer_choice");
    expect(decideEscalation(0, { answerAbove: 1, escalateBelow: 0 })).toBe("offer_choice");
  });

  it.each([
    [{ answerAbove: 1.1 }],
    [{ answerAbove: -0.1 }],
    [{ escalateBelow: 2 }],
    [{ escalateBelow: Number.NaN }],
    [{ answerAbove: Number.POSITIVE_INFINITY }],
    [{ answerAbove: 0.2 }], // below the default escalateBelow 0.3
    [{ answerAbove: 0.4, escalateBelow: 0.6 }],
    [{ answerAbove: "0.9" as unknown as number }],
  ])("rejects invalid options %j with a RangeError", (options) => {
    expect(() => decideEscalation(0.5, options)).toThrow(RangeError);
  });

  it("validates options even when the confidence is NaN", () => {
    expect(() => decideEscalation(Number.NaN, { answerAbove: 5 })).toThrow(RangeError);
  });
});

describe("quickReplies", () => {
  it("returns the guide's Italian quick replies by default", () => {
    expect(quickReplies()).toEqual([
      { type: "quick_reply", label: "✅ Risolto", payload: "resolved" },
      { type: "quick_reply", label: "💬 Parla con operatore", payload: "escalate_human" },
    ]);
    expect(quickReplies("it")).toEqual(quickReplies());
  });

  it("returns English labels with the same payloads", () => {
    expect(quickReplies("en")).toEqual([
      { type: "quick_reply", label: "✅ Resolved", payload: "resolved" },
      { type: "quick_reply", label: "💬 Talk to an agent", payload: "escalate_human" },
    ]);
  });

  it("returns fresh objects, so callers may mutate them", () => {
    const first = quickReplies();
    first[0].label = "changed";
    expect(quickReplies()[0].label).toBe("✅ Risolto");
  });
});

describe("escalationMessage", () => {
  const queue = (estimatedWait: number): EscalationResult => ({
    type: "queue",
    sessionId: "s1",
    position: 3,
    estimatedWait,
    chatUrl: "http://x/chat/s1",
    existing: false,
  });
  const assigned: EscalationResult = {
    type: "operator_assigned",
    sessionId: "s1",
    operator: { id: "o1", name: "Giulia" },
    chatUrl: "http://x/chat/s1",
    existing: false,
  };
  const ticket: EscalationResult = {
    type: "ticket_created",
    ticketId: 1042,
    ticketNumber: 1042,
    message: "Ticket creato",
    existing: false,
  };

  it("renders the guide's Italian texts", () => {
    expect(escalationMessage(queue(5))).toBe("Sei in posizione 3 nella coda. Tempo stimato: 5 minuti.");
    expect(escalationMessage(assigned)).toBe("Un operatore ti sta contattando...");
    expect(escalationMessage(ticket)).toBe(
      "Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h.",
    );
  });

  it("uses the singular for one minute", () => {
    expect(escalationMessage(queue(1), "it")).toBe("Sei in posizione 3 nella coda. Tempo stimato: 1 minuto.");
    expect(escalationMessage(queue(1), "en")).toBe("You are number 3 in the queue. Estimated wait: 1 minute.");
    expect(escalationMessage(queue(0), "it")).toBe("Sei in posizione 3 nella coda. Tempo stimato: 0 minuti.");
  });

  it("renders English equivalents", () => {
    expect(escalationMessage(queue(4), "en")).toBe("You are number 3 in the queue. Estimated wait: 4 minutes.");
    expect(escalationMessage(assigned, "en")).toBe("An agent is contacting you...");
    expect(escalationMessage(ticket, "en")).toBe(
      "I've created ticket #1042. You'll get a reply by email/WhatsApp within 24h.",
    );
  });
});
