// GET /api/search – full-text search over messages, tickets or contacts, limited to what the caller may see
import { ok, route } from "@/lib/api/handler";
import { runSearch } from "@/lib/search/run-search";
import { searchQuery } from "@/lib/search/search-schemas";
import { viewerOf } from "@/lib/search/visibility";

export const GET = route({ auth: "operator", query: searchQuery }, async ({ query, principal }) => ok(await runSearch(query, await viewerOf(principal!))));
