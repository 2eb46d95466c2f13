import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { resolveContactId } from "@/lib/contacts/get-contact";
import { anonymizeConversations, type AnonymizeCounts } from "@/lib/privacy/anonymize-conversations";
import { deleteAttachmentFiles } from "@/lib/privacy/delete-attachment-files";

// Shorter names would match unrelated text ("Al" in "already"): they are still removed from the contact row.
const MIN_NAME_MATCH = 4;

export interface EraseResult {
  contact_id: string;
  erased_at: string;
  removed: AnonymizeCounts & { contacts: number; contact_notes: number };
  /** Attachment files deleted after the erase committed (WhatsApp media at Twilio, S3 objects), and those that could not be. */
  attachment_files: { deleted: number; failed: number };
}

/** The strings that identify a person across tables: emails, phones, names and chatbot user ids. */
export function identifiersOf(contacts: { userId: string; email: string | null; phone: string | null; name: string | null }[]): string[] {
  const values = contacts.flatMap((c) => [c.userId, c.email, c.phone, c.name && c.name.trim().length >= MIN_NAME_MATCH ? c.name.trim() : null]);
  return [...new Set(values.filter((v): v is string => !!v && v.length >= MIN_NAME_MATCH))];
}

/**
 * Erases one person: their contact (and every contact merged into it) keeps its row and its links, so conversation,
 * ticket and response-time figures stay right, but loses name, email, phone and user id; every message text and
 * attachment of their conversations and tickets, notes, notification recipients and payloads, outbox copies,
 * personal details in audit entries, cached responses and counters that name them are removed. One transaction,
 * audited without personal data. Erasing twice is harmless.
 */
export async function eraseContact(id: string, actor: Actor, now = new Date()): Promise<EraseResult> {
  const contactId = await resolveContactId(id);
  const { result, files } = await prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM contacts WHERE id = ${contactId} OR merged_into_id = ${contactId} ORDER BY id FOR UPDATE`;
      const people = await tx.contact.findMany({
        where: { OR: [{ id: contactId }, { mergedIntoId: contactId }] },
        select: { id: true, userId: true, email: true, phone: true, name: true },
      });
      if (people.length === 0) throw new ApiError("NOT_FOUND", "Contact not found");
      const contactIds = people.map((p) => p.id);
      const [sessions, tickets] = await Promise.all([
        tx.chatSession.findMany({ where: { contactId: { in: contactIds } }, select: { id: true } }),
        tx.ticket.findMany({ where: { contactId: { in: contactIds } }, select: { id: true } }),
      ]);
      const { counts, mediaUrls, storedFiles } = await anonymizeConversations(
        tx,
        { sessionIds: sessions.map((s) => s.id), ticketIds: tickets.map((t) => t.id), identifiers: identifiersOf(people) },
        now,
      );
      const { count: contactNotes } = await tx.contactNote.deleteMany({ where: { contactId: { in: contactIds } } });
      // Customer actors recorded by contact id stay as they are; the rows below no longer say who that was.
      for (const person of people) {
        await tx.contact.update({
          where: { id: person.id },
          data: { userId: `erased:${person.id}`, name: null, email: null, phone: null, emailVerifiedAt: null, emailVerifiedVia: null, phoneVerifiedAt: null, phoneVerifiedVia: null, lastWhatsappInboundAt: null, erasedAt: now },
        });
      }
      const removed = { ...counts, contacts: people.length, contact_notes: contactNotes };
      await recordAuditEvent(tx, actor, { action: "contact.erased", targetType: "contact", targetId: contactId, data: { removed } });
      return { result: { contact_id: contactId, erased_at: now.toISOString(), removed }, files: { mediaUrls, storedFiles } };
    },
    { timeout: 60_000 },
  );
  return { ...result, attachment_files: await deleteAttachmentFiles(files) };
}
