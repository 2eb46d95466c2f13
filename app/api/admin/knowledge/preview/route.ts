// POST /api/admin/knowledge/preview – what the FAQ bot would answer to a question, with the runner-up entries, even while it is off (admin)
import { ok, route } from "@/lib/route/handler";
import { postAdminKnowledgePreview } from "@/lib/openapi/faq/faq-endpoints";
import { previewKnowledgeBase } from "@/lib/faq/answer-from-knowledge-base";

export const POST = route(postAdminKnowledgePreview, async ({ body }) => ok(await previewKnowledgeBase(body.question, body.locale), 200, { "Cache-Control": "no-store" }));
