import "server-only";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { adoptBoss, ensureQueue, releaseBoss } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/job-definition";

export interface RunningWorker {
  stop(): Promise<void>;
}

const STOP_TIMEOUT_MS = 20_000;
/** Ids a process holds in memory per job kind while its lanes are busy (beyond this they become pg-boss jobs). */
const NOTIFY_BACKLOG_LIMIT = 10_000;

/**
 * Holds one LISTEN connection and turns each NOTIFY on a definition's channel into a job. Losing the connection
 * loses no work: the definitions that use it also have a periodic sweep, and the listener reconnects.
 */
async function startNotifyListener(url: string, boss: PgBoss, definitions: JobDefinition[]): Promise<{ close(): Promise<void> }> {
  const byChannel = new Map(definitions.filter((d) => d.wakeOnNotify).map((d) => [d.wakeOnNotify!, d]));
  const running = new Map<string, number>();
  // Ids heard while every lane was busy wait here, in arrival order, and start the moment a lane frees: a burst is
  // worked through at full speed instead of through pg-boss's polling. Bounded; past the bound ids become jobs. The
  // rows stay the source of truth, so ids lost with the process are picked up by the definition's sweep.
  const backlog = new Map<string, string[]>();
  const runDirectly = (definition: JobDefinition, id: string): boolean => {
    const current = running.get(definition.name) ?? 0;
    if (current >= (definition.concurrency ?? 1)) {
      const waiting = backlog.get(definition.name) ?? [];
      if (waiting.length >= NOTIFY_BACKLOG_LIMIT) return false;
      waiting.push(id);
      backlog.set(definition.name, waiting);
      return true;
    }
    running.set(definition.name, current + 1);
    definition
      .handler({ id })
      .catch((error: unknown) => logger.warn({ err: error, job: definition.name }, "job run on NOTIFY failed; the sweep retries it"))
      .finally(() => {
        running.set(definition.name, (running.get(definition.name) ?? 1) - 1);
        const next = closed ? undefined : backlog.get(definition.name)?.shift();
        if (next !== undefined) runDirectly(definition, next);
      });
    return true;
  };
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed || byChannel.size === 0) return;
    const next = new pg.Client({ connectionString: url, application_name: "sportello-worker-listen" });
    client = next;
    next.on("notification", (message) => {
      const definition = byChannel.get(message.channel);
      if (!definition || !message.payload) return;
      if (definition.runOnNotify && !closed && runDirectly(definition, message.payload)) return;
      boss
        .send(definition.name, { id: message.payload }, { singletonKey: message.payload })
        .catch((error: unknown) => logger.warn({ err: error, job: definition.name }, "job from NOTIFY not sent"));
    });
    const reconnect = (error?: unknown) => {
      if (closed || client !== next) return;
      client = undefined;
      if (error) logger.warn({ err: error }, "job listener connection lost, reconnecting");
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), 2_000);
      retry.unref();
    };
    next.on("error", reconnect);
    next.on("end", () => reconnect());
    try {
      await next.connect();
      for (const channel of byChannel.keys()) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      reconnect(error);
    }
  };
  // Listening before startWorker resolves: work committed right after start is heard, not left to the sweep.
  await connect();

  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}

/**
 * Periodic jobs: every instance offers a throttled job twice per period and pg-boss keeps one per period slot, so the
 * job runs once per period however many instances there are. (pg-boss cron is minute-resolution; the outbox sweep
 * needs seconds.) A starting instance also runs each one once at once: whatever waited while workers were down
 * (notifications committed meanwhile) should not wait for the next slot.
 */
function startPeriodicJobs(boss: PgBoss, definitions: JobDefinition[]): () => void {
  const timers = definitions
    .filter((d) => d.everySeconds)
    .map((definition) => {
      const seconds = definition.everySeconds!;
      const warn = (error: unknown) => logger.warn({ err: error, job: definition.name }, "periodic job not sent");
      const offer = () => {
        boss.sendThrottled(definition.name, {}, null, seconds, definition.name).catch(warn);
      };
      boss.send(definition.name, {}).catch(warn);
      const timer = setInterval(offer, Math.max(500, (seconds * 1000) / 2));
      timer.unref();
      return timer;
    });
  return () => timers.forEach(clearInterval);
}

/**
 * The background worker: pg-boss on the app's PostgreSQL, a queue per job definition, periodic jobs, and NOTIFY
 * wake-ups. Safe to run in several instances at once. `stop()` lets running jobs finish (up to 20 s).
 */
export async function startWorker(definitions: JobDefinition[]): Promise<RunningWorker> {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the worker needs PostgreSQL");
  const boss = new PgBoss({
    connectionString: url,
    max: 10,
    useListenNotify: true,
    application_name: "sportello-worker",
    instanceName: "sportello-worker",
  });
  boss.on("error", (error: Error & { code?: string }) => {
    // The database stopping under the worker (Ctrl-C reaches the embedded PostgreSQL too, a managed database's
    // restart) is not a fault of ours: one line, not a stack. The error's own fields are named: pg's errors carry
    // their whole client object.
    // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (shutting down or starting up).
    if (error.code?.startsWith("57P")) logger.warn({ code: error.code }, "pg-boss: the database is shutting down");
    else logger.error({ err: { type: error.name, message: error.message, code: error.code, stack: error.stack } }, "pg-boss error");
  });
  boss.on("warning", (warning) => logger.warn({ warning: warning.message }, "pg-boss warning"));
  await boss.start({ attempts: 5 });

  for (const definition of definitions) {
    await ensureQueue(boss, { name: definition.name, options: { notify: true, ...definition.queue } });
    // NOTIFY wakes a worker the moment a job is created, but not when a deferred one (a retry) comes due, and a
    // burst of jobs wakes only one poller: a 1-second poll bounds both delays.
    const polling = { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1 };
    await boss.work(definition.name, { localConcurrency: definition.concurrency ?? 1, ...polling }, async (jobs) => {
      for (const job of jobs) await definition.handler((job.data ?? {}) as Record<string, unknown>);
    });
  }
  adoptBoss(boss);
  const listener = await startNotifyListener(url, boss, definitions);
  const stopPeriodic = startPeriodicJobs(boss, definitions);
  logger.info({ jobs: definitions.map((d) => d.name) }, "worker started");

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        stopPeriodic();
        await listener.close();
        await boss.stop({ graceful: true, timeout: STOP_TIMEOUT_MS });
        await releaseBoss();
        logger.info("worker stopped");
      })();
      return stopping;
    },
  };
}
