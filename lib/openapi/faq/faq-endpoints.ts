// The FAQ bot API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { faqAnswer, faqAnswerBody, faqPreviewResult, faqSettingsSchema, knowledgeEntryBody, knowledgeEntryParams, knowledgeEntryView, knowledgeListQuery, updateKnowledgeEntryBody } from "@/lib/faq/faq-schemas";
import { deletedSchema } from "@/lib/openapi/response-schemas";

export const postFaqAnswer = defineEndpoint({
  method: "post",
  path: "/api/faq/answer",
  tag: "FAQ bot",
  summary: "Ask the built-in FAQ bot (for sites without a chatbot)",
  description:
    "Searches the knowledge base of the question's language and applies the guide's confidence policy with the admin's thresholds: `answer` (confidence > answer_above), `offer_choice` (answer, plus the two quick replies ✅ Risolto / 💬 Parla con operatore), or `escalate` (confidence < escalate_below: call request-operator). When the bot is switched off the answer is `{ enabled: false }`.",
  auth: "public",
  rateLimit: { bucket: "public-write" },
  body: { name: "FaqAnswerBody", schema: faqAnswerBody, examples: { question: { summary: "A customer's question", value: { question: "Ho dimenticato la password", locale: "it" } } } },
  success: {
    status: 200,
    description: "The bot's decision, or `enabled: false`",
    payload: {
      kind: "oneOf",
      envelope: true,
      variants: [
        { name: "FaqBotOff", schema: z.object({ enabled: z.literal(false) }) },
        { name: "FaqAnswer", schema: faqAnswer.extend({ enabled: z.literal(true) }) },
      ],
    },
    examples: {
      answer: {
        summary: "Sure enough to answer",
        value: { success: true, data: { enabled: true, decision: "answer", confidence: 0.94, answer: "Vai su Accedi → Password dimenticata.", entry_id: "cmf0kb0000001", matched_question: "Come posso reimpostare la password?" } },
      },
      offer_choice: {
        summary: "Answer, and let the customer choose",
        value: {
          success: true,
          data: {
            enabled: true,
            decision: "offer_choice",
            confidence: 0.56,
            answer: "Vai su Accedi → Password dimenticata.",
            entry_id: "cmf0kb0000001",
            matched_question: "Come posso reimpostare la password?",
            actions: [
              { type: "quick_reply", label: "✅ Risolto", payload: "resolved" },
              { type: "quick_reply", label: "💬 Parla con operatore", payload: "escalate_human" },
            ],
          },
        },
      },
      escalate: { summary: "Not covered: escalate", value: { success: true, data: { enabled: true, decision: "escalate", confidence: 0 } } },
      off: { summary: "The bot is off", value: { success: true, data: { enabled: false } } },
    },
  },
});

export const getAdminKnowledge = defineEndpoint({
  method: "get",
  path: "/api/admin/knowledge",
  tag: "FAQ bot",
  summary: "The knowledge base (filters: locale, active, q)",
  auth: "admin",
  query: knowledgeListQuery,
  success: { status: 200, description: "Entries, by locale and question", payload: { kind: "data", list: true, name: "KnowledgeEntry", schema: knowledgeEntryView } },
});

export const postAdminKnowledge = defineEndpoint({
  method: "post",
  path: "/api/admin/knowledge",
  tag: "FAQ bot",
  summary: "Add a question and its answer (audited)",
  auth: "admin",
  body: {
    name: "KnowledgeEntryBody",
    schema: knowledgeEntryBody,
    examples: { password: { summary: "A password reset entry", value: { question: "Come posso reimpostare la password?", answer: "Vai su Accedi → Password dimenticata e segui il link che ti mandiamo via email.", keywords: ["password dimenticata", "login", "accesso"], locale: "it" } } },
  },
  success: { status: 201, description: "The entry", payload: { kind: "data", name: "KnowledgeEntry", schema: knowledgeEntryView } },
});

export const getAdminKnowledgeId = defineEndpoint({
  method: "get",
  path: "/api/admin/knowledge/{id}",
  tag: "FAQ bot",
  summary: "One knowledge base entry",
  auth: "admin",
  params: knowledgeEntryParams,
  success: { status: 200, description: "The entry", payload: { kind: "data", name: "KnowledgeEntry", schema: knowledgeEntryView } },
});

export const patchAdminKnowledgeId = defineEndpoint({
  method: "patch",
  path: "/api/admin/knowledge/{id}",
  tag: "FAQ bot",
  summary: "Edit or (de)activate an entry (audited)",
  auth: "admin",
  params: knowledgeEntryParams,
  body: { name: "UpdateKnowledgeEntryBody", schema: updateKnowledgeEntryBody, examples: { deactivate: { summary: "Stop using an entry", value: { active: false } } } },
  success: { status: 200, description: "The entry", payload: { kind: "data", name: "KnowledgeEntry", schema: knowledgeEntryView } },
});

export const deleteAdminKnowledgeId = defineEndpoint({
  method: "delete",
  path: "/api/admin/knowledge/{id}",
  tag: "FAQ bot",
  summary: "Delete an entry (the audit event keeps its text)",
  auth: "admin",
  params: knowledgeEntryParams,
  success: { status: 200, description: "Deleted", payload: { kind: "data", name: "Deleted", schema: deletedSchema } },
});

export const postAdminKnowledgePreview = defineEndpoint({
  method: "post",
  path: "/api/admin/knowledge/preview",
  tag: "FAQ bot",
  summary: "What the bot would answer, with the runner-up entries (works while the bot is off)",
  auth: "admin",
  body: { name: "FaqAnswerBody", schema: faqAnswerBody, examples: { question: { summary: "Try a question", value: { question: "non riesco ad accedere", locale: "it" } } } },
  success: { status: 200, description: "The preview", payload: { kind: "data", name: "FaqPreview", schema: faqPreviewResult } },
});

export const getAdminFaqSettings = defineEndpoint({
  method: "get",
  path: "/api/admin/faq-settings",
  tag: "FAQ bot",
  summary: "The FAQ bot's switch (off by default) and confidence thresholds",
  auth: "admin",
  success: { status: 200, description: "The settings", payload: { kind: "data", name: "FaqSettings", schema: faqSettingsSchema } },
});

export const putAdminFaqSettings = defineEndpoint({
  method: "put",
  path: "/api/admin/faq-settings",
  tag: "FAQ bot",
  summary: "Switch the FAQ bot on or off and set its thresholds (audited)",
  auth: "admin",
  body: { name: "FaqSettingsBody", schema: faqSettingsSchema, examples: { on: { summary: "On, with the guide's thresholds", value: { enabled: true, answer_above: 0.8, escalate_below: 0.3 } } } },
  success: { status: 200, description: "The settings now in force", payload: { kind: "data", name: "FaqSettings", schema: faqSettingsSchema } },
});

/** In the order of the OpenAPI document. */
export const faqEndpoints = [
  postFaqAnswer,
  getAdminKnowledge,
  postAdminKnowledge,
  getAdminKnowledgeId,
  patchAdminKnowledgeId,
  deleteAdminKnowledgeId,
  postAdminKnowledgePreview,
  getAdminFaqSettings,
  putAdminFaqSettings,
];
