import "server-only";
import { decideEscalation, quickReplies } from "@/clients/js/src/policy";
import { prisma } from "@/lib/db/client";
import type { FaqAnswer, FaqSettings } from "@/lib/faq/faq-schemas";
import { getFaqSettings } from "@/lib/faq/faq-settings";
import { KnowledgeIndex, type RankedEntry } from "@/lib/faq/knowledge-index";
import type { Locale } from "@/lib/i18n/config";

type Thresholds = Pick<FaqSettings, "answer_above" | "escalate_below">;

// One index per locale, rebuilt when the locale's entries change. Any instance sees any other's edits: the
// fingerprint is read from PostgreSQL on every question (an index-only aggregate), the entries only when it moved.
const cache = new Map<Locale, { fingerprint: string; index: KnowledgeIndex }>();

async function knowledgeIndex(locale: Locale): Promise<KnowledgeIndex> {
  // Over all of the locale's rows: deleting changes the count, any create/update/(de)activation moves the max.
  const stats = await prisma.knowledgeEntry.aggregate({ where: { locale }, _count: { _all: true }, _max: { updatedAt: true } });
  const fingerprint = `${stats._count._all}:${stats._max.updatedAt?.getTime() ?? 0}`;
  const cached = cache.get(locale);
  if (cached?.fingerprint === fingerprint) return cached.index;
  const entries = await prisma.knowledgeEntry.findMany({ where: { locale, active: true }, select: { id: true, question: true, answer: true, keywords: true } });
  const index = new KnowledgeIndex(entries, locale);
  cache.set(locale, { fingerprint, index });
  return index;
}

/** The guide's confidence policy (one implementation: the client package's) with the admin's thresholds. */
export function decide(confidence: number, thresholds: Thresholds): FaqAnswer["decision"] {
  return decideEscalation(confidence, { answerAbove: thresholds.answer_above, escalateBelow: thresholds.escalate_below });
}

function toAnswer(best: RankedEntry | undefined, thresholds: Thresholds, locale: Locale): FaqAnswer {
  const confidence = best?.confidence ?? 0;
  const decision = decide(confidence, thresholds);
  if (!best || decision === "escalate") return { decision: "escalate", confidence };
  return {
    decision,
    confidence,
    answer: best.entry.answer,
    entry_id: best.entry.id,
    matched_question: best.entry.question,
    ...(decision === "offer_choice" ? { actions: quickReplies(locale) } : {}),
  };
}

/**
 * The FAQ bot's reply to a customer's question: the best entry of the locale's knowledge base (MiniSearch) and,
 * from its confidence, whether to answer, answer and offer "resolved / talk to an operator", or escalate.
 */
export async function answerFromKnowledgeBase(question: string, locale: Locale, thresholds?: Thresholds): Promise<FaqAnswer> {
  const [index, settings] = await Promise.all([knowledgeIndex(locale), thresholds ? Promise.resolve(thresholds) : getFaqSettings()]);
  return toAnswer(index.rank(question, 1)[0], settings, locale);
}

/** For admins tuning the knowledge base: the answer customers would get, and the runner-up entries. */
export async function previewKnowledgeBase(question: string, locale: Locale) {
  const [index, settings] = await Promise.all([knowledgeIndex(locale), getFaqSettings()]);
  const ranked = index.rank(question, 5);
  return {
    enabled: settings.enabled,
    ...toAnswer(ranked[0], settings, locale),
    candidates: ranked.map((r) => ({ entry_id: r.entry.id, question: r.entry.question, confidence: r.confidence })),
  };
}
