import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_STATUS } from "@/lib/api/errors";
import { appUrl } from "@/lib/env";
import { isDocumented, type DocumentedEndpoint, type Payload } from "@/lib/api/endpoint";
import { UNWRAPPED_ROUTES } from "@/lib/api/route-table";
import { apiEndpoints } from "@/lib/openapi/api-endpoints";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { DOCS_SERVER_URL } from "@/lib/openapi/examples";
import { renderApiDocs } from "@/lib/openapi/render-api-docs";
import { PRIORITIES } from "@/lib/schemas/common";
import { requestOperatorBody } from "@/lib/schemas/escalation";
import { GET } from "@/app/api/openapi.json/route";
import { call } from "@/test/http";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const doc: Json = buildOpenApiDocument({ serverUrl: DOCS_SERVER_URL });
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function resolve(node: Json): Json {
  if (!node?.$ref) return node;
  const [, , section, name] = String(node.$ref).split("/");
  return resolve(doc.components[section][name]);
}

/** Enough of JSON Schema 2020-12 to check examples against the generated components (what zod emits for them). */
function jsonSchemaErrors(schema: Json, value: Json, at = "$"): string[] {
  const s = resolve(schema);
  if (s.anyOf || s.oneOf) {
    const branches: Json[] = s.anyOf ?? s.oneOf;
    return branches.some((b) => jsonSchemaErrors(b, value, at).length === 0) ? [] : [`${at}: matches no branch`];
  }
  const errors: string[] = [];
  const types = s.type ? [s.type].flat() : [];
  const typeOf = (v: Json) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
  if (types.length && !types.some((t: string) => t === typeOf(value) || (t === "number" && typeof value === "number"))) return [`${at}: expected ${types.join("|")}`];
  if (s.const !== undefined && value !== s.const) errors.push(`${at}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(s.enum)}`);
  if (typeof value === "string") {
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${at}: too short`);
    if (s.maxLength !== undefined && value.length > s.maxLength) errors.push(`${at}: too long`);
    if (s.pattern && !new RegExp(s.pattern, "u").test(value)) errors.push(`${at}: does not match ${s.pattern}`);
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: above ${s.maximum}`);
  }
  if (typeOf(value) === "object") {
    for (const name of s.required ?? []) if (!(name in value)) errors.push(`${at}.${name}: required`);
    for (const [name, v] of Object.entries(value)) {
      if (s.properties?.[name]) errors.push(...jsonSchemaErrors(s.properties[name], v, `${at}.${name}`));
      else if (s.additionalProperties === false) errors.push(`${at}.${name}: not allowed`);
    }
  }
  if (Array.isArray(value) && s.items) value.forEach((item, i) => errors.push(...jsonSchemaErrors(s.items, item, `${at}[${i}]`)));
  return errors;
}

function operations(): [string, string, Json][] {
  return Object.entries<Json>(doc.paths).flatMap(([p, methods]) => Object.entries<Json>(methods).map(([m, op]) => [p, m, op] as [string, string, Json]));
}

function successSchema(payload: Payload): z.ZodType {
  const inner =
    payload.kind === "oneOf"
      ? z.union(payload.variants.map((v) => v.schema) as [z.ZodType, z.ZodType, ...z.ZodType[]])
      : payload.kind === "data" && payload.list
        ? z.array(payload.schema)
        : payload.schema;
  const enveloped = payload.kind === "data" || (payload.kind === "oneOf" && payload.envelope);
  return enveloped ? z.object({ success: z.literal(true), data: inner }) : inner;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with unique operation ids, a success and error responses on every operation", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ids = new Set<string>();
    for (const [p, method, op] of operations()) {
      expect(ids.has(op.operationId), `${method} ${p}: duplicate operationId`).toBe(false);
      ids.add(op.operationId);
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith("2")), `${method} ${p}: no 2xx`).toBe(true);
      expect(statuses, `${method} ${p}: no 500`).toContain("500");
      for (const status of statuses.filter((s) => Number(s) >= 400 && s !== "503")) {
        expect(op.responses[status].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
      }
      if (op.responses["429"]) expect(op.responses["429"].headers["Retry-After"]).toBeDefined();
      expect(op.security.length).toBeGreaterThan(0);
    }
  });

  it("declares exactly the path parameters its templates use", () => {
    for (const [p, method, op] of operations()) {
      const inTemplate = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((x: Json) => x.in === "path").map((x: Json) => x.name).sort();
      expect(declared, `${method} ${p}`).toEqual(inTemplate);
    }
  });

  it("has no dangling $ref", () => {
    const refs: string[] = [];
    const walk = (node: Json) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref") refs.push(v as string);
          else walk(v);
        }
      }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(50);
    for (const r of refs) expect(resolve({ $ref: r }), r).toBeDefined();
  });

  it("documents bearer auth, the Idempotency-Key header and every error code", () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.twilioSignature).toMatchObject({ type: "apiKey", in: "header", name: "X-Twilio-Signature" });
    const escalation = doc.paths["/api/chat/request-operator"].post;
    expect(escalation.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    expect(doc.paths["/api/tickets"].post.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    expect(doc["x-error-codes"].map((e: Json) => e.code).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
    expect(doc["x-error-codes"]).toContainEqual(expect.objectContaining({ code: "INVALID_IDENTITY_TOKEN", status: 401 }));
    expect(resolve(doc.components.schemas.Error).properties.error.properties.code.enum).toContain("INVALID_IDENTITY_TOKEN");
  });

  it("documents every route handler, or says why it is internal", () => {
    const root = path.resolve("app/api");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    const documented = new Set(operations().map(([p, m]) => `${m} ${p}`));
    const internal = new Set([...apiEndpoints().filter((e) => !isDocumented(e)).map((e) => e.path), ...Object.keys(UNWRAPPED_ROUTES)]);
    const missing: string[] = [];
    for (const file of files) {
      const routePath = `/api/${path.dirname(file)}`.replace(/\[\.{3}(\w+)\]/g, "{$1}").replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, "");
      const source = readFileSync(path.join(root, file), "utf8");
      const methods = METHODS.filter((m) => new RegExp(`export (const|async function) ${m.toUpperCase()}\\b|export \\{[^}]*\\b${m.toUpperCase()}\\b`).test(source));
      for (const m of methods) if (!documented.has(`${m} ${routePath}`) && !internal.has(routePath)) missing.push(`${m.toUpperCase()} ${routePath}`);
    }
    expect(missing, "define these in lib/openapi/<resource>/, documented or with `internal: <reason>`").toEqual([]);
  });
});

describe("examples and schemas", () => {
  const endpoints = apiEndpoints().filter(isDocumented);

  it.each(endpoints.filter((e) => e.body?.examples).map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as [string, DocumentedEndpoint]))("%s: request examples parse with the handler's schema and match the JSON schema", (_name, endpoint) => {
    const op = doc.paths[endpoint.path][endpoint.method];
    for (const [key, example] of Object.entries(endpoint.body!.examples!)) {
      const parsed = endpoint.body!.schema.safeParse(example.value);
      expect(parsed.success, `${key}: ${parsed.error?.message}`).toBe(true);
      expect(jsonSchemaErrors(op.requestBody.content["application/json"].schema, example.value), key).toEqual([]);
    }
  });

  it.each(endpoints.filter((e) => e.success.examples && e.success.payload).map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as [string, DocumentedEndpoint]))("%s: response examples match the documented schema", (_name, endpoint) => {
    const op = doc.paths[endpoint.path][endpoint.method];
    for (const [key, example] of Object.entries(endpoint.success.examples!)) {
      const parsed = successSchema(endpoint.success.payload!).safeParse(example.value);
      expect(parsed.success, `${key}: ${parsed.error?.message}`).toBe(true);
      expect(jsonSchemaErrors(op.responses[String(endpoint.success.status)].content["application/json"].schema, example.value), key).toEqual([]);
    }
  });

  it("request-operator accepts the guide's body and refuses a bad priority, both in zod and in the JSON schema", () => {
    const schema = doc.paths["/api/chat/request-operator"].post.requestBody.content["application/json"].schema;
    const guide = { user_id: "test_user", user_email: "user@test.com", user_phone: "+393337654321", question: "Ho bisogno di aiuto con il mio account", priority: "medium" };
    expect(jsonSchemaErrors(schema, guide)).toEqual([]);
    expect(requestOperatorBody.safeParse(guide).success).toBe(true);
    const bad = { ...guide, priority: "critical" };
    expect(jsonSchemaErrors(schema, bad)).toEqual([expect.stringContaining("$.priority")]);
    expect(requestOperatorBody.safeParse(bad).success).toBe(false);
    expect(jsonSchemaErrors(schema, { question: "help" })).toEqual(["$.user_id: required"]);
    expect(resolve(schema).properties.priority.enum).toEqual([...PRIORITIES]);
  });

  it("request-operator answers one of three outcomes, told apart by type", () => {
    const ok = doc.paths["/api/chat/request-operator"].post.responses["200"].content["application/json"].schema;
    expect(ok.oneOf).toHaveLength(3);
    expect(ok.discriminator).toEqual({
      propertyName: "type",
      mapping: { operator_assigned: "#/components/schemas/OperatorAssigned", queue: "#/components/schemas/Queued", ticket_created: "#/components/schemas/TicketCreated" },
    });
    expect(jsonSchemaErrors(ok, { success: true, type: "queue", session_id: "s", position: 0, estimated_wait: 2, chat_url: "https://x" })).not.toEqual([]);
  });
});

describe("GET /api/openapi.json", () => {
  it("serves the document for this server, cacheable and readable from anywhere", async () => {
    const response = await call(GET, {});
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("max-age=");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.json.openapi).toBe("3.1.0");
    expect(response.json.servers).toEqual([{ url: appUrl() }]);
    expect(Object.keys(response.json.paths)).toEqual(Object.keys(doc.paths));
  });
});

describe("docs/api.md", () => {
  it("is up to date with the generator (run `npm run docs:api`)", () => {
    const current = readFileSync(path.resolve("docs/api.md"), "utf8");
    expect(current === renderApiDocs(doc), "docs/api.md is out of date: run `npm run docs:api`").toBe(true);
  });

  it("shows the guide's curl calls and the error codes table", () => {
    const markdown = renderApiDocs(doc);
    expect(markdown).toContain("curl -X POST https://your-app.onrender.com/api/chat/request-operator");
    expect(markdown).toContain('"question": "Ho bisogno di aiuto con il mio account"');
    expect(markdown).toContain("curl -X POST https://your-app.onrender.com/api/tickets");
    expect(markdown).toContain("curl https://your-app.onrender.com/health");
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(markdown).toContain(`| \`${code}\` | ${status} |`);
  });
});
