// Package entry for @sportello/client (the one barrel: what npm users import).
export { SportelloClient, parseRetryAfter } from "./client";
export type { CallOptions } from "./client";
export { ApiError, NetworkError, RateLimitError, SportelloError, TimeoutError, isSportelloError } from "./errors";
export type { ApiErrorInit, SportelloErrorKind } from "./errors";
export {
  DEFAULT_ANSWER_ABOVE,
  DEFAULT_ESCALATE_BELOW,
  decideEscalation,
  escalationMessage,
  quickReplies,
} from "./policy";
export type { EscalationDecision, EscalationThresholds, QuickReply } from "./policy";
export type * from "./types";
export { verifyWebhook, WebhookVerificationError } from "./webhooks";
export type { VerifyWebhookOptions, WebhookHeaders } from "./webhooks";
export { WEBHOOK_EVENT_TYPES } from "./webhook-types";
export type * from "./webhook-types";
