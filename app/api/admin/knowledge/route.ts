// GET /api/admin/knowledge – the FAQ bot's knowledge base (filters: locale, active, q); POST – add an entry (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { getAdminKnowledge, postAdminKnowledge } from "@/lib/openapi/faq/faq-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { createKnowledgeEntry, listKnowledgeEntries } from "@/lib/faq/manage-knowledge-entries";

export const GET = route(getAdminKnowledge, async ({ query }) => ok(await listKnowledgeEntries(query), 200, { "Cache-Control": "no-store" }));

export const POST = route(postAdminKnowledge, async ({ body, principal }) =>
  ok(await createKnowledgeEntry(body, actorOf(principal, SYSTEM_ACTOR)), 201),
);
