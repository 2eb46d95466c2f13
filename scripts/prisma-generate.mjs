// Runs `prisma generate` offline. The Prisma CLI insists on resolving its native schema engine first and downloads
// it from Prisma's servers when absent; generating the client never uses it, so a stub stands in for it
// (migrations go through the wasm engine instead, see lib/db/migrations.ts).
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = path.resolve("node_modules/.cache/sportello/schema-engine-stub");
  mkdirSync(path.dirname(stub), { recursive: true });
  writeFileSync(stub, "#!/bin/sh\nexit 0\n");
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const result = spawnSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
