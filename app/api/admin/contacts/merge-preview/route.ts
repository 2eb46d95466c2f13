// GET /api/admin/contacts/merge-preview?into=&from= – what a merge would move, without changing anything
import { ok, route } from "@/lib/route/handler";
import { getAdminContactsMergePreview } from "@/lib/openapi/contacts/contacts-endpoints";
import { previewMerge } from "@/lib/contacts/merge-contacts";

export const GET = route(getAdminContactsMergePreview, async ({ query }) => ok(await previewMerge(query.into, query.from)));
