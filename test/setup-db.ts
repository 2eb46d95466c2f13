// Runs before each test file: clones the migrated template into a database of the file's own and points
// DATABASE_URL at it, before any module under test reads the environment.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const adminUrl = inject("pgAdminUrl");
const name = `test_${randomBytes(6).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE sportello_template`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123456789";
process.env.LOG_LEVEL ??= "silent";
process.env.SPORTELLO_PEER_SECRET ??= "test-peer-secret-0123456789";
process.env.ADMIN_API_KEY ??= "test-admin-key-0123456789abcdef0123456789";
process.env.TEST_DATABASE_NAME = name;

afterAll(async () => {
  const { disconnectPrisma } = await import("@/lib/db/client");
  await disconnectPrisma();
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await cleanup.end();
});
