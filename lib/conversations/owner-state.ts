// Who owns a conversation, derived from the session's state (pure, browser-safe).
export const CONVERSATION_OWNERS = ["bot", "queued", "human", "closed", "ticket"] as const;
export type ConversationOwner = (typeof CONVERSATION_OWNERS)[number];

/** queued → the queue; active → its operator; handed back → the bot again; ticketed → the ticket; else closed. */
export function ownerOf(session: { status: string; handedBackAt?: Date | string | null }): ConversationOwner {
  switch (session.status) {
    case "queued":
      return "queued";
    case "active":
      return "human";
    case "ticketed":
      return "ticket";
    default:
      return session.handedBackAt ? "bot" : "closed";
  }
}
