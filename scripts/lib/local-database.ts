// For scripts run beside `npm start` on a laptop: reach the embedded database npm start uses, or start it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";

interface LocalDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function localDatabase(dataDir: string, port: number): Promise<LocalDatabase> {
  const secretsFile = path.join(path.resolve(dataDir), "local-secrets.json");
  if (!existsSync(secretsFile)) throw new Error("No local database yet: run `npm start` once first.");
  const { postgresPassword } = JSON.parse(readFileSync(secretsFile, "utf8")) as { postgresPassword: string };
  const url = `postgresql://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${port}/sportello`;
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await probe.connect();
    await probe.end();
    return { url, stop: async () => undefined }; // npm start is running it
  } catch {
    const handle = await startEmbeddedPostgres({ dataDir: path.join(path.resolve(dataDir), "postgres"), port, database: "sportello", password: postgresPassword });
    await applyMigrations(handle.url);
    return { url: handle.url, stop: () => handle.stop() };
  }
}
