import "server-only";
import { prisma } from "@/lib/db/client";
import { csvRow } from "@/lib/admin/csv";
import { endOfRange } from "@/lib/tickets/list-tickets";
import type { BotHandoff } from "@/lib/schemas/escalation";

const PAGE = 1000;

type Kind = "tickets" | "sessions";

const COLUMNS: Record<Kind, string[]> = {
  tickets: [
    "number", "id", "status", "priority", "channel", "source", "question", "contact_user_id", "contact_email", "contact_phone", "contact_name",
    "assignee", "tags", "session_id", "created_at", "due_at", "first_response_at", "resolved_at", "closed_at", "sla_breached_at", "first_response_minutes",
    "bot_intent", "bot_confidence", "bot_transcript",
    "rating_score", "rating_comment",
  ],
  sessions: [
    "id", "status", "priority", "channel", "source", "question", "contact_user_id", "contact_email", "contact_phone", "operator", "queued_at",
    "assigned_at", "first_response_at", "closed_at", "closed_reason", "wait_seconds", "missed_assignments", "ticket_number",
    "handed_back_at", "handback_note", "bot_intent", "bot_confidence", "bot_transcript",
    "promised_wait_minutes", "rating_score", "rating_comment",
  ],
};

const minutesBetween = (a: Date | null, b: Date | null) => (a && b ? Math.round((b.getTime() - a.getTime()) / 6_000) / 10 : null);
/** The bot's handoff as three cells: intent, confidence, and the transcript one turn per line. */
function handoffCells(value: unknown): [string | null, number | null, string | null] {
  const handoff = value as BotHandoff | null;
  if (!handoff) return [null, null, null];
  const transcript = handoff.transcript.map((turn) => `[${turn.at}] ${turn.role}: ${turn.text}`).join("\n");
  return [handoff.intent, handoff.confidence, transcript || null];
}

const secondsBetween = (a: Date | null, b: Date | null) => (a && b ? Math.round((b.getTime() - a.getTime()) / 1000) : null);

/** The page after `cursor` of a query in id order: what findMany needs besides its own where and include. */
type Page = { orderBy: { id: "asc" }; take: number; skip?: number; cursor?: { id: string } };

/** Every row a query finds, read PAGE rows at a time in id order (keyset pagination), so a large range never sits in memory. */
async function* paged<T extends { id: string }>(query: (page: Page) => Promise<T[]>): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await query({ orderBy: { id: "asc" }, take: PAGE, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    yield* rows;
    if (rows.length < PAGE) return;
    cursor = rows[rows.length - 1].id;
  }
}

async function* ticketRows(from: Date, to: Date) {
  const tickets = paged((page) =>
    prisma.ticket.findMany({
      where: { createdAt: { gte: from, lt: to } },
      ...page,
      include: { contact: true, assignee: { select: { name: true } }, session: { select: { botHandoff: true } }, ratings: { select: { score: true, comment: true } } },
    }),
  );
  for await (const t of tickets) {
    yield [
      t.number, t.id, t.status, t.priority, t.channel, t.source, t.question, t.contact.userId, t.contact.email, t.contact.phone, t.contact.name,
      t.assignee?.name, t.tags, t.sessionId, t.createdAt, t.dueAt, t.firstResponseAt, t.resolvedAt, t.closedAt, t.slaBreachedAt,
      minutesBetween(t.createdAt, t.firstResponseAt), ...handoffCells(t.botHandoff ?? t.session?.botHandoff), t.ratings[0]?.score, t.ratings[0]?.comment,
    ];
  }
}

async function* sessionRows(from: Date, to: Date) {
  const sessions = paged((page) =>
    prisma.chatSession.findMany({
      where: { createdAt: { gte: from, lt: to } },
      ...page,
      include: { contact: true, operator: { select: { name: true } }, ticket: { select: { number: true } }, ratings: { select: { score: true, comment: true } } },
    }),
  );
  for await (const s of sessions) {
    yield [
      s.id, s.status, s.priority, s.channel, s.source, s.question, s.contact.userId, s.contact.email, s.contact.phone, s.operator?.name, s.queuedAt,
      s.assignedAt, s.firstResponseAt, s.closedAt, s.closedReason, secondsBetween(s.queuedAt, s.assignedAt), s.missedAssignments, s.ticket?.number,
      s.handedBackAt, s.handbackNote, ...handoffCells(s.botHandoff), s.promisedWaitMinutes, s.ratings[0]?.score, s.ratings[0]?.comment,
    ];
  }
}

/**
 * CSV of the tickets or chat sessions created in [from, to] (a bare `to` date includes that day), streamed page by
 * page so a large range never sits in memory. Starts with a BOM so Excel reads the UTF-8 (accents) correctly.
 */
export function exportCsv(kind: Kind, from: Date, to: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = kind === "tickets" ? ticketRows(from, endOfRange(to)) : sessionRows(from, endOfRange(to));
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(COLUMNS[kind])}`));
        return;
      }
      let chunk = "";
      for (let i = 0; i < 200; i++) {
        const next = await rows.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvRow(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
