// The OpenAPI 3.1 document of Sportello's public API, built from the same zod schemas the handlers parse with
// (z.toJSONSchema), so the contract cannot drift from the code. Served at /api/openapi.json and rendered to
// docs/api.md by scripts/generate-api-docs.ts.
import { z } from "zod";
import { isDocumented, type Auth, type DocumentedEndpoint, type Named, type Payload } from "@/lib/api/endpoint";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import { envSchema } from "@/lib/env";
import { apiEndpoints } from "@/lib/openapi/api-endpoints";
import { errorSchema } from "@/lib/openapi/response-schemas";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonSchema = Record<string, any>;

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_ERROR: "The body, query or a value in it is invalid: `details` lists `{ path, message }` per problem.",
  INVALID_JSON: "The body is not JSON (or not form data where accepted).",
  UNAUTHORIZED: "Authentication is required, or the API key is unknown or revoked.",
  INVALID_IDENTITY_TOKEN: "`identity_token` did not verify: `details.reason` says why (expired, bad_signature, origin_not_allowed, …). Retry without it to escalate unverified.",
  INVALID_SIGNATURE: "A webhook's signature (Twilio) does not match.",
  FORBIDDEN: "Signed in, but the role or the session does not allow this.",
  NOT_FOUND: "No such resource (or path parameter of the wrong form).",
  METHOD_NOT_ALLOWED: "The path exists but not with this method.",
  CONFLICT: "A unique value is taken, or a request with the same Idempotency-Key is still running.",
  IDEMPOTENCY_MISMATCH: "The Idempotency-Key was already used with a different body.",
  INVALID_STATE: "The resource's state does not allow this (e.g. writing to a closed chat).",
  HUMAN_OWNS_CONVERSATION: "A relayed bot message while an operator owns the conversation: the bot may speak again after a hand-back (`session.handed_back`).",
  CONVERSATION_OPEN:
    "An anonymous caller asked for an operator for a user id that already has an open conversation. Its id is never handed to an anonymous caller: a link to resume it was emailed to the address it was opened with (`details.resume_link_sent`). Chatbots that call with their API key get the open conversation back instead.",
  SESSION_CLAIMED: "The conversation is already open in another browser. `POST /api/chat/sessions/{id}/resume-link` emails its owner a link that moves it here.",
  LINK_EXPIRED: "The resume link has expired or was already used: ask for a new one.",
  PAYLOAD_TOO_LARGE: "The body is over 64 KB.",
  UNSUPPORTED_MEDIA_TYPE: "The body's content type is not accepted here (send `Content-Type: application/json`).",
  RATE_LIMITED: "Too many requests: wait `Retry-After` seconds (also in `details.retry_after`).",
  INTERNAL_ERROR: "Something failed on our side; it is logged with the `request_id`.",
  SERVICE_UNAVAILABLE: "A required dependency is down; retry later.",
};

function describeApi(endpoints: DocumentedEndpoint[]): string {
  const idempotent = endpoints.filter((e) => e.idempotency).map((e) => `\`${e.method.toUpperCase()} ${e.path}\``);
  const defaults = envSchema.parse({});
  return [
    "Sportello's HTTP API: the chatbot's one call that hands a conversation to a human (`POST /api/chat/request-operator`), the customer's chat session, tickets, operators, monitoring, the built-in FAQ bot and the admin's configuration. The integration guide's URLs, field names and answers are this contract.",
    "",
    "- **Format.** JSON in and out, UTF-8, bodies up to 64 KB. Resources answer `{\"success\": true, \"data\": …}`; the escalation answers flat, as the guide defines it: `{\"success\": true, \"type\": …}`.",
    "- **Errors.** One shape for every error: `{\"success\": false, \"error\": {\"code\", \"message\", \"details\"?, \"request_id\"}}`. Match on `code` (table below); `request_id` is also in the `X-Request-Id` header.",
    "- **Authentication.** Public endpoints need nothing. A chatbot may send `Authorization: Bearer spk_…` (an API key from the admin panel) to get its own rate limit. Operator and admin endpoints take a signed-in operator's session cookie or an admin API key.",
    `- **Retries.** ${idempotent.slice(0, -1).join(", ")} and ${idempotent.at(-1)} accept an \`Idempotency-Key\` header (up to 200 characters, remembered 24 hours per caller): a retry gets the first response back, with \`Idempotent-Replayed: true\`, instead of running twice. The same key with a different body is refused (422 \`IDEMPOTENCY_MISMATCH\`).`,
    `- **Rate limits.** Public writes are limited per client IP (${defaults.RATE_LIMIT_IP_PER_MINUTE}/min by default) and per \`user_id\` (${defaults.RATE_LIMIT_USER_PER_MINUTE}/min); an API key has its own budget (${defaults.RATE_LIMIT_API_KEY_PER_MINUTE}/min by default, settable per key). Over the limit: 429 \`RATE_LIMITED\` with \`Retry-After\` in seconds.`,
    "- **Signed identity.** Pages that embed the chat can vouch for a logged-in visitor with `identity_token`: a JWT signed with HS256 and the site's secret (registered under Embed), `exp` required and at most 24 hours away. Operators then see the email as verified; without a token it is shown as unverified.",
    "- **FAQ bot confidence.** The built-in bot ranks the knowledge base with MiniSearch (BM25 with fuzzy and prefix matching; question words weigh more than keywords). Confidence is the best entry's score divided by that entry's self score (its own question asked verbatim), square-rooted because MiniSearch multiplies scores by the number of matching words, capped at 1: 1 means the question was asked word for word, 0 that no word matched.",
    "- **Browsers.** Cross-origin calls are allowed from the origins in `ALLOWED_ORIGINS` (CORS), the same sites that may embed the chat.",
  ].join("\n");
}

function stripJsonSchemaHeader(schema: JsonSchema): JsonSchema {
  // Components live inside the OpenAPI document, whose dialect is JSON Schema 2020-12 already.
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

class SchemaRegistry {
  private readonly registry = z.registry<{ id: string }>();
  private readonly names = new Map<z.ZodType, string>();

  constructor(private readonly io: "input" | "output") {}

  add({ name, schema }: Named): JsonSchema {
    const existing = this.names.get(schema);
    if (existing && existing !== name) throw new Error(`${name}: the same schema is already documented as ${existing}`);
    if (!existing) {
      if ([...this.names.values()].includes(name)) throw new Error(`Two different schemas are named ${name}`);
      this.names.set(schema, name);
      this.registry.add(schema, { id: name });
    }
    return ref(name);
  }

  toComponents(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, { io: this.io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
    return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, stripJsonSchemaHeader(schema as JsonSchema)]));
  }
}

function parametersOf(schema: z.ZodObject | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const required = new Set<string>(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema;
    return { name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function payloadSchema(payload: Payload, outputs: SchemaRegistry): JsonSchema {
  const envelope = (data: JsonSchema) => ({ type: "object", required: ["success", "data"], properties: { success: { const: true }, data } });
  switch (payload.kind) {
    case "flat":
      return outputs.add(payload);
    case "data":
      return envelope(payload.list ? { type: "array", items: outputs.add(payload) } : outputs.add(payload));
    case "oneOf": {
      const variants = payload.variants.map((variant) => outputs.add(variant));
      const oneOf: JsonSchema = { oneOf: variants };
      if (payload.discriminator) {
        const mapping = Object.fromEntries(
          payload.variants.map((variant, i) => {
            const json = z.toJSONSchema(variant.schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
            return [json.properties[payload.discriminator!].const, variants[i].$ref];
          }),
        );
        oneOf.discriminator = { propertyName: payload.discriminator, mapping };
      }
      return payload.envelope ? envelope(oneOf) : oneOf;
    }
  }
}

/** The errors an endpoint can answer: those of its kind, plus its own. */
export function errorCodesOf(endpoint: DocumentedEndpoint): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (endpoint.body) ["VALIDATION_ERROR", "INVALID_JSON", "PAYLOAD_TOO_LARGE"].forEach((c) => codes.add(c as ErrorCode));
  if (endpoint.query) codes.add("VALIDATION_ERROR");
  codes.add("UNAUTHORIZED"); // also for an unknown API key on public endpoints
  if (endpoint.auth === "twilio-signature") ["INVALID_SIGNATURE", "SERVICE_UNAVAILABLE"].forEach((c) => codes.add(c as ErrorCode));
  else if (endpoint.auth !== "public") codes.add("FORBIDDEN");
  if (endpoint.params) codes.add("NOT_FOUND");
  if (endpoint.idempotency) ["CONFLICT", "IDEMPOTENCY_MISMATCH"].forEach((c) => codes.add(c as ErrorCode));
  if (endpoint.rateLimit) codes.add("RATE_LIMITED");
  for (const code of endpoint.errors ?? []) codes.add(code);
  codes.add("INTERNAL_ERROR");
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b));
}

function errorResponses(endpoint: DocumentedEndpoint): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(endpoint)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `\`${code}\``).join(", "),
        ...(status === 429 ? { headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } } } : {}),
        content: { "application/json": { schema: ref("Error") } },
      },
    ]),
  );
}

const SECURITY: Record<Auth, JsonSchema[]> = {
  public: [{}, { bearerAuth: [] }],
  operator: [{ operatorSession: [] }, { bearerAuth: [] }],
  supervisor: [{ operatorSession: [] }, { bearerAuth: [] }],
  admin: [{ operatorSession: [] }, { bearerAuth: [] }],
  "operator-session": [{ operatorSession: [] }],
  "twilio-signature": [{ twilioSignature: [] }],
};

function operationId(method: string, path: string): string {
  const words = path
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return [method, ...words].map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
}

export function buildOpenApiDocument(options: { serverUrl: string; endpoints?: DocumentedEndpoint[] }) {
  const endpoints = options.endpoints ?? apiEndpoints().filter(isDocumented);
  const inputs = new SchemaRegistry("input");
  const outputs = new SchemaRegistry("output");
  outputs.add({ name: "Error", schema: errorSchema });

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const endpoint of endpoints) {
    const parameters = [...parametersOf(endpoint.params, "path"), ...parametersOf(endpoint.query, "query")];
    if (endpoint.idempotency) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
    const success: JsonSchema = {
      description: endpoint.success.description,
      headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
      ...(endpoint.success.payload
        ? { content: { "application/json": { schema: payloadSchema(endpoint.success.payload, outputs), ...(endpoint.success.examples ? { examples: endpoint.success.examples } : {}) } } }
        : { content: { "application/json": { schema: { type: "object" } } } }),
    };
    const responses: Record<string, JsonSchema> = { [String(endpoint.success.status)]: success };
    for (const extra of endpoint.alsoReturns ?? []) responses[String(extra.status)] = { ...success, description: extra.description };
    Object.assign(responses, errorResponses(endpoint));

    for (const at of [{ path: endpoint.path, summary: endpoint.summary }, ...(endpoint.alsoAt ?? [])]) {
      paths[at.path] ??= {};
      paths[at.path][endpoint.method] = {
        operationId: operationId(endpoint.method, at.path),
        tags: [endpoint.tag],
        summary: at.summary,
        ...(endpoint.description ? { description: endpoint.description } : {}),
        "x-auth": endpoint.auth,
        ...(endpoint.rateLimit ? { "x-rate-limited": true } : {}),
        security: SECURITY[endpoint.auth],
        ...(parameters.length ? { parameters } : {}),
        ...(endpoint.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: inputs.add(endpoint.body), ...(endpoint.body.examples ? { examples: endpoint.body.examples } : {}) } },
              },
            }
          : {}),
        responses,
      };
    }
  }

  const tags = [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: { title: "Sportello API", version: "1.0.0", description: describeApi(endpoints), license: { name: "MIT", identifier: "MIT" } },
    servers: [{ url: options.serverUrl }],
    tags,
    paths,
    components: {
      schemas: { ...outputs.toComponents(), ...inputs.toComponents() },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key from the admin panel (`spk_…`), or the bootstrap ADMIN_API_KEY" },
        operatorSession: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "A signed-in operator's session (the dashboard and admin panel)" },
        twilioSignature: {
          type: "apiKey",
          in: "header",
          name: "X-Twilio-Signature",
          description:
            "Twilio's signature (HMAC-SHA1 with the account's auth token) over the webhook's public URL (TWILIO_WEBHOOK_URL, else APP_URL + /webhooks/whatsapp[/status]) and the form parameters; only Twilio's webhooks take it",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Makes the request safe to retry: the same key (per caller, 24 hours) returns the first response instead of running again",
          schema: { type: "string", maxLength: 200 },
        },
      },
      headers: {
        RetryAfter: { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 1 } },
        RequestId: { description: "The request's id, also in error bodies; quote it when reporting a problem", schema: { type: "string" } },
      },
    },
    "x-error-codes": (Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => ({ code, status: ERROR_STATUS[code], description: ERROR_DESCRIPTIONS[code] })),
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
