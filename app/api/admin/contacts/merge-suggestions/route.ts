// GET /api/admin/contacts/merge-suggestions – live contacts that share an email or phone, for an admin to merge
import { ok, route } from "@/lib/route/handler";
import { getAdminContactsMergeSuggestions } from "@/lib/openapi/contacts/contacts-endpoints";
import { listMergeSuggestions } from "@/lib/contacts/list-merge-suggestions";

export const GET = route(getAdminContactsMergeSuggestions, async () => ok(await listMergeSuggestions()));
