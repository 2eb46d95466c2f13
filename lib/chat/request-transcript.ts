import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireSessionRole, type SessionCaller, sessionActor } from "@/lib/auth/customer-key";
import { verifiedEmail } from "@/lib/contacts/upsert-contact";
import type { Locale } from "@/lib/i18n/config";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

const MAX_TRANSCRIPT_MESSAGES = 1_000;
export const MAX_TRANSCRIPTS_PER_SESSION = 3;

/**
 * Emails the chat's transcript (through the outbox) to its customer: the address the chat was opened with, or the
 * contact's verified one; an address given in the request only when neither exists. At most three per session,
 * counted atomically, so neither a session nor parallel requests can mail-bomb anyone.
 */
export async function requestTranscript(sessionId: string, caller: SessionCaller, email?: string, locale: Locale = "it") {
  const actor = sessionActor(caller, sessionId);
  return prisma.$transaction(async (tx) => {
    const session = await tx.chatSession.findUnique({
      where: { id: sessionId },
      select: { id: true, operatorId: true, status: true, customerKeyHash: true, contactEmail: true, contact: { select: { email: true, emailVerifiedAt: true } } },
    });
    if (!session) throw new ApiError("NOT_FOUND", "Session not found");
    if (requireSessionRole(caller.principal, session, caller.customerKey) === "viewer") {
      throw new ApiError("FORBIDDEN", "Only the session's customer or its operator can ask for the transcript");
    }
    const onRecord = session.contactEmail ?? verifiedEmail(session.contact);
    if (onRecord && email && email.toLowerCase() !== onRecord.toLowerCase()) {
      throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
        details: [{ path: "email", message: "the transcript goes to the address the chat was opened with" }],
      });
    }
    const recipient = onRecord ?? email;
    if (!recipient) throw new ApiError("VALIDATION_ERROR", "No email address for this chat: give one", { details: [{ path: "email", message: "required" }] });
    // The counter and its check are one statement: of parallel requests, exactly three get through.
    const counted = await tx.$executeRaw`
      UPDATE chat_sessions SET transcripts_sent = transcripts_sent + 1 WHERE id = ${sessionId} AND transcripts_sent < ${MAX_TRANSCRIPTS_PER_SESSION}`;
    if (counted === 0) throw new ApiError("RATE_LIMITED", "This chat's transcript was already sent", { details: { limit: MAX_TRANSCRIPTS_PER_SESSION } });
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
      payload: { session_id: sessionId, time_zone: await deskTimeZone(), messages: messages.map((m) => ({ sender: m.sender, body: m.body, created_at: m.createdAt.toISOString(), operator_name: m.operator?.name ?? null })) },
    });
    await recordAuditEvent(tx, actor, { action: "session.transcript_requested", targetType: "session", targetId: sessionId });
    return { notification_id: id, recipient, messages: messages.length };
  });
}
