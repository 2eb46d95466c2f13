// npm run docs:api – writes docs/api.md from the OpenAPI document built from the zod schemas (also served at
// /api/openapi.json). `--check` exits 1 when docs/api.md is out of date instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { DOCS_SERVER_URL } from "@/lib/openapi/examples";
import { renderApiDocs } from "@/lib/openapi/render-api-docs";

const target = path.resolve("docs/api.md");
const markdown = renderApiDocs(buildOpenApiDocument({ serverUrl: DOCS_SERVER_URL }));

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as out of date
  }
  if (current !== markdown) {
    console.error("docs/api.md is out of date: run `npm run docs:api`.");
    process.exit(1);
  }
  console.log("docs/api.md is up to date.");
} else {
  writeFileSync(target, markdown);
  console.log(`Wrote ${path.relative(process.cwd(), target)} (${markdown.length} characters).`);
}
