import "server-only";
import { ApiError } from "@/lib/api/errors";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { emailVerifiedSql, phoneVerifiedSql } from "@/lib/contacts/contact-identity";
import { mergeContacts } from "@/lib/contacts/merge-contacts";
import { logger } from "@/lib/log/logger";

const BATCH = 100;

interface PairRow {
  into_id: string;
  from_id: string;
  via: string;
}

/**
 * A merged contact's user id still resolves to its row (lib/contacts/upsert-contact.ts finds contacts by user id):
 * what was opened there after the merge moves on to the contact that lives on.
 */
async function moveOffTombstones(): Promise<void> {
  await prisma.$executeRaw`UPDATE chat_sessions s SET contact_id = c.merged_into_id FROM contacts c WHERE s.contact_id = c.id AND c.merged_into_id IS NOT NULL`;
  await prisma.$executeRaw`UPDATE tickets t SET contact_id = c.merged_into_id FROM contacts c WHERE t.contact_id = c.id AND c.merged_into_id IS NOT NULL`;
}

/**
 * Merges contacts that share an identifier verified on both sides (the same verified email, or the same verified
 * phone) into the oldest of them. Never on unverified data: a shared but unverified email or phone only becomes a
 * suggestion for an admin. Idempotent and safe to run on several instances (each merge locks its two rows and
 * refuses an already merged contact).
 */
export async function autoMergeVerifiedContacts(): Promise<number> {
  await moveOffTombstones();
  const pairs = await prisma.$queryRaw<PairRow[]>`
    WITH live AS (SELECT * FROM contacts c WHERE c.merged_into_id IS NULL AND c.erased_at IS NULL),
    by_email AS (
      SELECT (array_agg(c.id ORDER BY c.created_at, c.id)) AS ids, 'email' AS via FROM live c
      WHERE c.email IS NOT NULL AND ${emailVerifiedSql("c")} GROUP BY lower(c.email) HAVING count(*) > 1
    ),
    by_phone AS (
      SELECT (array_agg(c.id ORDER BY c.created_at, c.id)) AS ids, 'phone' AS via FROM live c
      WHERE c.phone IS NOT NULL AND ${phoneVerifiedSql("c")} GROUP BY c.phone HAVING count(*) > 1
    )
    SELECT g.ids[1] AS into_id, other AS from_id, g.via
    FROM (SELECT * FROM by_email UNION ALL SELECT * FROM by_phone) g, unnest(g.ids[2:]) AS other
    LIMIT ${BATCH}`;
  let merged = 0;
  for (const pair of pairs) {
    try {
      await mergeContacts(pair.into_id, pair.from_id, SYSTEM_ACTOR, { automatic: true, via: pair.via });
      merged++;
    } catch (error) {
      // Another instance (or an admin) merged one side first, or both sides are chatting right now: the next run
      // sees the new state.
      if (error instanceof ApiError && (error.code === "INVALID_STATE" || error.code === "CONVERSATION_OPEN")) continue;
      throw error;
    }
  }
  if (merged) logger.info({ merged }, "contacts auto-merged on verified identifiers");
  return merged;
}
