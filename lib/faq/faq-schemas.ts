// Contracts of the built-in FAQ bot: knowledge base entries, its settings and the public answer API. Browser-safe.
import { z } from "zod";
import { DEFAULT_ANSWER_ABOVE, DEFAULT_ESCALATE_BELOW } from "@/clients/js/src/policy";
import { localeSchema } from "@/lib/schemas/common";

const keywordsSchema = z
  .array(z.string().trim().min(1).max(60))
  .max(30)
  .transform((list) => [...new Set(list.map((k) => k.toLowerCase()))])
  .describe("Other words customers use for this question (synonyms, product names); they count a little less than the question's own words");

export const knowledgeEntryBody = z.object({
  question: z.string().trim().min(3).max(500).describe("The question as a customer would ask it"),
  answer: z.string().trim().min(1).max(4000).describe("The answer shown to the customer, plain text"),
  keywords: keywordsSchema.default([]),
  locale: localeSchema.default("it"),
  active: z.boolean().default(true),
});
export type KnowledgeEntryBody = z.infer<typeof knowledgeEntryBody>;

export const updateKnowledgeEntryBody = z
  .object({
    question: z.string().trim().min(3).max(500),
    answer: z.string().trim().min(1).max(4000),
    keywords: keywordsSchema,
    locale: localeSchema,
    active: z.boolean(),
  })
  .partial()
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: "nothing to update" });
export type UpdateKnowledgeEntryBody = z.infer<typeof updateKnowledgeEntryBody>;

export const knowledgeEntryParams = z.object({ id: z.string().min(1).max(100) });

export const knowledgeListQuery = z.object({
  locale: localeSchema.optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: z.string().trim().max(200).optional().describe("Text contained in the question, answer or keywords"),
});
export type KnowledgeListQuery = z.infer<typeof knowledgeListQuery>;

export const knowledgeEntryView = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  keywords: z.array(z.string()),
  locale: localeSchema,
  active: z.boolean(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type KnowledgeEntryView = z.infer<typeof knowledgeEntryView>;

const probability = z.number().min(0).max(1);

export const faqSettingsSchema = z
  .object({
    enabled: z.boolean().describe("Whether the customer chat tries the knowledge base before escalating"),
    answer_above: probability.describe("Answer on its own when confidence is strictly above this"),
    escalate_below: probability.describe("Escalate straight away when confidence is strictly below this; in between, answer and offer the two quick replies"),
  })
  .refine((s) => s.escalate_below <= s.answer_above, { message: "escalate_below must not be greater than answer_above", path: ["escalate_below"] });
export type FaqSettings = z.infer<typeof faqSettingsSchema>;

/** Off until an admin has written the knowledge base and switched it on. */
export const DEFAULT_FAQ_SETTINGS: FaqSettings = { enabled: false, answer_above: DEFAULT_ANSWER_ABOVE, escalate_below: DEFAULT_ESCALATE_BELOW };

export const faqAnswerBody = z.object({
  question: z.string().trim().min(1).max(4000),
  locale: localeSchema.default("it"),
});

export const FAQ_DECISIONS = ["answer", "offer_choice", "escalate"] as const;

export const quickReplySchema = z.object({
  type: z.literal("quick_reply"),
  label: z.string(),
  payload: z.enum(["resolved", "escalate_human"]),
});

export const faqAnswer = z.object({
  decision: z.enum(FAQ_DECISIONS).describe("answer: confidence > answer_above; escalate: < escalate_below; offer_choice: in between"),
  confidence: probability.describe("How well the best entry matches: 1 = its question asked word for word, 0 = no word in common"),
  answer: z.string().optional().describe("The entry's answer; absent when the decision is escalate"),
  entry_id: z.string().optional(),
  matched_question: z.string().optional().describe("The knowledge base question that matched"),
  actions: z.array(quickReplySchema).optional().describe("For offer_choice: the guide's two quick replies (✅ Risolto / 💬 Parla con operatore)"),
});
export type FaqAnswer = z.infer<typeof faqAnswer>;

export const faqAnswerResult = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(false).describe("The FAQ bot is off: escalate as usual") }),
  faqAnswer.extend({ enabled: z.literal(true) }),
]);
export type FaqAnswerResult = z.infer<typeof faqAnswerResult>;

export const faqPreviewResult = faqAnswer.extend({
  enabled: z.boolean().describe("Whether customers get this answer now (the bot may be off while the knowledge base is prepared)"),
  candidates: z
    .array(z.object({ entry_id: z.string(), question: z.string(), confidence: probability }))
    .describe("The best matching entries, best first"),
});
export type FaqPreviewResult = z.infer<typeof faqPreviewResult>;
