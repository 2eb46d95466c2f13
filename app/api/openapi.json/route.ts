// GET /api/openapi.json – the OpenAPI 3.1 document of the public API, built from the zod schemas (public, cached)
import { NextResponse } from "next/server";
import { route } from "@/lib/route/handler";
import { getOpenapiJson } from "@/lib/openapi/meta/meta-endpoints";
import { appUrl } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";

let cached: { serverUrl: string; body: string } | undefined;

export const GET = route(getOpenapiJson, async () => {
  const serverUrl = appUrl();
  if (cached?.serverUrl !== serverUrl) cached = { serverUrl, body: JSON.stringify(buildOpenApiDocument({ serverUrl })) };
  return new NextResponse(cached.body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300, stale-while-revalidate=3600",
      // A public description of a public API: any tool (Swagger UI, Postman) may read it from anywhere.
      "access-control-allow-origin": "*",
    },
  });
});
