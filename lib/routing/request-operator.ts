import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { chatUrl, env, ticketUrl } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import type { RoutingScope } from "@/lib/routing/routing-transaction";
import { publish, type RealtimeEvent } from "@/lib/realtime/server";
import { scheduleQueueBroadcast } from "@/lib/routing/broadcast-queue";
import { toMessageEvent, toMessageView, type MessageView } from "@/lib/conversations/message-view";
import { EVENTS, QUEUE_CHANNEL, sessionChannel } from "@/lib/realtime/channels";
import { assignmentEvents } from "@/lib/routing/assign-session";
import { joinedSuffix } from "@/lib/conversations/system-messages";
import { cachedHandleMinutes, capacity, estimateWaitMinutes, queuePosition, recordPromise } from "@/lib/routing/queue";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import type { EscalationRules } from "@/lib/schemas/escalation-rules";
import { prisma, type Tx } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import { openingAddresses, upsertContact } from "@/lib/contacts/upsert-contact";
import { sendResumeLink } from "@/lib/conversations/send-resume-link";
import { isOpenAt, nextOpening } from "@/lib/rules/business-hours";
import { createTicket, replyChannels } from "@/lib/tickets/create-ticket";
import { ticketCreatedMessage } from "@/lib/i18n/ticket-created-message";
import type { RequestOperatorResult } from "@/lib/schemas/escalation";
import type { Priority } from "@/lib/schemas/common";
import { needsEscalationRecord, recordEscalation, type EscalationContext } from "@/lib/routing/record-escalation";
import type { Locale } from "@/lib/i18n/config";
import { resolveTeam, teamOfEntryPoint, teamRules, type RoutingTeam } from "@/lib/routing/resolve-team";

export interface EscalationInput {
  userId: string;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  question: string;
  /** The question's message as it arrived on another channel: its id there (a WhatsApp MessageSid) and its media. */
  externalId?: string | null;
  media?: Prisma.InputJsonValue | null;
  priority: Priority;
  metadata?: Prisma.InputJsonValue | null;
  source: string;
  channel: "web" | "whatsapp";
  locale?: Locale;
  /**
   * The caller speaks for this user: a chatbot API key, a valid signed identity, or a signed-in operator. Only such
   * a caller gets an open session back by user id (docs/security.md); an anonymous caller's input never overwrites
   * the contact's stored email or phone.
   */
  trusted?: boolean;
  /** A signed identity token vouched for the email. */
  emailVerifiedVia?: "identity_token" | null;
  /** A Twilio-signed inbound WhatsApp message came from the phone. */
  phoneVerifiedVia?: "whatsapp_inbound" | null;
  whatsappInboundAt?: Date | null;
  /** The bot's transcript, confidence and intent (lib/routing/record-escalation.ts). */
  context?: EscalationContext;
  /** The team (slug or id) whose queue and operators serve the session: the default team when absent. */
  team?: string | null;
  /** Skills the serving operator must all have (normalised tags). */
  skills?: string[];
  /** The embedding site that signed the visitor's identity: its team serves them unless `team` names one. */
  embedSiteId?: string | null;
}

export function newSessionId(): string {
  return randomBytes(18).toString("base64url"); // 144 random bits
}

export function customerChatUrl(sessionId: string): string {
  return `${chatUrl()}/admin/customer-chat.html?session=${sessionId}`;
}

async function queuedAnswer(db: Tx | typeof prisma, sessionId: string, existing: boolean): Promise<RequestOperatorResult> {
  const [position, session] = await Promise.all([queuePosition(db, sessionId), db.chatSession.findUnique({ where: { id: sessionId }, select: { teamId: true } })]);
  const teamId = session?.teamId;
  const [{ seatsOnline }, handleMinutes] = await Promise.all([capacity(db, teamId), cachedHandleMinutes(Date.now(), teamId)]);
  return {
    success: true,
    type: "queue",
    session_id: sessionId,
    position: position ?? 1,
    estimated_wait: estimateWaitMinutes(position ?? 1, handleMinutes, seatsOnline),
    chat_url: customerChatUrl(sessionId),
    ...(existing ? { existing } : {}),
  };
}

/** The contact, and the addresses this conversation is opened with (where its transcript, links and ticket go). */
type Contact = { id: string; email: string | null; phone: string | null };

async function contactFor(db: Tx | typeof prisma, input: EscalationInput): Promise<Contact> {
  const contact = await upsertContact(db, { ...input, trusted: input.trusted ?? false });
  return { id: contact.id, ...openingAddresses(input, contact, input.trusted ?? false) };
}

type Decision = {
  outcome: "existing_active" | "existing_queued" | "existing_foreign" | "after_hours" | "no_operators" | "queue_full" | "assigned" | "queued";
  session_id: string | null;
  operator_id: string | null;
  operator_name: string | null;
  queue_position: bigint | null;
  seats_online: bigint | null;
  queued_before: bigint | null;
  /**
   * The lines the decision wrote, as written: the customer's question (from seq 1, or the next seq of a conversation
   * reopened after a hand-back) and, when an operator was assigned, the "… joined" line.
   */
  lines: { id: string; seq: number; sender: "customer" | "system"; body: string; channel: MessageView["channel"]; media: unknown; created_at: string }[] | null;
};

interface Escalation {
  result: RequestOperatorResult;
  events: RealtimeEvent[];
  queueChanged: boolean;
  /** The lines the decision wrote (its webhook events report them). */
  lines?: MessageView[];
  /** The ticket opened instead, when nobody could take the chat. */
  ticketId?: string;
}

/** An escalation inside the caller's routing transaction: the answer, and the ticket it opened if it opened one. */
export interface ScopedEscalation {
  result: RequestOperatorResult;
  ticketId?: string;
}

/**
 * The handoff: a free operator now, the queue with an honest position and wait, or a ticket when nobody can take
 * the chat (no operator online, outside business hours, queue full). A trusted caller whose user already has a
 * queued or active session (opened by a trusted caller) gets that session back; an anonymous caller never gets an
 * open session's id: CONVERSATION_OPEN, and its owner is mailed a resume link (docs/security.md).
 * The decision and its writes are one call to the sportello_escalate() SQL function (see its migration): it takes
 * the routing lock inside PostgreSQL and, run as a single statement, holds it only while the database executes it.
 */
export async function requestOperator(input: EscalationInput, actor: Actor): Promise<RequestOperatorResult> {
  // The team first: an unknown one is refused before anything is written.
  const team = await resolveTeam(prisma, input.team ?? (await teamOfEntryPoint(prisma, { embedSiteId: input.embedSiteId })));
  const [deskRules, contact, record] = await Promise.all([
    getEscalationRules(prisma),
    contactFor(prisma, input),
    needsEscalationRecord(input.context),
    // Warms the handle-time cache the queued answer's promise reads.
    cachedHandleMinutes(Date.now(), team.id),
  ]);
  const rules = teamRules(deskRules, team);
  // With a transcript to keep or webhook endpoints to tell, the decision and those writes commit together;
  // otherwise the decision stays the single autocommit statement. A refusal (an ApiError after the decision's own
  // writes, such as the resume link of CONVERSATION_OPEN) commits those writes and is thrown after.
  const outcome = record
    ? await prisma.$transaction(
        async (tx) => {
          try {
            const escalation = await escalate(tx, { input, actor, rules, contact, team });
            await recordEscalation(tx, escalation.result, input.context ?? {}, escalation.lines);
            return escalation;
          } catch (error) {
            if (error instanceof ApiError) return { refused: error };
            throw error;
          }
        },
        { maxWait: 30_000, timeout: 30_000 },
      )
    : await escalate(prisma, { input, actor, rules, contact, team });
  if ("refused" in outcome) throw outcome.refused;
  const { result, events, queueChanged } = outcome;
  await publish(events);
  // An escalation moves places only in its own team's queue.
  if (queueChanged) scheduleQueueBroadcast(team.id);
  return result;
}

/** The same escalation inside a routing transaction the caller holds: the WhatsApp webhook adds its writes to it. */
export async function escalateInScope(scope: RoutingScope, input: EscalationInput, actor: Actor): Promise<ScopedEscalation> {
  const team = await resolveTeam(scope.tx, input.team);
  const [rules, contact] = [teamRules(await getEscalationRules(scope.tx), team), await contactFor(scope.tx, input)];
  const { result, events, queueChanged, lines, ticketId } = await escalate(scope.tx, { input, actor, rules, contact, team });
  await recordEscalation(scope.tx, result, input.context ?? {}, lines);
  scope.events.push(...events);
  if (queueChanged) scope.queueChanged = true;
  return { result, ticketId };
}

async function escalate(
  db: Tx | typeof prisma,
  { input, actor, rules, contact, team }: { input: EscalationInput; actor: Actor; rules: EscalationRules; contact: Contact; team: RoutingTeam },
): Promise<Escalation> {
  const now = new Date();
  const sessionId = newSessionId();
  const systemMessageId = randomUUID();
  const customerMessageId = randomUUID();
  const alert = input.priority === "urgent" && rules.urgent_whatsapp_alert ? (env().ADMIN_PHONE ?? null) : null;
  const alertPayload = { question: input.question.slice(0, 500), user_id: input.userId };
  const locale = input.locale ?? "it";
  // The customer's language travels with the session (metadata.locale): Sportello's own lines in the thread use it.
  const metadata = input.locale ? { ...((input.metadata as object | null | undefined) ?? {}), locale: input.locale } : input.metadata;
  const [decision] = await db.$queryRaw<Decision[]>`
    SELECT * FROM sportello_escalate(
      p_contact_id => ${contact.id}, p_session_id => ${sessionId}, p_priority => ${input.priority}::"Priority",
      p_question => ${input.question}, p_metadata => ${metadata == null ? null : JSON.stringify(metadata)}::jsonb,
      p_source => ${input.source}, p_channel => ${input.channel}::"Channel", p_after_hours => ${!isOpenAt(rules.business_hours, now)},
      p_max_queue => ${rules.max_queue_length}::int, p_message_id => ${customerMessageId}, p_system_message_id => ${systemMessageId},
      p_joined_text => ${joinedSuffix(locale)}, p_audit_id => ${randomUUID()}, p_actor_type => ${actor.type}, p_actor_id => ${actor.id},
      p_alert_id => ${randomUUID()}, p_alert_recipient => ${alert}, p_alert_payload => ${JSON.stringify(alertPayload)}::jsonb,
      p_now => ${now}::timestamp(3), p_trusted => ${input.trusted ?? false}, p_contact_email => ${contact.email},
      p_contact_phone => ${contact.phone}, p_team_id => ${team.id}, p_skills => ${input.skills ?? []}::text[],
      p_external_id => ${input.externalId ?? null}, p_media => ${input.media == null ? null : JSON.stringify(input.media)}::jsonb)`;

  // A conversation handed back to the bot and escalated again continues in its own session (from the next seq): its
  // page and its operator's desk may still be open, so the customer's new line is published there too.
  const decisionSessionId = decision.session_id ?? sessionId;
  const lines = (decision.lines ?? []).map((line) => toMessageView({ ...line, sessionId: decisionSessionId, createdAt: new Date(line.created_at) }));
  const reopened = decisionSessionId !== sessionId;
  const reopenedEvents: RealtimeEvent[] = reopened && lines[0]
    ? [{ channel: sessionChannel(decisionSessionId), name: EVENTS.messageCreated, data: toMessageEvent(lines[0]) }]
    : [];
  switch (decision.outcome) {
    case "existing_active":
      return {
        result: { success: true, type: "operator_assigned", session_id: decision.session_id!, operator: { id: decision.operator_id!, name: decision.operator_name! }, chat_url: customerChatUrl(decision.session_id!), existing: true },
        events: [],
        queueChanged: false,
      };
    case "existing_queued":
      return { result: await queuedAnswer(db, decision.session_id!, true), events: [], queueChanged: false };
    case "existing_foreign": {
      // Someone asked anonymously for a user id whose conversation is open. Its id goes to nobody here; its owner
      // gets a link by email that moves it to the browser they open it in.
      const link = await sendResumeLink(decision.session_id!, db, now);
      throw new ApiError("CONVERSATION_OPEN", "This user already has an open conversation: a link to continue it was sent to the address it was opened with", {
        details: { resume_link_sent: link.sent, ...(link.recipient_hint ? { recipient_hint: link.recipient_hint } : {}) },
      });
    }
    case "assigned": {
      const operator = { id: decision.operator_id!, name: decision.operator_name! };
      const message = lines.find((line) => line.sender === "system")!;
      return {
        result: { success: true, type: "operator_assigned", session_id: decisionSessionId, operator, chat_url: customerChatUrl(decisionSessionId) },
        events: [
          ...reopenedEvents,
          ...assignmentEvents({ id: decisionSessionId, priority: input.priority, question: input.question, channel: input.channel, queuedAt: now }, operator, message, now),
        ],
        queueChanged: false,
        lines,
      };
    }
    case "queued": {
      const position = Number(decision.queue_position);
      // The estimate is a promise: recorded on the session, measured when an operator takes it (GET /api/chat/stats).
      const promised = await recordPromise(db, decisionSessionId, position, Number(decision.seats_online), now, team.id);
      return {
        result: {
          success: true,
          type: "queue",
          session_id: decisionSessionId,
          position,
          estimated_wait: promised,
          chat_url: customerChatUrl(decisionSessionId),
        },
        events: [...reopenedEvents, { channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "queued", session_id: decisionSessionId, team: { id: team.id, slug: team.slug, name: team.name } } }],
        // A higher-priority arrival moves everyone behind it back one place; a reopened chat's page needs its place.
        // Joining at the tail moves nobody: the answer told this customer theirs (told_position).
        queueChanged: position <= Number(decision.queued_before) || reopened,
        lines,
      };
    }
    default: {
      const { result, ticketId } = await ticketInstead(db, decision.outcome, { input, actor, rules, contact, now, alert, alertPayload, teamId: team.id });
      return { result, ticketId, events: [], queueChanged: false };
    }
  }
}

/** Nobody can take the chat: a ticket (with its notifications and the urgent alert) in one transaction. */
async function ticketInstead(
  db: Tx | typeof prisma,
  reason: "after_hours" | "no_operators" | "queue_full",
  ctx: { input: EscalationInput; actor: Actor; rules: EscalationRules; contact: Contact; now: Date; alert: string | null; alertPayload: object; teamId: string },
): Promise<ScopedEscalation> {
  const { input, rules, now } = ctx;
  const write = async (tx: Tx) => {
    if (ctx.alert) {
      await enqueueNotification(tx, { kind: "urgent_escalation_admin", channel: "whatsapp", recipient: ctx.alert, payload: { ...ctx.alertPayload, outcome: "ticket" } });
    }
    return createTicket(tx, rules, ctx.actor, {
      contact: ctx.contact,
      question: input.question,
      priority: input.priority,
      metadata: input.metadata ?? undefined,
      source: input.source,
      channel: input.channel,
      locale: input.locale,
      reason,
      teamId: ctx.teamId,
    });
  };
  const ticket = "$transaction" in db ? await db.$transaction(write) : await write(db);
  const reopens = reason === "after_hours" ? nextOpening(rules.business_hours, now) : null;
  const result: RequestOperatorResult = {
    success: true,
    type: "ticket_created",
    ticket_id: ticket.number,
    ticket_number: ticket.number,
    message: ticketCreatedMessage(ticket.number, ticket.slaHours, input.locale, reopens ? { at: reopens, timeZone: rules.business_hours.timezone } : null),
    reason,
    ...(reopens ? { reopens_at: reopens.toISOString() } : {}),
    ticket_url: ticketUrl(ticket.accessToken),
    reply_via: replyChannels(ctx.contact),
  };
  return { result, ticketId: ticket.id };
}
