// The public shape of a message (API responses and the message.created event). Browser-safe.
export interface MessageView {
  id: string;
  seq: number;
  session_id: string | null;
  sender: "customer" | "operator" | "system" | "bot";
  body: string;
  channel: "web" | "whatsapp" | "email";
  operator_name?: string | null;
  delivery_status?: string | null;
  /**
   * WhatsApp attachments kept at Twilio: their content types, fetched by index through the media route. Files
   * attached in the web chat also have their id and name (GET /api/chat/attachments/{id}).
   */
  attachments?: { content_type: string | null; id?: string; name?: string; size?: number }[];
  created_at: string;
}

export interface MessageRow {
  id: string;
  seq: number;
  sessionId: string | null;
  sender: MessageView["sender"];
  body: string;
  channel: MessageView["channel"];
  deliveryStatus?: string | null;
  media?: unknown;
  createdAt: Date;
  operator?: { name: string } | null;
}

export function toMessageView(m: MessageRow): MessageView {
  return {
    id: m.id,
    seq: m.seq,
    session_id: m.sessionId,
    sender: m.sender,
    body: m.body,
    channel: m.channel,
    operator_name: m.operator?.name ?? null,
    delivery_status: m.deliveryStatus ?? null,
    ...(Array.isArray(m.media) && m.media.length > 0
      ? {
          attachments: (m.media as { content_type?: unknown; attachment_id?: unknown; name?: unknown; size?: unknown }[]).map((a) => ({
            content_type: typeof a?.content_type === "string" ? a.content_type : null,
            ...(typeof a?.attachment_id === "string" ? { id: a.attachment_id, name: String(a.name ?? ""), size: Number(a.size ?? 0) } : {}),
          })),
        }
      : {}),
    created_at: m.createdAt.toISOString(),
  };
}

/** Pusher refuses events over 10 KB: long bodies are cut in the event, and clients fetch the full text by seq. */
export const MAX_EVENT_BODY_CHARS = 4_000;

export function toMessageEvent(view: MessageView): MessageView & { truncated?: boolean } {
  if (view.body.length <= MAX_EVENT_BODY_CHARS) return view;
  return { ...view, body: view.body.slice(0, MAX_EVENT_BODY_CHARS), truncated: true };
}
