// Web Push contracts: a browser's PushSubscription as the dashboard sends it (PushSubscription.toJSON()). Browser-safe.
import { z } from "zod";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url");

export const pushSubscriptionBody = z.object({
  endpoint: z.url().max(2048),
  expirationTime: z.number().nullish(),
  keys: z.object({ p256dh: base64url.min(80).max(100), auth: base64url.min(16).max(40) }),
});

export const pushUnsubscribeBody = z.object({ endpoint: z.url().max(2048) });

export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBody>;
