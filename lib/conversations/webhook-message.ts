import type { MessageView } from "@/lib/conversations/message-view";
import type { WebhookMessage } from "@/lib/schemas/webhooks";

/** A chat message as webhooks carry it. */
export function toWebhookMessage(m: MessageView): WebhookMessage {
  return { id: m.id, seq: m.seq, sender: m.sender, body: m.body, operator_name: m.operator_name ?? null, created_at: m.created_at };
}
