// POST /api/faq/answer – the built-in FAQ bot: answer, offer the two quick replies, or escalate ({enabled:false} when off)
import { ok, route } from "@/lib/route/handler";
import { postFaqAnswer } from "@/lib/openapi/faq/faq-endpoints";
import { answerFromKnowledgeBase } from "@/lib/faq/answer-from-knowledge-base";
import type { FaqAnswerResult } from "@/lib/faq/faq-schemas";
import { getFaqSettings } from "@/lib/faq/faq-settings";

export const POST = route(postFaqAnswer, async ({ body }) => {
  const settings = await getFaqSettings();
  const result: FaqAnswerResult = settings.enabled
    ? { enabled: true, ...(await answerFromKnowledgeBase(body.question, body.locale, settings)) }
    : { enabled: false };
  return ok(result, 200, { "Cache-Control": "no-store" });
});
