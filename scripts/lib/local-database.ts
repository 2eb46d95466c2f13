// For scripts run beside `npm start` on a laptop: reach the embedded database npm start uses, or start it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { preferredOrFreePort } from "@/scripts/lib/ports";

interface LocalDatabase {
  url: string;
  stop(): Promise<void>;
}

const portFile = (dataDir: string) => path.join(path.resolve(dataDir), "postgres-port");

/**
 * The embedded database's port is internal: `npm start` takes EMBEDDED_PG_PORT when free, else any free port, and
 * notes the one it took here so the scripts beside it find the running database.
 */
export function recordLocalDatabasePort(dataDir: string, port: number): void {
  writeFileSync(portFile(dataDir), String(port));
}

export async function localDatabase(dataDir: string, configuredPort: number): Promise<LocalDatabase> {
  const secretsFile = path.join(path.resolve(dataDir), "local-secrets.json");
  if (!existsSync(secretsFile)) throw new Error("No local database yet: run `npm start` once first.");
  const { postgresPassword } = JSON.parse(readFileSync(secretsFile, "utf8")) as { postgresPassword: string };
  const recorded = existsSync(portFile(dataDir)) ? Number(readFileSync(portFile(dataDir), "utf8").trim()) : NaN;
  const port = Number.isInteger(recorded) && recorded > 0 ? recorded : configuredPort;
  const url = `postgresql://postgres:${encodeURIComponent(postgresPassword)}@127.0.0.1:${port}/sportello`;
  // Loaded here: `npm start` imports this file only to record the port, before anything starts.
  const [{ default: pg }, { startEmbeddedPostgres }, { applyMigrations }] = await Promise.all([
    import("pg"),
    import("@/lib/db/embedded-postgres"),
    import("@/lib/db/migrations"),
  ]);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await probe.connect();
    await probe.end();
    return { url, stop: async () => undefined }; // npm start is running it
  } catch {
    const freePort = await preferredOrFreePort(configuredPort);
    const handle = await startEmbeddedPostgres({ dataDir: path.join(path.resolve(dataDir), "postgres"), port: freePort, database: "sportello", password: postgresPassword });
    await applyMigrations(handle.url);
    return { url: handle.url, stop: () => handle.stop() };
  }
}
