import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { verificationOf } from "@/lib/contacts/contact-identity";
import { resolveContactId } from "@/lib/contacts/get-contact";

const iso = (d: Date | null) => d?.toISOString() ?? null;

interface MediaItem {
  url?: unknown;
  content_type?: unknown;
  contentType?: unknown;
}

/**
 * Everything Sportello holds about one person (their contact and every contact merged into it): profile, notes,
 * every conversation and ticket with its messages and internal notes, the attachments list, every email and
 * WhatsApp delivery record (and local outbox copy), and the audit entries about them. The export itself is audited.
 */
export async function exportContact(id: string, actor: Actor) {
  const contactId = await resolveContactId(id);
  const people = await prisma.contact.findMany({
    where: { OR: [{ id: contactId }, { mergedIntoId: contactId }] },
    orderBy: { createdAt: "asc" },
    include: { notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } } },
  });
  const contactIds = people.map((p) => p.id);
  const [sessions, tickets] = await Promise.all([
    prisma.chatSession.findMany({
      where: { contactId: { in: contactIds } },
      orderBy: { createdAt: "asc" },
      include: { operator: { select: { name: true } }, messages: { orderBy: { seq: "asc" }, include: { operator: { select: { name: true } } } } },
    }),
    prisma.ticket.findMany({
      where: { contactId: { in: contactIds } },
      orderBy: { createdAt: "asc" },
      include: {
        assignee: { select: { name: true } },
        messages: { orderBy: { seq: "asc" }, include: { operator: { select: { name: true } } } },
        notes: { orderBy: { createdAt: "asc" }, include: { author: { select: { name: true } } } },
      },
    }),
  ]);
  const sessionIds = sessions.map((s) => s.id);
  const ticketIds = tickets.map((t) => t.id);
  const recipients = people.flatMap((p) => [p.email, p.phone]).filter((v): v is string => !!v);
  const notifications = await prisma.notification.findMany({
    where: { OR: [{ ticketId: { in: ticketIds } }, { sessionId: { in: sessionIds } }, { recipient: { in: recipients } }] },
    orderBy: { createdAt: "asc" },
  });
  const [outbox, audit] = await Promise.all([
    prisma.outboxDelivery.findMany({
      where: { OR: [{ notificationId: { in: notifications.map((n) => n.id) } }, { recipient: { in: recipients } }] },
      orderBy: { createdAt: "asc" },
    }),
    prisma.auditEvent.findMany({
      where: {
        OR: [
          { targetType: "contact", targetId: { in: contactIds } },
          { targetType: "session", targetId: { in: sessionIds } },
          { targetType: "ticket", targetId: { in: ticketIds } },
          { actorType: "customer", actorId: { in: [...people.map((p) => p.userId), ...contactIds, ...sessionIds] } },
        ],
      },
      orderBy: { at: "asc" },
    }),
  ]);

  const message = (m: (typeof sessions)[number]["messages"][number]) => ({
    id: m.id,
    seq: m.seq,
    sender: m.sender,
    operator: m.operator?.name ?? null,
    channel: m.channel,
    body: m.body,
    attachments: Array.isArray(m.media) ? m.media.length : 0,
    delivery_status: m.deliveryStatus,
    created_at: iso(m.createdAt),
  });
  const attachments = [...sessions, ...tickets].flatMap((owner) =>
    owner.messages.flatMap((m) =>
      (Array.isArray(m.media) ? (m.media as MediaItem[]) : []).map((item, index) => ({
        message_id: m.id,
        index,
        content_type: typeof item.content_type === "string" ? item.content_type : typeof item.contentType === "string" ? item.contentType : null,
        url: typeof item.url === "string" ? item.url : null,
        created_at: iso(m.createdAt),
      })),
    ),
  );

  const document = {
    format: "sportello.contact-export.v1",
    exported_at: new Date().toISOString(),
    contact_id: contactId,
    contacts: people.map((p) => ({
      id: p.id,
      user_id: p.userId,
      name: p.name,
      email: p.email,
      phone: p.phone,
      ...verificationOf(p),
      whatsapp_last_inbound_at: iso(p.lastWhatsappInboundAt),
      merged_into_id: p.mergedIntoId,
      merged_at: iso(p.mergedAt),
      erased_at: iso(p.erasedAt),
      created_at: iso(p.createdAt),
      notes: p.notes.map((n) => ({ body: n.body, author: n.author?.name ?? null, created_at: iso(n.createdAt) })),
    })),
    conversations: sessions.map((s) => ({
      id: s.id,
      channel: s.channel,
      status: s.status,
      source: s.source,
      question: s.question,
      metadata: s.metadata,
      operator: s.operator?.name ?? null,
      queued_at: iso(s.queuedAt),
      assigned_at: iso(s.assignedAt),
      closed_at: iso(s.closedAt),
      closed_reason: s.closedReason,
      messages: s.messages.map(message),
    })),
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      channel: t.channel,
      status: t.status,
      priority: t.priority,
      question: t.question,
      metadata: t.metadata,
      tags: t.tags,
      assignee: t.assignee?.name ?? null,
      created_at: iso(t.createdAt),
      resolved_at: iso(t.resolvedAt),
      closed_at: iso(t.closedAt),
      messages: t.messages.map(message),
      notes: t.notes.map((n) => ({ body: n.body, author: n.author?.name ?? null, created_at: iso(n.createdAt) })),
    })),
    attachments,
    deliveries: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      channel: n.channel,
      recipient: n.recipient,
      status: n.status,
      attempts: n.attempts,
      last_error: n.lastError,
      created_at: iso(n.createdAt),
      sent_at: iso(n.sentAt),
      payload: n.payload,
    })),
    outbox: outbox.map((o) => ({ channel: o.channel, recipient: o.recipient, subject: o.subject, text: o.text, created_at: iso(o.createdAt) })),
    audit: audit.map((a) => ({ at: iso(a.at), action: a.action, actor_type: a.actorType, actor_id: a.actorId, target_type: a.targetType, target_id: a.targetId, data: a.data })),
  };
  await prisma.$transaction((tx) =>
    recordAuditEvent(tx, actor, {
      action: "contact.exported",
      targetType: "contact",
      targetId: contactId,
      data: { conversations: sessions.length, tickets: tickets.length, deliveries: notifications.length },
    }),
  );
  return document;
}
