// POST /api/push/subscriptions – opt this device in to Web Push for assignments; DELETE – opt it out (operator)
import { ok, route } from "@/lib/route/handler";
import { deletePushSubscriptions, postPushSubscriptions } from "@/lib/openapi/operators/operators-endpoints";
import { deletePushSubscription, savePushSubscription } from "@/lib/push/manage-push-subscriptions";

export const POST = route(postPushSubscriptions, async ({ body, caller, request }) =>
  ok(await savePushSubscription(caller.operatorId, body, request.headers.get("user-agent")), 201),
);

export const DELETE = route(deletePushSubscriptions, async ({ body, caller }) =>
  ok(await deletePushSubscription(caller.operatorId, body.endpoint)),
);
