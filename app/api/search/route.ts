// GET /api/search – full-text search over messages, tickets or contacts, limited to what the caller may see
import { ok, route } from "@/lib/route/handler";
import { getSearch } from "@/lib/openapi/search/search-endpoints";
import { runSearch } from "@/lib/search/run-search";
import { viewerOf } from "@/lib/search/visibility";

export const GET = route(getSearch, async ({ query, caller }) => ok(await runSearch(query, await viewerOf(caller))));
