import "server-only";
import Pusher from "pusher";
import { env } from "@/lib/env";
import { enqueueAssignmentPushes } from "@/lib/realtime/enqueue-assignment-pushes";
import { logger } from "@/lib/log/logger";

import { checkRealtimePayload, type RealtimeEvent } from "@/lib/realtime/events";

export type { RealtimeEvent } from "@/lib/realtime/events";

let client: Pusher | null | undefined;

/** The server-side Pusher client: hosted Pusher, a self-hosted server, or the local one started by `npm start`. */
export function pusherServer(): Pusher | null {
  if (client !== undefined) return client;
  const e = env();
  if (!e.PUSHER_APP_ID || !e.PUSHER_KEY || !e.PUSHER_SECRET) {
    client = null;
    return client;
  }
  client = new Pusher({
    appId: e.PUSHER_APP_ID,
    key: e.PUSHER_KEY,
    secret: e.PUSHER_SECRET,
    ...(e.PUSHER_HOST
      ? { host: e.PUSHER_HOST, port: String(e.PUSHER_PORT ?? (e.PUSHER_USE_TLS ? 443 : 80)), useTLS: e.PUSHER_USE_TLS ?? false }
      : { cluster: e.PUSHER_CLUSTER, useTLS: e.PUSHER_USE_TLS ?? true }),
    timeout: 5_000,
  });
  return client;
}

const BATCH_SIZE = 10; // Pusher's batch_events limit.

/**
 * Publishes after the database commit. Pusher does not guarantee delivery, so a failure here is logged, not
 * thrown: clients recover missed messages from the API by sequence number.
 */
export async function publish(events: RealtimeEvent[]): Promise<void> {
  // Assignments also go to the operator's devices by Web Push (through the outbox), realtime configured or not.
  if (env().NODE_ENV === "test") {
    // Under test every payload is checked against the contract, so a drifting publisher fails its test.
    const problems = events.map(checkRealtimePayload).filter((problem) => problem !== null);
    if (problems.length > 0) throw new Error(`realtime payloads outside the contract: ${problems.join("; ")}`);
  }
  await enqueueAssignmentPushes(events).catch((error: unknown) => logger.warn({ err: error }, "assignment push not queued"));
  const pusher = pusherServer();
  if (!pusher || events.length === 0) return;
  const batches: RealtimeEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH_SIZE) batches.push(events.slice(i, i + BATCH_SIZE));
  await Promise.all(
    batches.map(async (batch) => {
      try {
        await pusher.triggerBatch(batch.map((e) => ({ channel: e.channel, name: e.name, data: e.data as object })));
      } catch (error) {
        logger.warn({ err: error, events: batch.map((e) => e.name) }, "realtime publish failed");
      }
    }),
  );
}
