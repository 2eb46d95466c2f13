import "server-only";
import type { JobDefinition } from "@/lib/jobs/job-definition";
import { deliverNotification } from "@/lib/notifications/deliver-notification";
import { DELIVER_QUEUE } from "@/lib/notifications/dispatch-notifications";
import { OUTBOX_NOTIFY_CHANNEL } from "@/lib/notifications/enqueue-notification";
import { sweepNotifications } from "@/lib/notifications/sweep-notifications";

/** The outbox's jobs: deliver one notification (woken by NOTIFY on commit), and sweep for due ones every 5 s. */
export const notificationJobs: JobDefinition[] = [
  {
    name: DELIVER_QUEUE.name,
    queue: DELIVER_QUEUE.options,
    concurrency: 4,
    wakeOnNotify: OUTBOX_NOTIFY_CHANNEL,
    handler: async (data) => {
      if (typeof data.id === "string") await deliverNotification(data.id);
    },
  },
  {
    name: "notifications.sweep",
    everySeconds: 5,
    queue: { retryLimit: 0, expireInSeconds: 60 },
    handler: async () => {
      await sweepNotifications();
    },
  },
];
