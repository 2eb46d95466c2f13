import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { verificationOf } from "@/lib/contacts/contact-identity";
import { contactVisible, type Viewer } from "@/lib/search/visibility";

const MAX_MERGE_HOPS = 10;

/** The contact that lives on: a merged tombstone's id leads to the contact it was merged into. */
export async function resolveContactId(id: string): Promise<string> {
  let current = id;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const row = await prisma.contact.findUnique({ where: { id: current }, select: { mergedIntoId: true } });
    if (!row) throw new ApiError("NOT_FOUND", "Contact not found");
    if (!row.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

/** 404 (not 403) for a contact the viewer may not see: its existence is not theirs to learn either. */
export async function assertContactVisible(id: string, viewer: Viewer): Promise<void> {
  const rows = await prisma.$queryRaw<{ ok: boolean }[]>`SELECT TRUE AS ok FROM contacts c WHERE c.id = ${id} AND ${contactVisible(viewer)}`;
  if (rows.length === 0) throw new ApiError("NOT_FOUND", "Contact not found");
}

export type ContactTimelineItem =
  | {
      type: "conversation";
      id: string;
      at: string;
      channel: string;
      status: string;
      question: string;
      operator: { id: string; name: string } | null;
      closed_at: string | null;
      message_count: number;
      ticket_number: number | null;
    }
  | {
      type: "ticket";
      id: string;
      at: string;
      number: number;
      channel: string;
      status: string;
      question: string;
      assignee: { id: string; name: string } | null;
      closed_at: string | null;
      message_count: number;
    };

/**
 * A contact's profile and one timeline of every conversation and ticket across web, WhatsApp and email, newest
 * first, with internal notes about the person. Anyone who may see one of the contact's conversations or tickets
 * sees the whole history: it is what the operator serving the customer needs.
 */
export async function getContact(id: string, viewer: Viewer) {
  const contactId = await resolveContactId(id);
  await assertContactVisible(contactId, viewer);
  const contact = await prisma.contact.findUniqueOrThrow({
    where: { id: contactId },
    include: {
      mergedFrom: { select: { id: true, mergedAt: true } },
      notes: { orderBy: { createdAt: "desc" }, include: { author: { select: { id: true, name: true } } } },
    },
  });
  // Conversations opened under a merged contact's user id after the merge land on the tombstone until the
  // auto-merge job moves them: the timeline shows them already.
  const owners = [contact.id, ...contact.mergedFrom.map((m) => m.id)];
  const [sessions, tickets] = await Promise.all([
    prisma.chatSession.findMany({
      where: { contactId: { in: owners } },
      orderBy: { createdAt: "desc" },
      include: { operator: { select: { id: true, name: true } }, ticket: { select: { number: true } }, _count: { select: { messages: true } } },
    }),
    prisma.ticket.findMany({
      where: { contactId: { in: owners } },
      orderBy: { createdAt: "desc" },
      include: { assignee: { select: { id: true, name: true } }, _count: { select: { messages: true } } },
    }),
  ]);
  const timeline: ContactTimelineItem[] = [
    ...sessions.map((s) => ({
      type: "conversation" as const,
      id: s.id,
      at: s.createdAt.toISOString(),
      channel: s.channel,
      status: s.status,
      question: s.question,
      operator: s.operator,
      closed_at: s.closedAt?.toISOString() ?? null,
      message_count: s._count.messages,
      ticket_number: s.ticket?.number ?? null,
    })),
    ...tickets.map((t) => ({
      type: "ticket" as const,
      id: t.id,
      at: t.createdAt.toISOString(),
      number: t.number,
      channel: t.channel,
      status: t.status,
      question: t.question,
      assignee: t.assignee,
      closed_at: t.closedAt?.toISOString() ?? null,
      message_count: t._count.messages,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));

  return {
    id: contact.id,
    requested_id: id,
    user_id: contact.userId,
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    ...verificationOf(contact),
    channels: [...new Set(timeline.map((item) => item.channel))].sort(),
    created_at: contact.createdAt.toISOString(),
    erased_at: contact.erasedAt?.toISOString() ?? null,
    merged_from: contact.mergedFrom.map((m) => ({ id: m.id, merged_at: m.mergedAt?.toISOString() ?? null })),
    notes: contact.notes.map((n) => ({ id: n.id, body: n.body, author: n.author, created_at: n.createdAt.toISOString() })),
    timeline,
  };
}
export type ContactProfile = Awaited<ReturnType<typeof getContact>>;
