import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { anonymizeConversations } from "@/lib/privacy/anonymize-conversations";
import { getRetentionSettings } from "@/lib/privacy/retention-settings";
import { deleteAttachmentFiles } from "@/lib/privacy/delete-attachment-files";

const DAY_MS = 86_400_000;
const BATCH = 200;
const MAX_BATCHES = 50;

/**
 * Retention: removes the personal data of conversations closed, and tickets resolved or closed, more than the
 * configured number of days before `now` (nothing when the setting is "keep"). Batches of 200 rows, each its own
 * short transaction that skips rows another instance holds, so a large backlog never locks the desk; a run stops
 * after 50 batches and the next run goes on. A ticket born from a conversation goes with it only once both are
 * past the limit. Idempotent: anonymised rows are marked and not picked again.
 */
export async function applyRetention(now: Date): Promise<{ conversations: number; tickets: number; messages: number }> {
  const { closed_days: days } = await getRetentionSettings();
  const total = { conversations: 0, tickets: 0, messages: 0 };
  if (days === null) return total;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const { done, files } = await prisma.$transaction(
      async (tx) => {
        const sessions = await tx.$queryRaw<{ id: string }[]>`
          SELECT s.id FROM chat_sessions s
          WHERE s.anonymized_at IS NULL AND s.status IN ('closed', 'ticketed') AND s.closed_at < ${cutoff}::timestamp
            AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.session_id = s.id AND (t.status IN ('open', 'pending') OR coalesce(t.closed_at, t.resolved_at) >= ${cutoff}::timestamp))
          ORDER BY s.closed_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
        const tickets = await tx.$queryRaw<{ id: string }[]>`
          SELECT t.id FROM tickets t
          WHERE t.anonymized_at IS NULL AND t.status IN ('resolved', 'closed') AND coalesce(t.closed_at, t.resolved_at) < ${cutoff}::timestamp
            AND (t.session_id IS NULL OR EXISTS (SELECT 1 FROM chat_sessions s WHERE s.id = t.session_id AND s.closed_at < ${cutoff}::timestamp))
          ORDER BY coalesce(t.closed_at, t.resolved_at) LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
        if (sessions.length === 0 && tickets.length === 0) return { done: true, files: { mediaUrls: [], storedFiles: [] } };
        const { counts, mediaUrls, storedFiles } = await anonymizeConversations(tx, { sessionIds: sessions.map((s) => s.id), ticketIds: tickets.map((t) => t.id), identifiers: [] }, now);
        await recordAuditEvent(tx, SYSTEM_ACTOR, {
          action: "privacy.retention_applied",
          data: { closed_days: days, cutoff: cutoff.toISOString(), conversations: counts.conversations, tickets: counts.tickets, messages: counts.messages },
        });
        total.conversations += counts.conversations;
        total.tickets += counts.tickets;
        total.messages += counts.messages;
        return { done: sessions.length < BATCH && tickets.length < BATCH, files: { mediaUrls, storedFiles } };
      },
      { timeout: 60_000 },
    );
    await deleteAttachmentFiles(files);
    if (done) break;
  }
  if (total.conversations || total.tickets) logger.info({ ...total, closed_days: days }, "retention applied");
  return total;
}
