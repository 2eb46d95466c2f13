// Route handlers and the OpenAPI document come from one definition per operation (lib/openapi/<resource>/*): every
// exported method of app/api/**/route.ts is built by route() from the definition of its own method and path, and
// every definition (documented or internal) has its route. Neither side can drift from the other.
import { describe, expect, it } from "vitest";
import { isDocumented } from "@/lib/api/endpoint";
import type { RouteHandler } from "@/lib/route/handler";
import { CATCH_ALL, collectApiRoutes, UNWRAPPED_ROUTES } from "@/lib/api/route-table";
import { apiEndpoints } from "@/lib/openapi/api-endpoints";

/** /api/chat/sessions/[id] → /api/chat/sessions/{id}, as the definitions and the document write it. */
const templated = (routePath: string) => routePath.replace(/\[\.{3}(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}");
const key = (method: string, p: string) => `${method.toUpperCase()} ${p}`;

async function loadRoutes(): Promise<{ path: string; method: string; handler: Partial<RouteHandler> }[]> {
  const loaded = [];
  for (const entry of collectApiRoutes()) {
    const routeModule: Record<string, Partial<RouteHandler>> = await import(entry.file);
    for (const method of entry.methods) loaded.push({ path: templated(entry.path), method, handler: routeModule[method] });
  }
  return loaded;
}

describe("route definitions", () => {
  const endpoints = apiEndpoints();

  it("name each method and path once", () => {
    const keys = endpoints.map((e) => key(e.method, e.path));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it("build every exported method of app/api/**/route.ts, each from the definition of its own method and path", async () => {
    const wrong: string[] = [];
    for (const { path: routePath, method, handler } of await loadRoutes()) {
      if (routePath in UNWRAPPED_ROUTES) continue;
      const endpoint = handler.endpoint;
      if (!endpoint) {
        wrong.push(`${key(method, routePath)}: not built by route(definition, handler)`);
        continue;
      }
      // A route that re-exports another's handler is documented at its own path through `alsoAt`.
      const at = endpoint.path === routePath || (isDocumented(endpoint) && endpoint.alsoAt?.some((a) => a.path === routePath));
      if (endpoint.method.toUpperCase() !== method || !at) wrong.push(`${key(method, routePath)} is built from ${key(endpoint.method, endpoint.path)}`);
      if (!endpoints.includes(endpoint)) wrong.push(`${key(method, routePath)}: its definition is missing from lib/openapi/api-endpoints.ts`);
    }
    expect(wrong).toEqual([]);
  });

  it("each have their route, and each path the document names is answered by one", async () => {
    const routes = new Map((await loadRoutes()).map((r) => [key(r.method, r.path), r.handler.endpoint]));
    const orphans: string[] = [];
    // The catch-all is not in the route table (proxy.ts answers 405 only for known paths): its handler carries it.
    routes.set(key("GET", templated(CATCH_ALL)), (await import("@/app/api/[...path]/route")).GET.endpoint);
    for (const endpoint of endpoints) {
      if (routes.get(key(endpoint.method, endpoint.path)) !== endpoint) orphans.push(key(endpoint.method, endpoint.path));
      // Other documented paths are rewrites (next.config.js) or routes re-exporting this one's handler.
      for (const alias of isDocumented(endpoint) ? (endpoint.alsoAt ?? []) : []) {
        if (alias.path.startsWith("/api/") && routes.get(key(endpoint.method, alias.path)) !== endpoint) orphans.push(key(endpoint.method, alias.path));
      }
    }
    expect(orphans).toEqual([]);
  });
});
