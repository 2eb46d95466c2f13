import "server-only";
import { PgBoss, type Queue, type SendOptions } from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

export interface QueueSpec {
  name: string;
  options?: Omit<Queue, "name">;
}

let shared: Promise<PgBoss> | undefined;
let adopted = false;
const createdQueues = new Set<string>();

async function startSender(): Promise<PgBoss> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  // A web instance only creates jobs: supervision (maintenance, expiry) and cron belong to the worker service, so
  // any number of web instances add no background load. It may still install pg-boss's schema if it runs first.
  const boss = new PgBoss({
    connectionString: url,
    max: 3,
    supervise: false,
    schedule: false,
    registerInstance: false,
    application_name: "sportello-web-jobs",
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();
  return boss;
}

/** The pg-boss instance this process sends jobs with: the worker's own when it runs here, else a sender-only one. */
export function getBoss(): Promise<PgBoss> {
  shared ??= startSender().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/** The worker hands over its started instance, so a process that runs the worker keeps one pool, not two. */
export function adoptBoss(boss: PgBoss): void {
  shared = Promise.resolve(boss);
  adopted = true;
}

/** Forgets the instance; stops it unless the worker owns it (the worker stops its own). */
export async function releaseBoss(): Promise<void> {
  const current = shared;
  shared = undefined;
  createdQueues.clear();
  if (current && !adopted) await (await current).stop({ graceful: false, timeout: 2_000 });
  adopted = false;
}

/** pg-boss refuses jobs for a queue that does not exist yet; creating one is idempotent, so once per process. */
export async function ensureQueue(boss: PgBoss, queue: QueueSpec): Promise<void> {
  if (createdQueues.has(queue.name)) return;
  await boss.createQueue(queue.name, queue.options ?? {});
  createdQueues.add(queue.name);
}

/** Sends one job; resolves to null when a singleton key or throttle slot already holds one. */
export async function sendJob(queue: QueueSpec, data: object, options: SendOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  await ensureQueue(boss, queue);
  return boss.send(queue.name, data, options);
}
