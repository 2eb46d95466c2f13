import "server-only";
import { prisma } from "@/lib/db/client";
import { estimateWaitMinutes, positionsPerTeam, teamQueueModels } from "@/lib/routing/queue";

/**
 * The waiting line as operators see it: every team's queue in service order, each session with its team, its
 * position and wait in that team's queue, priority, wait so far, the question and the chatbot's metadata.
 * (The first 500 in desk-wide order hold the head of every team's queue, so the per-team positions are exact.)
 */
export async function listQueue(now = new Date(), teamId?: string) {
  const sessions = positionsPerTeam(
    await prisma.chatSession.findMany({
      where: { status: "queued", ...(teamId ? { teamId } : {}) },
      orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }],
      take: 500,
      select: {
        id: true,
        teamId: true,
        team: { select: { id: true, slug: true, name: true } },
        skills: true,
        priority: true,
        question: true,
        metadata: true,
        queuedAt: true,
        channel: true,
        source: true,
        contact: { select: { email: true, phone: true, name: true, emailVerifiedAt: true } },
      },
    }),
  );
  const models = await teamQueueModels(prisma, sessions.map((s) => s.teamId), now.getTime());
  return sessions.map((s) => ({
    id: s.id,
    position: s.position,
    team: s.team,
    skills: s.skills,
    priority: s.priority,
    question: s.question,
    metadata: s.metadata,
    channel: s.channel,
    source: s.source,
    contact: { email: s.contact.email, phone: s.contact.phone, name: s.contact.name, verified: s.contact.emailVerifiedAt !== null },
    queued_at: s.queuedAt.toISOString(),
    waiting_seconds: Math.max(0, Math.round((now.getTime() - s.queuedAt.getTime()) / 1000)),
    estimated_wait: estimateWaitMinutes(s.position, models.get(s.teamId)!.handleMinutes, models.get(s.teamId)!.seatsOnline),
  }));
}

/** An operator's live chats with the customer's details and how many customer messages are unread. */
export async function listOperatorSessions(operatorId: string) {
  const sessions = await prisma.chatSession.findMany({
    where: { operatorId, status: "active" },
    orderBy: { assignedAt: "asc" },
    select: {
      id: true,
      priority: true,
      question: true,
      metadata: true,
      channel: true,
      assignedAt: true,
      firstResponseAt: true,
      lastSeq: true,
      operatorReadSeq: true,
      customerReadSeq: true,
      contact: { select: { userId: true, email: true, phone: true, name: true, emailVerifiedAt: true, phoneVerifiedAt: true, lastWhatsappInboundAt: true } },
    },
  });
  const unreadRows = await prisma.$queryRaw<{ session_id: string; unread: bigint }[]>`
    SELECT m.session_id, count(*) AS unread
      FROM messages m JOIN chat_sessions s ON s.id = m.session_id
     WHERE s.operator_id = ${operatorId} AND s.status = 'active' AND m.sender = 'customer' AND m.seq > s.operator_read_seq
     GROUP BY m.session_id`;
  const unreadBySession = new Map(unreadRows.map((r) => [r.session_id, Number(r.unread)]));
  return sessions.map((s) => ({
    id: s.id,
    priority: s.priority,
    question: s.question,
    metadata: s.metadata,
    channel: s.channel,
    assigned_at: s.assignedAt?.toISOString() ?? null,
    first_response_at: s.firstResponseAt?.toISOString() ?? null,
    last_seq: s.lastSeq,
    operator_read_seq: s.operatorReadSeq,
    customer_read_seq: s.customerReadSeq,
    unread: unreadBySession.get(s.id) ?? 0,
    contact: {
      user_id: s.contact.userId,
      email: s.contact.email,
      phone: s.contact.phone,
      name: s.contact.name,
      verified: s.contact.emailVerifiedAt !== null,
      phone_verified: s.contact.phoneVerifiedAt !== null,
      whatsapp_last_inbound_at: s.contact.lastWhatsappInboundAt?.toISOString() ?? null,
    },
  }));
}
