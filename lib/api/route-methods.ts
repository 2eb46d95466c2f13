// Which methods an API path answers, for a 405 with `Allow` in the API's error shape (proxy.ts). The table comes
// from the route files (lib/api/route-methods.generated.ts).
import { API_ROUTE_METHODS } from "@/lib/api/route-methods.generated";

interface CompiledRoute {
  pattern: RegExp;
  methods: string[];
  /** Static segments win over dynamic ones, as in Next's own matching. */
  rank: number;
}

function compile(routePath: string): { pattern: RegExp; rank: number } {
  let rank = 0;
  const source = routePath
    .split("/")
    .map((segment) => {
      if (/^\[\.\.\..+\]$/.test(segment)) return ".+";
      if (/^\[.+\]$/.test(segment)) {
        rank += 1;
        return "[^/]+";
      }
      rank += 100;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { pattern: new RegExp(`^${source}/?$`), rank };
}

const ROUTES: CompiledRoute[] = API_ROUTE_METHODS.map(([routePath, methods]) => ({ ...compile(routePath), methods })).sort((a, b) => b.rank - a.rank);

/** The methods the route at this path answers, or null when no route is there (the catch-all answers 404). */
export function allowedMethods(pathname: string): string[] | null {
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) return null;
  const allowed = [...route.methods];
  if (allowed.includes("GET")) allowed.push("HEAD");
  return [...allowed, "OPTIONS"];
}
