// Renders the OpenAPI document as docs/api.md: one section per endpoint with its fields, examples (curl included)
// and errors. Deterministic, so a test can tell when docs/api.md is out of date.
import type { OpenApiDocument } from "@/lib/openapi/build-openapi";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonSchema = Record<string, any>;
type Row = { field: string; type: string; required: boolean; notes: string };

const MAX_DEPTH = 4;
const SAFE_INTEGER = 9007199254740991;

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n+/g, " ");
const anchor = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .trim()
    .replace(/ /g, "-");

class Renderer {
  constructor(private readonly doc: OpenApiDocument) {}

  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    for (let i = 0; current?.$ref && i < 10; i++) {
      const name = String(current.$ref).replace("#/components/schemas/", "");
      current = (this.doc.components.schemas as Record<string, JsonSchema>)[name];
    }
    return current ?? {};
  }

  refName(schema: JsonSchema): string | null {
    return typeof schema?.$ref === "string" ? schema.$ref.replace("#/components/schemas/", "") : null;
  }

  /** The non-null branch of `X | null`, and whether null was allowed. */
  unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
    const resolved = this.resolve(schema);
    const branches: JsonSchema[] | undefined = resolved.anyOf ?? resolved.oneOf;
    if (branches) {
      const rest = branches.filter((b) => b.type !== "null");
      if (rest.length === 1 && rest.length < branches.length) {
        return { schema: { ...this.resolve(rest[0]), ...(resolved.description ? { description: resolved.description } : {}) }, nullable: true };
      }
    }
    return { schema: resolved, nullable: false };
  }

  typeOf(schema: JsonSchema): string {
    const name = this.refName(schema);
    if (name) return code(name);
    const { schema: s, nullable } = this.unwrapNullable(schema);
    const named = this.refName((schema.anyOf ?? schema.oneOf ?? []).find((b: JsonSchema) => b.$ref) ?? {});
    if (named && nullable) return `${code(named)} or null`;
    let type: string;
    if (s.const !== undefined) type = code(JSON.stringify(s.const));
    else if (Array.isArray(s.enum)) type = s.enum.map((v: unknown) => code(JSON.stringify(v))).join(" | ");
    else if (s.anyOf || s.oneOf) type = (s.anyOf ?? s.oneOf).map((b: JsonSchema) => this.refName(b) ?? this.typeOf(b)).join(" or ");
    else if (s.type === "array" && Array.isArray(s.prefixItems)) type = `[${s.prefixItems.map((item: JsonSchema) => this.typeOf(item)).join(", ")}]`;
    else if (s.type === "array") type = `array of ${this.typeOf(s.items ?? {})}`;
    else if (s.type === "object") type = "object";
    else if (s.type === "string" && s.format) type = `string (${s.format})`;
    else if (Array.isArray(s.type)) type = s.type.join(" or ");
    else if (s.type) type = String(s.type);
    else type = "any JSON";
    return nullable ? `${type} or null` : type;
  }

  notes(schema: JsonSchema): string {
    const { schema: s } = this.unwrapNullable(schema);
    const parts: string[] = [];
    if (s.description) parts.push(s.description);
    if (s.minLength !== undefined && s.maxLength !== undefined) parts.push(`${s.minLength}–${s.maxLength} characters`);
    else if (s.maxLength !== undefined) parts.push(`at most ${s.maxLength} characters`);
    else if (s.minLength !== undefined && s.minLength > 0) parts.push(`at least ${s.minLength} characters`);
    const min = s.minimum ?? s.exclusiveMinimum;
    const max = s.maximum ?? s.exclusiveMaximum;
    if (min !== undefined && Math.abs(min) !== SAFE_INTEGER && max !== undefined && Math.abs(max) !== SAFE_INTEGER) parts.push(`${min}–${max}`);
    else if (min !== undefined && Math.abs(min) !== SAFE_INTEGER) parts.push(`≥ ${min}`);
    else if (max !== undefined && Math.abs(max) !== SAFE_INTEGER) parts.push(`≤ ${max}`);
    if (s.type === "array" && s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
    if (s.pattern && !s.format) parts.push(`pattern ${code(s.pattern)}`);
    if (s.default !== undefined) parts.push(`default ${code(JSON.stringify(s.default))}`);
    return parts.join("; ");
  }

  /** Field rows of an object schema, nested objects and arrays of objects flattened with dotted paths. */
  rows(schema: JsonSchema, prefix = "", depth = 0): Row[] {
    const { schema: s } = this.unwrapNullable(schema);
    if (s.type !== "object" || !s.properties || depth > MAX_DEPTH) return [];
    const required = new Set<string>(s.required ?? []);
    const rows: Row[] = [];
    for (const [name, property] of Object.entries<JsonSchema>(s.properties)) {
      const field = `${prefix}${name}`;
      rows.push({ field, type: this.typeOf(property), required: required.has(name), notes: this.notes(property) });
      const inner = this.unwrapNullable(property).schema;
      if (inner.type === "object") rows.push(...this.rows(inner, `${field}.`, depth + 1));
      if (inner.type === "array") rows.push(...this.rows(this.resolve(inner.items ?? {}), `${field}[].`, depth + 1));
    }
    return rows;
  }

  table(rows: Row[], withRequired: boolean): string[] {
    if (!rows.length) return [];
    const head = withRequired ? ["| field | type | required | notes |", "| --- | --- | --- | --- |"] : ["| field | type | notes |", "| --- | --- | --- |"];
    return [
      ...head,
      ...rows.map((r) =>
        withRequired ? `| ${code(r.field)} | ${cell(r.type)} | ${r.required ? "yes" : "no"} | ${cell(r.notes)} |` : `| ${code(r.field)} | ${cell(r.type)} | ${cell(r.notes)} |`,
      ),
    ];
  }

  json(value: unknown): string[] {
    return ["```json", JSON.stringify(value, null, 2), "```"];
  }

  curl(method: string, path: string, operation: JsonSchema, body: unknown): string[] {
    const server = this.doc.servers[0].url;
    const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} ${server}${path.replace(/\{(\w+)\}/g, ":$1")}`];
    if (operation["x-auth"] === "operator-session") lines.push(`  -H "Cookie: better-auth.session_token=$SPORTELLO_SESSION"`);
    else if (operation["x-auth"] !== "public") lines.push(`  -H "Authorization: Bearer $SPORTELLO_API_KEY"`);
    if (body !== undefined) {
      lines.push(`  -H "Content-Type: application/json"`);
      const json = JSON.stringify(body, null, 2).replace(/'/g, "'\\''").split("\n").join("\n    ");
      lines.push(`  -d '${json}'`);
    }
    return ["```sh", lines.join(" \\\n"), "```"];
  }

  /** What a success response carries, described in words plus one field table per schema. */
  payload(schema: JsonSchema | undefined): { summary: string; tables: string[] } {
    if (!schema) return { summary: "", tables: [] };
    const tables: string[] = [];
    const describe = (node: JsonSchema): string => {
      const name = this.refName(node);
      if (name) {
        tables.push("", `${code(name)}:`, "", ...this.table(this.rows(node), false));
        return code(name);
      }
      if (node.oneOf) {
        const names = node.oneOf.map((variant: JsonSchema) => describe(variant));
        return `one of ${names.join(", ")}${node.discriminator ? `, told apart by ${code(node.discriminator.propertyName)}` : ""}`;
      }
      if (node.type === "array") return `an array of ${describe(node.items)}`;
      return "a JSON object";
    };
    const data = schema.properties?.data;
    const summary = data && schema.properties?.success ? `\`{"success": true, "data": …}\` with \`data\` ${describe(data)}` : describe(schema);
    return { summary, tables };
  }

  operation(path: string, method: string, operation: JsonSchema): string[] {
    const out: string[] = [`### ${method.toUpperCase()} ${path}`, "", `${operation.summary}.`, ""];
    const auth: Record<string, string> = {
      public: "none (an API key raises the rate limit)",
      operator: "operator session or admin API key",
      supervisor: "supervisor or admin session, or admin API key",
      admin: "admin session or admin API key",
      "operator-session": "a signed-in operator's session (API keys act for no one)",
      "twilio-signature": "Twilio's X-Twilio-Signature over the webhook's public URL and form body",
    };
    const traits = [`**Auth:** ${auth[operation["x-auth"] as string]}`];
    const parameters: JsonSchema[] = operation.parameters ?? [];
    if (parameters.some((p) => p.$ref === "#/components/parameters/IdempotencyKey")) traits.push("**Idempotency-Key:** supported");
    if (operation["x-rate-limited"]) traits.push("**Rate limited**");
    out.push(traits.join(" · "), "");
    if (operation.description) out.push(operation.description, "");

    for (const where of ["path", "query"]) {
      const list = parameters.filter((p) => p.in === where);
      if (!list.length) continue;
      out.push(`**${where === "path" ? "Path" : "Query"} parameters**`, "");
      out.push(...this.table(list.map((p) => ({ field: p.name, type: this.typeOf(p.schema), required: Boolean(p.required), notes: [p.description, this.notes(p.schema)].filter(Boolean).join("; ") })), true), "");
    }

    const body = operation.requestBody?.content?.["application/json"];
    if (body) {
      const name = this.refName(body.schema);
      out.push(`**Request body**${name ? ` (${code(name)})` : ""}`, "", ...this.table(this.rows(body.schema), true), "");
      const examples = Object.values<{ summary: string; value: unknown }>(body.examples ?? {});
      examples.forEach((example, i) => {
        out.push(`*${example.summary}:*`, "", ...(i === 0 ? this.curl(method, path, operation, example.value) : this.json(example.value)), "");
      });
    }
    if (!body) out.push("*Example:*", "", ...this.curl(method, path, operation, undefined), "");

    out.push("**Responses**", "", "| status | meaning |", "| --- | --- |");
    const details: string[] = [];
    for (const [status, response] of Object.entries<JsonSchema>(operation.responses)) {
      const content = response.content?.["application/json"];
      const isError = content?.schema?.$ref === "#/components/schemas/Error";
      if (isError) {
        out.push(`| ${status} | ${cell(response.description)} |`);
        continue;
      }
      const payload = this.payload(content?.schema);
      out.push(`| ${status} | ${cell(response.description)}${payload.summary ? `: ${cell(payload.summary)}` : ""} |`);
      if (status.startsWith("2")) {
        details.push(...payload.tables);
        for (const example of Object.values<{ summary: string; value: unknown }>(content?.examples ?? {})) details.push("", `*${example.summary}:*`, "", ...this.json(example.value));
      }
    }
    out.push(...details, "");
    return out;
  }

  render(): string {
    const doc = this.doc;
    const byTag = new Map<string, string[]>();
    for (const [path, methods] of Object.entries<Record<string, JsonSchema>>(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const tag = operation.tags[0];
        byTag.set(tag, [...(byTag.get(tag) ?? []), ...this.operation(path, method, operation)]);
      }
    }
    const out: string[] = [
      `# ${doc.info.title}`,
      "",
      "<!-- Generated by `npm run docs:api` (scripts/generate-api-docs.ts) from the zod schemas. Do not edit by hand. -->",
      "",
      "The same contract, machine-readable: [`/api/openapi.json`](/api/openapi.json) (OpenAPI 3.1). Examples use the integration guide's host; replace it with your own.",
      "",
      doc.info.description,
      "",
      "## Contents",
      "",
      ...doc.tags.map((tag) => {
        const operations = Object.entries<Record<string, JsonSchema>>(doc.paths).flatMap(([path, methods]) =>
          Object.entries(methods)
            .filter(([, op]) => op.tags[0] === tag.name)
            .map(([method]) => `[${method.toUpperCase()} ${path}](#${anchor(`${method} ${path}`)})`),
        );
        return `- [${tag.name}](#${anchor(tag.name)}): ${operations.join(", ")}`;
      }),
      "- [Error codes](#error-codes)",
      "",
    ];
    for (const tag of doc.tags) out.push(`## ${tag.name}`, "", ...(byTag.get(tag.name) ?? []));
    out.push("## Error codes", "", "Every error answers `{\"success\": false, \"error\": {\"code\", \"message\", \"details\"?, \"request_id\"}}`.", "", "| code | HTTP status | meaning |", "| --- | --- | --- |");
    for (const e of doc["x-error-codes"]) out.push(`| ${code(e.code)} | ${e.status} | ${cell(e.description)} |`);
    return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
  }
}

export function renderApiDocs(doc: OpenApiDocument): string {
  return new Renderer(doc).render();
}
