import "server-only";
import { prisma } from "@/lib/db/client";
import { isSupervisor, type Principal } from "@/lib/auth/principal";
import { FLOOR_CHANNEL, PRESENCE_OPERATORS_CHANNEL, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import { sessionIdSchema } from "@/lib/schemas/common";
import { canView, secretMatches } from "@/lib/auth/customer-key";

export type ParsedChannel =
  | { kind: "session"; sessionId: string }
  | { kind: "session-staff"; sessionId: string }
  | { kind: "floor" }
  | { kind: "operator"; operatorId: string }
  | { kind: "queue" }
  | { kind: "presence-operators" }
  | { kind: "unknown" };

const SESSION_PREFIX = "private-session-";
const SESSION_STAFF_PREFIX = "presence-session-";
const OPERATOR_PREFIX = "private-operator-";
const OPERATOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseChannel(name: string): ParsedChannel {
  if (name === QUEUE_CHANNEL) return { kind: "queue" };
  if (name === PRESENCE_OPERATORS_CHANNEL) return { kind: "presence-operators" };
  if (name === FLOOR_CHANNEL) return { kind: "floor" };
  if (name.startsWith(SESSION_STAFF_PREFIX)) {
    const sessionId = name.slice(SESSION_STAFF_PREFIX.length);
    return sessionIdSchema.safeParse(sessionId).success ? { kind: "session-staff", sessionId } : { kind: "unknown" };
  }
  if (name.startsWith(SESSION_PREFIX)) {
    const sessionId = name.slice(SESSION_PREFIX.length);
    return sessionIdSchema.safeParse(sessionId).success ? { kind: "session", sessionId } : { kind: "unknown" };
  }
  if (name.startsWith(OPERATOR_PREFIX)) {
    const operatorId = name.slice(OPERATOR_PREFIX.length);
    return OPERATOR_ID.test(operatorId) ? { kind: "operator", operatorId } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

export interface PresenceMember {
  user_id: string;
  user_info: { name: string; role: "operator" | "admin" | "supervisor" };
}

export type ChannelAccess = { allowed: true; presence?: PresenceMember } | { allowed: false; reason: string };

export interface ChannelRequest {
  channel: ParsedChannel;
  principal: Principal | null;
  /** The customer's key (from POST /api/chat/sessions/{id}/claim), sent as the `session_key` auth parameter. */
  sessionKey?: string | null;
  /** The session behind a `private-session-` or `presence-session-` channel, or null when there is none. */
  session?: { operatorId: string | null; customerKeyHash: string | null; status: string } | null;
}

const deny = (reason: string): ChannelAccess => ({ allowed: false, reason });

/**
 * Who may subscribe to what (docs/realtime.md). Admins (signed-in or with an admin key) follow everything; an
 * operator follows the queue, their own channel and the sessions assigned to them; a supervisor also follows any
 * session (read-only) and the floor; a customer follows only the session whose key they hold, as for the session
 * API (the session id alone is not enough). A session's staff channel (presence-session-…, viewers, internal notes
 * and whispers) is for signed-in staff who may view the session, never for a customer's key.
 */
export function decideChannelAccess({ channel, principal, sessionKey, session }: ChannelRequest): ChannelAccess {
  const isAdmin = principal?.role === "admin";
  const operator = principal?.kind === "operator" ? principal : null;
  switch (channel.kind) {
    case "session": {
      if (!session) return deny("no such session");
      if (sessionKey) return secretMatches(sessionKey, session.customerKeyHash) ? { allowed: true } : deny("session key does not match the channel");
      if (isAdmin || isSupervisor(principal)) return { allowed: true };
      if (operator && session.operatorId === operator.operatorId) return { allowed: true };
      return deny(operator ? "session is not assigned to this operator" : "session key required");
    }
    case "session-staff":
      // Presence needs a person: an API key (or a customer's key) never joins.
      if (!operator) return deny("signed-in staff only");
      if (!session || !canView(principal, session)) return deny("session not viewable by this operator");
      return { allowed: true, presence: { user_id: operator.operatorId, user_info: { name: operator.name, role: operator.role } } };
    case "floor":
      return isSupervisor(principal) ? { allowed: true } : deny("supervisors and admins only");
    case "operator":
      if (isAdmin || operator?.operatorId === channel.operatorId) return { allowed: true };
      return deny("another operator's channel");
    case "queue":
      return isAdmin || operator ? { allowed: true } : deny("operators only");
    case "presence-operators":
      // Presence needs a person behind the membership: an API key is nobody's presence.
      if (!operator) return deny("signed-in operators only");
      return { allowed: true, presence: { user_id: operator.operatorId, user_info: { name: operator.name, role: operator.role } } };
    default:
      return deny("unknown channel");
  }
}

/** Loads what the decision needs (the session's assignee) and decides. */
export async function authorizeChannel(input: { channelName: string; principal: Principal | null; sessionKey?: string | null }): Promise<ChannelAccess> {
  const channel = parseChannel(input.channelName);
  const session =
    channel.kind === "session" || channel.kind === "session-staff"
      ? await prisma.chatSession.findUnique({ where: { id: channel.sessionId }, select: { operatorId: true, customerKeyHash: true, status: true } })
      : undefined;
  return decideChannelAccess({ channel, principal: input.principal, sessionKey: input.sessionKey, session });
}
