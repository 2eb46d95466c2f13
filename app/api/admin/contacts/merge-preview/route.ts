// GET /api/admin/contacts/merge-preview?into=&from= – what a merge would move, without changing anything
import { ok, route } from "@/lib/api/handler";
import { mergePreviewQuery } from "@/lib/contacts/contact-schemas";
import { previewMerge } from "@/lib/contacts/merge-contacts";

export const GET = route({ auth: "admin", query: mergePreviewQuery }, async ({ query }) => ok(await previewMerge(query.into, query.from)));
