// The API's own operations (its OpenAPI document, the catch-all for unknown paths): one definition each, used
// by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";

export const getOpenapiJson = defineEndpoint({
  method: "get",
  path: "/api/openapi.json",
  tag: "API",
  summary: "This document (OpenAPI 3.1)",
  auth: "public",
  success: { status: 200, description: "The OpenAPI document" },
});

/** The catch-all under /api/ (and /webhooks/): one definition for every method it answers with a JSON 404. */
export const unknownApiPath = defineEndpoint({
  method: "get",
  path: "/api/{path}",
  internal: "the catch-all that answers any unknown API path with a JSON 404",
  auth: "public",
});

/** In the order of the OpenAPI document. */
export const metaEndpoints = [
  getOpenapiJson,
  unknownApiPath,
];
