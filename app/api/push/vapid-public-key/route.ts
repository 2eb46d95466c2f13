// GET /api/push/vapid-public-key – the application server key a browser subscribes with (operator)
import { ok, route } from "@/lib/route/handler";
import { getPushVapidPublicKey } from "@/lib/openapi/operators/operators-endpoints";
import { vapidKeys } from "@/lib/push/vapid-keys";

export const GET = route(getPushVapidPublicKey, async () => ok({ public_key: (await vapidKeys()).publicKey }));
