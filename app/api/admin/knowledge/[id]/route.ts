// GET /api/admin/knowledge/{id} – one entry; PATCH – edit or (de)activate it; DELETE – remove it (admin, audited)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { knowledgeEntryParams, updateKnowledgeEntryBody } from "@/lib/faq/faq-schemas";
import { deleteKnowledgeEntry, getKnowledgeEntry, updateKnowledgeEntry } from "@/lib/faq/manage-knowledge-entries";

export const GET = route({ auth: "admin", params: knowledgeEntryParams }, async ({ params }) => ok(await getKnowledgeEntry(params.id)));

export const PATCH = route({ auth: "admin", params: knowledgeEntryParams, body: updateKnowledgeEntryBody }, async ({ params, body, principal }) =>
  ok(await updateKnowledgeEntry(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route({ auth: "admin", params: knowledgeEntryParams }, async ({ params, principal }) =>
  ok(await deleteKnowledgeEntry(params.id, actorOf(principal, SYSTEM_ACTOR))),
);
