import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { identityFill } from "@/lib/contacts/contact-identity";

const mergeSelect = {
  id: true,
  userId: true,
  name: true,
  email: true,
  phone: true,
  emailVerifiedAt: true,
  emailVerifiedVia: true,
  phoneVerifiedAt: true,
  phoneVerifiedVia: true,
  lastWhatsappInboundAt: true,
  mergedIntoId: true,
  erasedAt: true,
} satisfies Prisma.ContactSelect;
type MergeContact = Prisma.ContactGetPayload<{ select: typeof mergeSelect }>;

export interface MergePlan {
  into: { id: string; user_id: string; name: string | null; email: string | null; phone: string | null };
  from: { id: string; user_id: string; name: string | null; email: string | null; phone: string | null };
  moves: { conversations: number; tickets: number; notes: number; merged_contacts: number };
  /** Identifiers `into` lacks and takes from `from`. */
  fills: string[];
  /** Queued or live chats on each side: when both have one the merge is refused until one of them ends. */
  open_chats: { into: string[]; from: string[] };
}

const summary = (c: MergeContact) => ({ id: c.id, user_id: c.userId, name: c.name, email: c.email, phone: c.phone });

async function loadPair(db: Tx | typeof prisma, intoId: string, fromId: string, lock: boolean) {
  if (intoId === fromId) throw new ApiError("VALIDATION_ERROR", "into and from must differ");
  // Row locks in id order: two merges of the same pair (or a merge and an erase) serialise instead of deadlocking.
  if (lock) await db.$queryRaw`SELECT id FROM contacts WHERE id IN (${intoId}, ${fromId}) ORDER BY id FOR UPDATE`;
  const rows = await db.contact.findMany({ where: { id: { in: [intoId, fromId] } }, select: mergeSelect });
  const into = rows.find((r) => r.id === intoId);
  const from = rows.find((r) => r.id === fromId);
  if (!into || !from) throw new ApiError("NOT_FOUND", "Contact not found");
  for (const c of [into, from]) {
    if (c.mergedIntoId) throw new ApiError("INVALID_STATE", `Contact ${c.id} was already merged into ${c.mergedIntoId}`);
    if (c.erasedAt) throw new ApiError("INVALID_STATE", `Contact ${c.id} was erased`);
  }
  return { into, from };
}

async function plan(db: Tx | typeof prisma, into: MergeContact, from: MergeContact): Promise<MergePlan> {
  const [conversations, tickets, notes, mergedContacts, open] = await Promise.all([
    db.chatSession.count({ where: { contactId: from.id } }),
    db.ticket.count({ where: { contactId: from.id } }),
    db.contactNote.count({ where: { contactId: from.id } }),
    db.contact.count({ where: { mergedIntoId: from.id } }),
    db.chatSession.findMany({ where: { contactId: { in: [into.id, from.id] }, status: { in: ["queued", "active"] } }, select: { id: true, contactId: true }, orderBy: { id: "asc" } }),
  ]);
  return {
    into: summary(into),
    from: summary(from),
    moves: { conversations, tickets, notes, merged_contacts: mergedContacts },
    fills: Object.keys(identityFill(into, from)).filter((k) => ["name", "email", "phone"].includes(k)),
    open_chats: { into: open.filter((s) => s.contactId === into.id).map((s) => s.id), from: open.filter((s) => s.contactId === from.id).map((s) => s.id) },
  };
}

/**
 * One person, one open chat: a customer who is chatting on two channels at once (the web page and WhatsApp, say)
 * keeps both conversations until one ends, rather than have a live chat closed under them or end up with two open
 * chats the next escalation and WhatsApp message would have to pick between. The auto-merge job retries later.
 */
function refuseTwoOpenChats(result: MergePlan): void {
  if (result.open_chats.into.length === 0 || result.open_chats.from.length === 0) return;
  throw new ApiError("CONVERSATION_OPEN", "Both contacts have an open chat: merge them once one of the chats has ended", {
    details: { open_chats: result.open_chats },
  });
}

/** What merging `from` into `into` would move, without changing anything. */
export async function previewMerge(intoId: string, fromId: string): Promise<MergePlan> {
  const { into, from } = await loadPair(prisma, intoId, fromId, false);
  return plan(prisma, into, from);
}

/**
 * Moves `from`'s conversations, tickets and notes to `into`, fills identifiers `into` lacks, and leaves `from` as a
 * tombstone pointing at `into` (its user id keeps resolving there). One transaction, audited. Whether a merge is
 * allowed is the caller's rule: an admin's manual choice, or auto-merge on identifiers verified on both sides.
 */
export async function mergeContacts(intoId: string, fromId: string, actor: Actor, options: { automatic?: boolean; via?: string } = {}): Promise<MergePlan> {
  return prisma.$transaction(async (tx) => {
    const { into, from } = await loadPair(tx, intoId, fromId, true);
    const result = await plan(tx, into, from);
    refuseTwoOpenChats(result);
    const fill = identityFill(into, from);
    await tx.chatSession.updateMany({ where: { contactId: from.id }, data: { contactId: into.id } });
    await tx.ticket.updateMany({ where: { contactId: from.id }, data: { contactId: into.id } });
    await tx.contactNote.updateMany({ where: { contactId: from.id }, data: { contactId: into.id } });
    await tx.contact.updateMany({ where: { mergedIntoId: from.id }, data: { mergedIntoId: into.id } });
    const lastInbound = [into.lastWhatsappInboundAt, from.lastWhatsappInboundAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    await tx.contact.update({ where: { id: into.id }, data: { ...fill, lastWhatsappInboundAt: lastInbound ?? null } });
    await tx.contact.update({ where: { id: from.id }, data: { mergedIntoId: into.id, mergedAt: new Date() } });
    await recordAuditEvent(tx, actor, {
      action: options.automatic ? "contact.auto_merged" : "contact.merged",
      targetType: "contact",
      targetId: into.id,
      data: { from: from.id, moves: result.moves, fills: result.fills, ...(options.via ? { via: options.via } : {}) },
    });
    return result;
  });
}
