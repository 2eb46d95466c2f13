import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Actor } from "@/lib/auth/actor";

const MAX_TRANSCRIPT_MESSAGES = 1_000;
const MAX_TRANSCRIPTS_PER_SESSION = 3;

/**
 * Emails the chat's transcript (through the outbox) to the customer's address, or to the one they give. At most
 * three per session, so a session id cannot be used to mail-bomb an address.
 */
export async function requestTranscript(sessionId: string, actor: Actor, email?: string, locale: "it" | "en" = "it") {
  return prisma.$transaction(async (tx) => {
    const session = await tx.chatSession.findUnique({ where: { id: sessionId }, select: { id: true, contact: { select: { email: true } } } });
    if (!session) throw new ApiError("NOT_FOUND", "Session not found");
    const recipient = email ?? session.contact.email;
    if (!recipient) throw new ApiError("VALIDATION_ERROR", "No email address for this chat: give one", { details: [{ path: "email", message: "required" }] });
    const sent = await tx.notification.count({ where: { sessionId, kind: "transcript" } });
    if (sent >= MAX_TRANSCRIPTS_PER_SESSION) throw new ApiError("RATE_LIMITED", "This chat's transcript was already sent", { details: { limit: MAX_TRANSCRIPTS_PER_SESSION } });
    const messages = await tx.message.findMany({
      where: { sessionId },
      orderBy: { seq: "asc" },
      take: MAX_TRANSCRIPT_MESSAGES,
      select: { sender: true, body: true, createdAt: true, operator: { select: { name: true } } },
    });
    const id = await enqueueNotification(tx, {
      kind: "transcript",
      channel: "email",
      recipient,
      locale,
      sessionId,
      payload: { session_id: sessionId, messages: messages.map((m) => ({ sender: m.sender, body: m.body, created_at: m.createdAt.toISOString(), operator_name: m.operator?.name ?? null })) },
    });
    await recordAuditEvent(tx, actor, { action: "session.transcript_requested", targetType: "session", targetId: sessionId });
    return { notification_id: id, recipient, messages: messages.length };
  });
}
