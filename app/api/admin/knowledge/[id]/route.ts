// GET /api/admin/knowledge/{id} – one entry; PATCH – edit or (de)activate it; DELETE – remove it (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { deleteAdminKnowledgeId, getAdminKnowledgeId, patchAdminKnowledgeId } from "@/lib/openapi/faq/faq-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { deleteKnowledgeEntry, getKnowledgeEntry, updateKnowledgeEntry } from "@/lib/faq/manage-knowledge-entries";

export const GET = route(getAdminKnowledgeId, async ({ params }) => ok(await getKnowledgeEntry(params.id)));

export const PATCH = route(patchAdminKnowledgeId, async ({ params, body, principal }) =>
  ok(await updateKnowledgeEntry(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route(deleteAdminKnowledgeId, async ({ params, principal }) =>
  ok(await deleteKnowledgeEntry(params.id, actorOf(principal, SYSTEM_ACTOR))),
);
