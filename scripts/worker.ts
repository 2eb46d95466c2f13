// npm run worker: the background worker on its own (Render's worker service; the web service then runs with
// RUN_WORKER=false). Migrations are applied by the web service's preDeployCommand (npm run db:migrate).
import { parseEnv } from "@/lib/env";

// Fails at boot naming a bad variable, before anything connects.
const config = parseEnv(process.env);
if (!config.DATABASE_URL) {
  console.error("[sportello-worker] DATABASE_URL is not set: the worker needs the app's PostgreSQL.");
  process.exit(2);
}

const { startWorker } = await import("@/lib/jobs/worker");
const { jobDefinitions } = await import("@/lib/job-definitions");
const { disconnectPrisma } = await import("@/lib/db/client");
const worker = await startWorker(jobDefinitions);
console.log("[sportello-worker] running");

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Render sends SIGTERM and waits 30 s: running jobs get 20 of them to finish.
  await worker.stop().catch((error: unknown) => console.error(error));
  await disconnectPrisma();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
