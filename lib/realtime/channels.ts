// Channel and event names: the public realtime contract (docs/realtime.md). Safe to import from the browser.
import type { RealtimeEventName } from "@/lib/realtime/events";

export const QUEUE_CHANNEL = "private-queue";
export const PRESENCE_OPERATORS_CHANNEL = "presence-operators";

export const sessionChannel = (sessionId: string) => `private-session-${sessionId}`;
export const operatorChannel = (operatorId: string) => `private-operator-${operatorId}`;
/** Staff only (never a customer): who is viewing a chat, and its internal notes and whispers. */
export const sessionStaffChannel = (sessionId: string) => `presence-session-${sessionId}`;
/** Supervisors and admins: something on the floor view changed (a message, a take-over). */
export const FLOOR_CHANNEL = "private-floor";

/** Short names for the server's events; their payloads are in lib/realtime/events.ts. */
export const EVENTS = {
  messageCreated: "message.created",
  sessionUpdated: "session.updated",
  messageRead: "message.read",
  queueUpdated: "queue.updated",
  sessionAssigned: "session.assigned",
  sessionUnassigned: "session.unassigned",
  operatorAlert: "operator.alert",
  operatorUpdated: "operator.updated",
  messageStatus: "message.status",
  noteCreated: "note.created",
  floorUpdated: "floor.updated",
} as const satisfies Record<string, RealtimeEventName>;
