// POST /api/push/subscriptions – opt this device in to Web Push for assignments; DELETE – opt it out (operator)
import { ApiError } from "@/lib/api/errors";
import { ok, route } from "@/lib/api/handler";
import { deletePushSubscriptions, postPushSubscriptions } from "@/lib/openapi/operators/operators-endpoints";
import { deletePushSubscription, savePushSubscription } from "@/lib/push/manage-push-subscriptions";

// Devices belong to a person: an admin API key has no device to notify.
function operatorIdOf(principal: { kind: string; operatorId?: string } | null): string {
  if (principal?.kind !== "operator" || !principal.operatorId) throw new ApiError("FORBIDDEN", "Sign in as an operator to enable notifications on this device");
  return principal.operatorId;
}

export const POST = route(postPushSubscriptions, async ({ body, principal, request }) =>
  ok(await savePushSubscription(operatorIdOf(principal), body, request.headers.get("user-agent")), 201),
);

export const DELETE = route(deletePushSubscriptions, async ({ body, principal }) =>
  ok(await deletePushSubscription(operatorIdOf(principal), body.endpoint)),
);
