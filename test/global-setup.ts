// Vitest global setup: one throwaway embedded PostgreSQL for the run (or TEST_DATABASE_URL's server), with a
// migrated template database that every test file clones (test/setup-db.ts), so files run in parallel in isolation.
import { chmodSync, mkdtempSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { findFreePort } from "@/scripts/lib/ports";

export const TEMPLATE_DB = "sportello_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let handle: EmbeddedPostgresHandle | undefined;
  let scratch: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    mkdirSync(".test-data", { recursive: true });
    scratch = mkdtempSync(path.resolve(".test-data/pg-"));
    // mkdtemp makes the folder owner-only; as root, PostgreSQL runs as the postgres user and must get in.
    chmodSync(scratch, 0o755);
    handle = await startEmbeddedPostgres({
      dataDir: path.join(scratch, "data"),
      port: await findFreePort(),
      database: TEMPLATE_DB,
      persistent: false,
    });
    adminUrl = handle.adminUrl;
  } else {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await applyMigrations(templateUrl.toString());
  project.provide("pgAdminUrl", adminUrl);

  return async () => {
    await handle?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
}
