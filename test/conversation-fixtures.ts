// Contacts, conversations and tickets with their messages, written straight through Prisma for search, contact and
// privacy tests. Unique ids per call.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";

const id = () => randomBytes(16).toString("base64url");
let ticketTokens = 0;

export async function createContact(data: { name?: string; email?: string; phone?: string; emailVerified?: boolean; phoneVerified?: boolean; userId?: string; createdAt?: Date } = {}) {
  return prisma.contact.create({
    data: {
      userId: data.userId ?? `user_${id()}`,
      name: data.name,
      email: data.email,
      phone: data.phone,
      createdAt: data.createdAt,
      ...(data.emailVerified ? { emailVerifiedAt: new Date(), emailVerifiedVia: "identity_token" } : {}),
      ...(data.phoneVerified ? { phoneVerifiedAt: new Date(), phoneVerifiedVia: "whatsapp_inbound" } : {}),
    },
  });
}

export async function createConversation(input: {
  contactId: string;
  operatorId?: string | null;
  status?: "queued" | "active" | "closed" | "ticketed";
  channel?: "web" | "whatsapp" | "email";
  locale?: "it" | "en";
  question?: string;
  messages?: { body: string; sender?: "customer" | "operator" | "system" | "bot"; at?: Date; media?: unknown }[];
  closedAt?: Date;
  createdAt?: Date;
}) {
  const messages = input.messages ?? [];
  const session = await prisma.chatSession.create({
    data: {
      id: id(),
      contactId: input.contactId,
      status: input.status ?? "active",
      channel: input.channel ?? "web",
      question: input.question ?? messages[0]?.body ?? "Ciao",
      operatorId: input.operatorId ?? null,
      metadata: input.locale ? { locale: input.locale } : undefined,
      closedAt: input.closedAt,
      createdAt: input.createdAt,
      lastSeq: messages.length,
    },
  });
  for (const [i, m] of messages.entries()) {
    await prisma.message.create({
      data: {
        sessionId: session.id,
        seq: i + 1,
        sender: m.sender ?? "customer",
        body: m.body,
        channel: input.channel ?? "web",
        createdAt: m.at,
        media: m.media === undefined ? undefined : (m.media as object),
        operatorId: m.sender === "operator" ? (input.operatorId ?? null) : null,
      },
    });
  }
  return session;
}

export async function createTicketWith(input: {
  contactId: string;
  assigneeId?: string | null;
  question: string;
  status?: "open" | "pending" | "resolved" | "closed";
  channel?: "web" | "whatsapp" | "email";
  locale?: "it" | "en";
  sessionId?: string;
  notes?: string[];
  replies?: string[];
  closedAt?: Date;
}) {
  const ticket = await prisma.ticket.create({
    data: {
      contactId: input.contactId,
      assigneeId: input.assigneeId ?? null,
      question: input.question,
      status: input.status ?? "open",
      channel: input.channel ?? "email",
      metadata: input.locale ? { locale: input.locale } : undefined,
      sessionId: input.sessionId,
      accessToken: `tok_${id()}_${ticketTokens++}`,
      dueAt: new Date(Date.now() + 86_400_000),
      closedAt: input.closedAt,
      lastSeq: input.replies?.length ?? 0,
    },
  });
  for (const body of input.notes ?? []) await prisma.ticketNote.create({ data: { ticketId: ticket.id, body } });
  for (const [i, body] of (input.replies ?? []).entries()) {
    await prisma.message.create({ data: { ticketId: ticket.id, seq: i + 1, sender: "customer", body, channel: ticket.channel } });
  }
  return ticket;
}
