import "server-only";
import { ticketUrl } from "@/lib/env";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { messageSelect } from "@/lib/conversations/append-message";
import { toMessageView, type MessageView } from "@/lib/conversations/message-view";
import { requireSessionRole, sessionRole } from "@/lib/auth/customer-key";
import { canRelay } from "@/lib/chat/relay-message";
import { cachedHandleMinutes, capacity, estimateWaitMinutes, queuePosition } from "@/lib/routing/queue";
import { listOwnershipChanges, type OwnershipChange } from "@/lib/conversations/conversation-owner";
import { ownerOf, type ConversationOwner } from "@/lib/conversations/owner-state";
import type { BotHandoff } from "@/lib/schemas/escalation";
import { getCsatSettings } from "@/lib/csat/csat-settings";
import { closingWithin } from "@/lib/rules/business-hours";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { twilioConfig } from "@/lib/whatsapp/twilio-client";

const MESSAGE_PAGE = 500;

export interface SessionView {
  id: string;
  status: "queued" | "active" | "closed" | "ticketed";
  priority: "low" | "medium" | "high" | "urgent";
  question: string;
  channel: "web" | "whatsapp" | "email";
  source: string;
  /** Per team: the place in its team's queue and the wait from that team's seats and handle times. */
  position: number | null;
  estimated_wait: number | null;
  team: { id: string; slug: string; name: string };
  skills: string[];
  operator: { id: string; name: string } | null;
  ticket_number: number | null;
  customer_read_seq: number;
  operator_read_seq: number;
  last_seq: number;
  queued_at: string;
  assigned_at: string | null;
  first_response_at: string | null;
  closed_at: string | null;
  messages: MessageView[];
  has_more: boolean;
  /** Operators and admins only. */
  contact?: {
    user_id: string;
    email: string | null;
    phone: string | null;
    name: string | null;
    /** The email is verified (signed identity or a clicked link); how, in email_verified_via. */
    verified: boolean;
    email_verified_via: string | null;
    phone_verified: boolean;
    phone_verified_via: string | null;
    whatsapp_last_inbound_at: string | null;
  };
  metadata?: unknown;
  /** Who holds the conversation: bot, queued, human, closed or ticket. */
  owner: ConversationOwner;
  /** Operators only: what the bot handed over, and the ownership timeline. */
  bot_handoff?: BotHandoff | null;
  handback_note?: string | null;
  ownership?: OwnershipChange[];
  /** When the current wait promise falls due: the page offers the alternatives before then. */
  promise_due_at: string | null;
  /** The customer only: their ticket's page once the chat became one. */
  ticket_url?: string | null;
  /** The customer only, while queued: what they may do instead of waiting. */
  waiting_options?: { leave_message: boolean; continue_on_whatsapp: boolean; whatsapp_requested: boolean; desk_closes_at: string | null };
  /** The customer only, once closed: whether a rating is asked for, and theirs if given. */
  rating?: { asked: boolean; score: number | null };
}

/**
 * A session as its customer sees it (with the customer's key) — with contact and chatbot metadata added for an
 * operator who may see them. Anyone else gets 404. Messages after `afterSeq` only, for backfill after a missed
 * realtime event.
 */
export async function getSessionView(id: string, principal: Principal | null, customerKey: string | null, afterSeq = 0): Promise<SessionView> {
  const session = await prisma.chatSession.findUnique({
    where: { id },
    include: {
      operator: { select: { id: true, name: true } },
      team: { select: { id: true, slug: true, name: true } },
      contact: true,
      ticket: { select: { number: true, accessToken: true } },
      ratings: { select: { score: true } },
      messages: { where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take: MESSAGE_PAGE + 1, select: messageSelect },
    },
  });
  if (!session) throw new ApiError("NOT_FOUND", "Session not found");
  // A relaying chatbot reads the conversations it escalated itself, as their customer would (lib/chat/relay-message.ts).
  const role = sessionRole(principal, session, customerKey) ?? ((await canRelay(prisma, principal, id)) ? "customer" : requireSessionRole(principal, session, customerKey));

  let position: number | null = null;
  let estimatedWait: number | null = null;
  if (session.status === "queued") {
    position = await queuePosition(prisma, id);
    const [{ seatsOnline }, handleMinutes] = await Promise.all([capacity(prisma, session.teamId), cachedHandleMinutes(Date.now(), session.teamId)]);
    estimatedWait = position ? estimateWaitMinutes(position, handleMinutes, seatsOnline) : null;
  }
  const view: SessionView = {
    id: session.id,
    status: session.status,
    priority: session.priority,
    question: session.question,
    channel: session.channel,
    source: session.source,
    position,
    estimated_wait: estimatedWait,
    team: session.team,
    skills: session.skills,
    operator: session.operator,
    ticket_number: session.ticket?.number ?? null,
    customer_read_seq: session.customerReadSeq,
    operator_read_seq: session.operatorReadSeq,
    last_seq: session.lastSeq,
    queued_at: session.queuedAt.toISOString(),
    assigned_at: session.assignedAt?.toISOString() ?? null,
    first_response_at: session.firstResponseAt?.toISOString() ?? null,
    closed_at: session.closedAt?.toISOString() ?? null,
    messages: session.messages.slice(0, MESSAGE_PAGE).map(toMessageView),
    has_more: session.messages.length > MESSAGE_PAGE,
    owner: ownerOf(session),
    promise_due_at: session.status === "queued" ? (session.promiseDueAt?.toISOString() ?? null) : null,
  };
  if (role === "customer") {
    view.ticket_url = session.ticket ? ticketUrl(session.ticket.accessToken) : null;
    if (session.status === "queued") {
      view.waiting_options = {
        leave_message: true,
        continue_on_whatsapp: session.channel === "web" && session.contactPhone !== null && twilioConfig() !== null,
        whatsapp_requested: session.whatsappContinueAt !== null,
        // Business hours end within the hour: the page offers the alternatives before the desk closes.
        desk_closes_at: closingWithin((await getEscalationRules(prisma)).business_hours, new Date(), 60)?.toISOString() ?? null,
      };
    }
    if (session.status === "closed") {
      const csat = await getCsatSettings();
      view.rating = { asked: csat.enabled && csat.on_chat_close, score: session.ratings[0]?.score ?? null };
    }
  }
  if (role !== "customer") {
    view.contact = {
      user_id: session.contact.userId,
      email: session.contact.email,
      phone: session.contact.phone,
      name: session.contact.name,
      verified: session.contact.emailVerifiedAt !== null,
      email_verified_via: session.contact.emailVerifiedVia,
      phone_verified: session.contact.phoneVerifiedAt !== null,
      phone_verified_via: session.contact.phoneVerifiedVia,
      whatsapp_last_inbound_at: session.contact.lastWhatsappInboundAt?.toISOString() ?? null,
    };
    view.metadata = session.metadata;
    view.bot_handoff = (session.botHandoff as BotHandoff | null) ?? null;
    view.handback_note = session.handbackNote;
    view.ownership = await listOwnershipChanges(session);
  }
  return view;
}
