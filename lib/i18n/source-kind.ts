// Where a conversation or ticket came from, in the words people use: chatbot, web chat, WhatsApp, email, API, panel.
// The stored `source` is technical (the caller kind, or "api" for an anonymous call, whose metadata then says
// "customer-chat" when it is Sportello's own chat page); this maps both to one label key. Pure, shared by pages.

export const SOURCE_KINDS = ["chatbot", "web_chat", "whatsapp", "email", "api", "panel"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function sourceKind(source: string | null | undefined, context: { channel?: string | null; metadata?: unknown } = {}): SourceKind {
  const metadataSource = (context.metadata as { source?: unknown } | null | undefined)?.source;
  if (source === "customer-chat" || metadataSource === "customer-chat" || source === "web") return "web_chat";
  if (source === "whatsapp" || context.channel === "whatsapp") return "whatsapp";
  if (source === "email" || context.channel === "email") return "email";
  if (source === "chatbot") return "chatbot";
  if (source === "panel") return "panel";
  return "api";
}
