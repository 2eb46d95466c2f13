import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { answerFromKnowledgeBase, decide, previewKnowledgeBase } from "@/lib/faq/answer-from-knowledge-base";
import { DEFAULT_FAQ_SETTINGS } from "@/lib/faq/faq-schemas";
import { getFaqSettings } from "@/lib/faq/faq-settings";
import { updateFaqSettings } from "@/lib/faq/update-faq-settings";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { clearTables } from "@/test/db";

const thresholds = { answer_above: 0.8, escalate_below: 0.3 };

beforeEach(async () => {
  await clearTables("knowledge_entries", "settings", "audit_events");
  await prisma.knowledgeEntry.createMany({
    data: [
      { id: "kb_password", question: "Come posso reimpostare la password?", answer: "Vai su Accedi → Password dimenticata.", keywords: ["password dimenticata", "login"], locale: "it" },
      { id: "kb_shipping", question: "Quali sono i tempi di spedizione?", answer: "2-3 giorni lavorativi.", keywords: ["consegna", "corriere"], locale: "it" },
      { id: "kb_refund_en", question: "How can I get a refund for my order?", answer: "From your orders page.", keywords: ["money back"], locale: "en" },
      { id: "kb_old", question: "Come funziona il programma fedeltà?", answer: "Il programma è chiuso.", keywords: ["punti", "fedeltà"], locale: "it", active: false },
    ],
  });
});

describe("FAQ bot settings", () => {
  it("is off by default, with the guide's thresholds", async () => {
    expect(await getFaqSettings()).toEqual({ enabled: false, answer_above: 0.8, escalate_below: 0.3 });
    expect(DEFAULT_FAQ_SETTINGS.enabled).toBe(false);
  });

  it("stores the admin's choice under Setting faq_bot and falls back to the defaults on a broken value", async () => {
    await updateFaqSettings({ enabled: true, answer_above: 0.7, escalate_below: 0.4 }, SYSTEM_ACTOR);
    expect(await getFaqSettings()).toEqual({ enabled: true, answer_above: 0.7, escalate_below: 0.4 });
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: "faq_bot" } })).value).toMatchObject({ enabled: true });
    await prisma.setting.update({ where: { key: "faq_bot" }, data: { value: { enabled: "yes please", answer_above: 7 } } });
    expect(await getFaqSettings()).toEqual(DEFAULT_FAQ_SETTINGS);
  });
});

describe("decide – the guide's policy at its edges", () => {
  const cases: [number, string][] = [
    [1, "answer"],
    [0.801, "answer"],
    [0.8, "offer_choice"],
    [0.5, "offer_choice"],
    [0.3, "offer_choice"],
    [0.299, "escalate"],
    [0, "escalate"],
    [Number.NaN, "escalate"],
  ];
  it.each(cases)("confidence %s → %s", (confidence, decision) => {
    expect(decide(confidence, thresholds)).toBe(decision);
  });

  it("follows the admin's thresholds", () => {
    expect(decide(0.75, { answer_above: 0.7, escalate_below: 0.4 })).toBe("answer");
    expect(decide(0.35, { answer_above: 0.7, escalate_below: 0.4 })).toBe("escalate");
    expect(decide(0.5, { answer_above: 0.5, escalate_below: 0.5 })).toBe("offer_choice");
  });
});

describe("answerFromKnowledgeBase", () => {
  it("answers a question the knowledge base has, with the entry", async () => {
    expect(await answerFromKnowledgeBase("Ho dimenticato la password", "it", thresholds)).toEqual({
      decision: "answer",
      confidence: expect.any(Number),
      answer: "Vai su Accedi → Password dimenticata.",
      entry_id: "kb_password",
      matched_question: "Come posso reimpostare la password?",
    });
  });

  it("answers but offers the guide's two quick replies when it is only fairly sure", async () => {
    const result = await answerFromKnowledgeBase("password", "it", thresholds);
    expect(result).toMatchObject({ decision: "offer_choice", entry_id: "kb_password", answer: expect.any(String) });
    expect(result.confidence).toBeGreaterThanOrEqual(0.3);
    expect(result.confidence).toBeLessThanOrEqual(0.8);
    expect(result.actions).toEqual([
      { type: "quick_reply", label: "✅ Risolto", payload: "resolved" },
      { type: "quick_reply", label: "💬 Parla con operatore", payload: "escalate_human" },
    ]);
    const en = await answerFromKnowledgeBase("refund", "en", thresholds);
    expect(en.actions?.map((a) => a.label)).toEqual(["✅ Resolved", "💬 Talk to an agent"]);
  });

  it("escalates, with no answer, when nothing matches well enough", async () => {
    expect(await answerFromKnowledgeBase("Voglio parlare con un operatore", "it", thresholds)).toEqual({ decision: "escalate", confidence: 0 });
    const strict = await answerFromKnowledgeBase("password", "it", { answer_above: 0.95, escalate_below: 0.9 });
    expect(strict.decision).toBe("escalate");
    expect(strict).not.toHaveProperty("answer");
  });

  it("searches the customer's language only, and never inactive entries", async () => {
    expect((await answerFromKnowledgeBase("How can I get a refund?", "it", thresholds)).decision).toBe("escalate");
    expect(await answerFromKnowledgeBase("How can I get a refund for my order?", "en", thresholds)).toMatchObject({ decision: "answer", entry_id: "kb_refund_en", confidence: 1 });
    expect((await answerFromKnowledgeBase("Come funziona il programma fedeltà?", "it", thresholds)).decision).toBe("escalate");
  });

  it("sees edits at once: new, changed, deactivated and deleted entries", async () => {
    expect((await answerFromKnowledgeBase("Quali corrieri usate?", "it", thresholds)).entry_id).toBe("kb_shipping");
    await prisma.knowledgeEntry.update({ where: { id: "kb_shipping" }, data: { active: false } });
    expect((await answerFromKnowledgeBase("Quali sono i tempi di spedizione?", "it", thresholds)).decision).toBe("escalate");
    await prisma.knowledgeEntry.create({ data: { id: "kb_new", question: "Dove ritiro il pacco in negozio?", answer: "In via Roma 1.", locale: "it" } });
    expect((await answerFromKnowledgeBase("Dove ritiro il pacco in negozio?", "it", thresholds)).entry_id).toBe("kb_new");
    await prisma.knowledgeEntry.delete({ where: { id: "kb_new" } });
    expect((await answerFromKnowledgeBase("Dove ritiro il pacco in negozio?", "it", thresholds)).decision).toBe("escalate");
    await prisma.knowledgeEntry.update({ where: { id: "kb_password" }, data: { answer: "Nuova risposta." } });
    expect((await answerFromKnowledgeBase("Come posso reimpostare la password?", "it", thresholds)).answer).toBe("Nuova risposta.");
  });

  it("uses the stored thresholds when none are given", async () => {
    await updateFaqSettings({ enabled: true, answer_above: 0.2, escalate_below: 0.1 }, SYSTEM_ACTOR);
    expect((await answerFromKnowledgeBase("password", "it")).decision).toBe("answer");
  });
});

describe("previewKnowledgeBase", () => {
  it("answers even while the bot is off, and lists the candidates", async () => {
    const preview = await previewKnowledgeBase("password spedizione", "it");
    expect(preview.enabled).toBe(false);
    expect(preview.candidates.map((c) => c.entry_id).sort()).toEqual(["kb_password", "kb_shipping"]);
  });
});
