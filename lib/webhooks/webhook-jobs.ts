import "server-only";
import type { JobDefinition } from "@/lib/jobs/job-definition";
import { WEBHOOK_DELIVER_QUEUE } from "@/lib/webhooks/dispatch-webhook-deliveries";
import { WEBHOOK_NOTIFY_CHANNEL } from "@/lib/webhooks/emit-webhook-event";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { sweepWebhookDeliveries } from "@/lib/webhooks/sweep-webhook-deliveries";

/** Outbound webhooks: deliver one (woken by NOTIFY on commit), and sweep for due and stuck ones every 5 s. */
export const webhookJobs: JobDefinition[] = [
  {
    name: WEBHOOK_DELIVER_QUEUE.name,
    queue: WEBHOOK_DELIVER_QUEUE.options,
    // Mostly waiting on the receiver: 32 lanes (more than the conversations a desk writes to at once), each holding a pooled connection only for its two statements.
    concurrency: 32,
    wakeOnNotify: WEBHOOK_NOTIFY_CHANNEL,
    // The first attempt goes out the moment the event commits; retries and anything missed go through the queue.
    runOnNotify: true,
    handler: async (data) => {
      if (typeof data.id === "string") await deliverWebhook(data.id);
    },
  },
  {
    name: "webhooks.sweep",
    everySeconds: 5,
    queue: { retryLimit: 0, expireInSeconds: 60 },
    handler: async () => {
      await sweepWebhookDeliveries();
    },
  },
];
