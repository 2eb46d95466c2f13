// The operators API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { operatorSchema, pushSubscriptionDeletedSchema, pushSubscriptionSavedSchema, setPasswordLinkSchema, vapidPublicKeySchema } from "@/lib/openapi/response-schemas";
import { createOperatorBody, onlineOperatorSchema, updateOperatorBody, updateSelfBody } from "@/lib/schemas/operators";
import { pushSubscriptionBody, pushUnsubscribeBody } from "@/lib/schemas/push";

const operatorParams = z.object({ id: z.string().min(1).max(100) });

export const postChatOperators = defineEndpoint({
  method: "post",
  path: "/api/chat/operators",
  tag: "Operators",
  summary: "Create an operator and send the invitation email",
  auth: "admin",
  body: {
    name: "CreateOperatorBody",
    schema: createOperatorBody,
    examples: { guide: { summary: "The integration guide's test operator", value: { name: "Test Operator", email: "operator@test.com", phone: "+393331234567", role: "operator" } } },
  },
  success: { status: 201, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
  errors: ["CONFLICT"],
});

export const getChatOperators = defineEndpoint({
  method: "get",
  path: "/api/chat/operators",
  tag: "Operators",
  summary: "All operators with their current load",
  auth: "admin",
  success: { status: 200, description: "The operators", payload: { kind: "data", list: true, name: "Operator", schema: operatorSchema } },
});

export const getChatOperatorsOnline = defineEndpoint({
  method: "get",
  path: "/api/chat/operators/online",
  tag: "Operators",
  summary: "Online operators and their free seats",
  auth: "operator",
  success: { status: 200, description: "Online operators", payload: { kind: "data", list: true, name: "OnlineOperator", schema: onlineOperatorSchema } },
});

export const getChatOperatorsMe = defineEndpoint({
  method: "get",
  path: "/api/chat/operators/me",
  tag: "Operators",
  summary: "The signed-in operator",
  auth: "operator-session",
  success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
});

export const patchChatOperatorsMe = defineEndpoint({
  method: "patch",
  path: "/api/chat/operators/me",
  tag: "Operators",
  summary: "Set one's own status (online, away, offline) and language",
  auth: "operator-session",
  body: { name: "UpdateSelfBody", schema: updateSelfBody, examples: { away: { summary: "Going away", value: { status: "away" } } } },
  success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
});

export const getChatOperatorsId = defineEndpoint({
  method: "get",
  path: "/api/chat/operators/{id}",
  tag: "Operators",
  summary: "One operator",
  auth: "admin",
  params: operatorParams,
  success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
});

export const patchChatOperatorsId = defineEndpoint({
  method: "patch",
  path: "/api/chat/operators/{id}",
  tag: "Operators",
  summary: "Change an operator: status, capacity, name, phone, role, active",
  auth: "admin",
  params: operatorParams,
  body: { name: "UpdateOperatorBody", schema: updateOperatorBody, examples: { capacity: { summary: "Five chats at once", value: { max_chats: 5 } } } },
  success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
  errors: ["INVALID_STATE"],
});

export const postChatOperatorsIdResendInvite = defineEndpoint({
  method: "post",
  path: "/api/chat/operators/{id}/resend-invite",
  tag: "Operators",
  summary: "Send the invite again: a fresh set-password link to the operator's own email (audited)",
  auth: "admin",
  params: operatorParams,
  success: { status: 200, description: "Where the link went", payload: { kind: "data", name: "SetPasswordLink", schema: setPasswordLinkSchema } },
  errors: ["INVALID_STATE"],
});

export const postChatOperatorsIdPasswordReset = defineEndpoint({
  method: "post",
  path: "/api/chat/operators/{id}/password-reset",
  tag: "Operators",
  summary: "Send a password-reset link to the operator's own email (audited)",
  auth: "admin",
  params: operatorParams,
  success: { status: 200, description: "Where the link went", payload: { kind: "data", name: "SetPasswordLink", schema: setPasswordLinkSchema } },
  errors: ["INVALID_STATE"],
});

export const getPushVapidPublicKey = defineEndpoint({
  method: "get",
  path: "/api/push/vapid-public-key",
  tag: "Operators",
  summary: "The VAPID public key browsers subscribe to Web Push with",
  auth: "operator",
  success: { status: 200, description: "The key", payload: { kind: "data", name: "VapidPublicKey", schema: vapidPublicKeySchema } },
});

export const postPushSubscriptions = defineEndpoint({
  method: "post",
  path: "/api/push/subscriptions",
  tag: "Operators",
  summary: "Opt this device in to Web Push notifications of new assignments (the signed-in operator)",
  auth: "operator-session",
  body: { name: "PushSubscriptionBody", schema: pushSubscriptionBody },
  success: { status: 201, description: "Stored", payload: { kind: "data", name: "PushSubscriptionSaved", schema: pushSubscriptionSavedSchema } },
  errors: ["FORBIDDEN"],
});

export const deletePushSubscriptions = defineEndpoint({
  method: "delete",
  path: "/api/push/subscriptions",
  tag: "Operators",
  summary: "Opt this device out of Web Push (only one's own subscription)",
  auth: "operator-session",
  body: { name: "PushUnsubscribeBody", schema: pushUnsubscribeBody },
  success: { status: 200, description: "Removed", payload: { kind: "data", name: "PushSubscriptionDeleted", schema: pushSubscriptionDeletedSchema } },
  errors: ["FORBIDDEN"],
});

export const postChatOperatorsMeHeartbeat = defineEndpoint({
  method: "post",
  path: "/api/chat/operators/me/heartbeat",
  internal: "the operator dashboard's presence heartbeat",
  auth: "operator-session",
});

/** In the order of the OpenAPI document. */
export const operatorsEndpoints = [
  postChatOperators,
  getChatOperators,
  getChatOperatorsOnline,
  getChatOperatorsMe,
  patchChatOperatorsMe,
  getChatOperatorsId,
  patchChatOperatorsId,
  postChatOperatorsIdResendInvite,
  postChatOperatorsIdPasswordReset,
  getPushVapidPublicKey,
  postPushSubscriptions,
  deletePushSubscriptions,
  postChatOperatorsMeHeartbeat,
];
