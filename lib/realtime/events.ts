// The realtime contract in one place: every event the server publishes, its payload schema, the channels it goes on,
// an example. `publish` (lib/realtime/server.ts) takes only these events with these payloads (checked by the type
// system, and at run time under test), the browser binds them through `bindEvent` with the same types, and the
// "Channels and events" section of docs/realtime.md is generated from this file (`npm run docs:realtime`; a test
// fails when it is stale). Browser-safe: no server imports.
import { z } from "zod";
import { noteSchema } from "@/lib/schemas/supervision";

const operatorRef = z.object({ id: z.string(), name: z.string() });
const sessionStatus = z.enum(["queued", "active", "closed", "ticketed"]);

export const messageEventSchema = z.object({
  id: z.string(),
  seq: z.number().int().min(1).describe("the message's place in its session: 1, 2, 3… with no gaps"),
  session_id: z.string().nullable(),
  sender: z.enum(["customer", "operator", "system", "bot"]),
  body: z.string().describe("cut to 4,000 characters in the event (see truncated)"),
  channel: z.enum(["web", "whatsapp", "email"]),
  operator_name: z.string().nullable().optional(),
  delivery_status: z.string().nullable().optional(),
  attachments: z
    .array(z.object({ content_type: z.string().nullable(), id: z.string().optional(), name: z.string().optional(), size: z.number().optional() }))
    .optional()
    .describe("files in the message (web attachments carry id, name and size)"),
  created_at: z.string(),
  truncated: z.boolean().optional().describe("present when the body was cut: fetch the message by seq"),
});

export const sessionUpdatedSchema = z.object({
  session_id: z.string(),
  status: sessionStatus,
  operator: operatorRef.nullable().optional(),
  owner: z.enum(["bot", "queued", "human", "closed", "ticket"]).optional().describe("who holds the conversation, when it changed hands (bot after a hand-back)"),
  position: z.number().int().min(1).nullable().optional().describe("1-based place in the queue while queued"),
  estimated_wait: z.number().int().min(0).nullable().optional().describe("whole minutes"),
  promise_due_at: z.string().nullable().optional().describe("when the wait promised now falls due"),
  ticket_number: z.number().int().nullable().optional(),
  ticket_url: z.string().nullable().optional().describe("the public ticket page, when the queue timed out into a ticket"),
});

const unassignReasons = z.enum(["closed", "ticketed", "transferred", "unanswered", "operator_deactivated", "handed_back", "taken_over"]);

const queueReasons = z.enum(["queued", "assigned", "closed", "ticketed", "requeued", "positions", "operator", "operators_away", "handed_back", "team", "team_fallback", "team_deleted"]);

const operatorAlertSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("status_changed"), status: z.enum(["online", "away", "offline"]), reason: z.string() }),
  z.object({ kind: z.literal("ticket_assigned"), ticket_id: z.string(), ticket_number: z.number().int() }),
  z.object({ kind: z.literal("ticket_customer_reply"), ticket_id: z.string(), ticket_number: z.number().int() }),
]);

interface EventSpec<S extends z.ZodType> {
  schema: S;
  channels: string[];
  summary: string;
  examples: z.input<S>[];
  notes?: string;
}

const spec = <S extends z.ZodType>(value: EventSpec<S>) => value;

export const REALTIME_EVENTS = {
  "message.created": spec({
    schema: messageEventSchema,
    channels: ["private-session-<session_id>", "private-operator-<operator_id>"],
    summary: "A message in the thread (customer, operator, system line, bot).",
    examples: [
      {
        id: "cm3…", seq: 7, session_id: "Xq2…", sender: "operator", body: "Ciao, sono Giulia.", channel: "web",
        operator_name: "Giulia", delivery_status: null, created_at: "2026-11-25T10:15:02.123Z",
      },
    ],
    notes:
      "On an operator's channel only for **customer** messages of that operator's sessions (the same payload as on the session channel), so a desk can count unread messages without subscribing to every session. A `seq` more than one above the last one held, or `truncated: true`, means: fetch `GET /api/chat/sessions/{id}?after_seq=`.",
  }),
  "session.updated": spec({
    schema: sessionUpdatedSchema,
    channels: ["private-session-<session_id>"],
    summary: "Status, operator, queue position and wait changed.",
    examples: [
      { session_id: "Xq2…", status: "queued", operator: null, position: 2, estimated_wait: 4, promise_due_at: "2026-11-25T10:19:00.000Z" },
      { session_id: "Xq2…", status: "active", operator: { id: "op_1", name: "Giulia" }, position: null, estimated_wait: null },
      { session_id: "Xq2…", status: "ticketed", ticket_number: 1042, ticket_url: "https://help.example.com/ticket/…", operator: null, position: null, estimated_wait: null },
      { session_id: "Xq2…", status: "closed", owner: "bot", operator: { id: "op_1", name: "Giulia" }, position: null, estimated_wait: null },
    ],
    notes:
      "While queued, a waiting customer gets a fresh `position`/`estimated_wait` whenever theirs moves (coalesced to at most one round per 200 ms; a customer whose place and wait did not change gets nothing).",
  }),
  "message.read": spec({
    schema: z.object({ session_id: z.string(), reader: z.enum(["customer", "operator"]), seq: z.number().int().min(0) }),
    channels: ["private-session-<session_id>"],
    summary: "Read receipt: one side has seen everything up to `seq`.",
    examples: [{ session_id: "Xq2…", reader: "customer", seq: 7 }],
    notes: "Sent by `POST /api/chat/sessions/{id}/read` `{ \"seq\": 7 }`. Read marks only move forward; `GET` returns them as `customer_read_seq` / `operator_read_seq`.",
  }),
  "message.status": spec({
    schema: z.object({
      message_id: z.string(),
      session_id: z.string(),
      seq: z.number().int(),
      delivery_status: z.string().nullable().describe("Twilio's: queued, sent, delivered, read, undelivered, failed…; never goes back"),
      delivery_error: z.string().nullable(),
    }),
    channels: ["private-session-<session_id>"],
    summary: "WhatsApp delivery receipts for an outgoing message.",
    examples: [{ message_id: "cm3…", session_id: "Xq2…", seq: 9, delivery_status: "delivered", delivery_error: null }],
  }),
  "session.assigned": spec({
    schema: z.object({
      session_id: z.string(),
      priority: z.string(),
      question: z.string().describe("cut to 500 characters; fetch the session for the rest"),
      channel: z.string(),
      queued_at: z.string(),
      assigned_at: z.string(),
    }),
    channels: ["private-operator-<operator_id>"],
    summary: "A chat was given to this operator (escalation, queue drain, transfer).",
    examples: [{ session_id: "Xq2…", priority: "high", question: "Non riesco ad accedere…", channel: "web", queued_at: "2026-11-25T10:12:00.000Z", assigned_at: "2026-11-25T10:14:31.000Z" }],
  }),
  "session.unassigned": spec({
    schema: z.object({ session_id: z.string(), reason: unassignReasons, by: operatorRef.optional().describe("with taken_over: the supervisor who took the chat") }),
    channels: ["private-operator-<operator_id>"],
    summary: "A chat left this operator.",
    examples: [{ session_id: "Xq2…", reason: "transferred" }, { session_id: "Xq2…", reason: "taken_over", by: { id: "op_9", name: "Elena" } }],
    notes: "`unanswered`: not answered in time, back to the queue; `handed_back`: returned to the chatbot; `taken_over`: a supervisor took the chat over.",
  }),
  "operator.updated": spec({
    schema: z.object({ status: z.enum(["online", "away", "offline"]), max_chats: z.number().int(), active: z.boolean() }),
    channels: ["private-operator-<operator_id>"],
    summary: "The operator's availability changed (by them in another tab, or by an admin).",
    examples: [{ status: "online", max_chats: 3, active: true }],
  }),
  "operator.alert": spec({
    schema: operatorAlertSchema,
    channels: ["private-operator-<operator_id>"],
    summary: "Something that needs the operator's attention; `kind` says what.",
    examples: [
      { kind: "status_changed", status: "away", reason: "no_heartbeat" },
      { kind: "ticket_assigned", ticket_id: "ckt…", ticket_number: 1042 },
      { kind: "ticket_customer_reply", ticket_id: "ckt…", ticket_number: 1042 },
    ],
  }),
  "queue.updated": spec({
    schema: z.object({
      reason: queueReasons,
      session_id: z.string().optional(),
      session_ids: z.array(z.string()).optional(),
      length: z.number().int().optional().describe("with positions: how many wait"),
      operator_id: z.string().optional().describe("with operator: whose availability changed"),
      count: z.number().int().optional().describe("with operators_away: how many turned away"),
      team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).optional().describe("with queued: the team whose queue the session joined"),
      team_id: z.string().optional().describe("with team, team_deleted: the team whose members or existence changed"),
    }),
    channels: ["private-queue"],
    summary: "The queue changed; re-read `GET /api/chat/queue` (debounce: a burst sends several).",
    examples: [
      { reason: "queued", session_id: "Xq2…", team: { id: "default", slug: "default", name: "Default" } },
      { reason: "positions", length: 12 },
    ],
  }),
  "note.created": spec({
    schema: noteSchema,
    channels: ["presence-session-<session_id>", "private-operator-<operator_id>"],
    summary: "An internal note in a chat, or a supervisor's whisper (`whisper: true`). Staff only: never on the customer's channel.",
    examples: [
      { id: "cm4…", session_id: "Xq2…", body: "Già rimborsato il 3/11", whisper: false, author: { id: "op_1", name: "Giulia" }, after_seq: 7, created_at: "2026-11-25T10:16:00.000Z" },
    ],
    notes:
      "`after_seq` is the thread's last message seq when the note was written: the note sits after that message. Notes have no seq of their own, so the customer's sequence stays gap-free. On an operator's channel for notes in that operator's chats written by someone else: a whisper reaches them whichever chat is on screen.",
  }),
  "floor.updated": spec({
    schema: z.object({
      session_id: z.string(),
      sender: z.enum(["customer", "operator", "system", "bot"]).optional().describe("after a message"),
      reason: z.enum(["taken_over"]).optional(),
    }),
    channels: ["private-floor"],
    summary: "Something on the supervisors' floor changed (a message, a take-over): re-read `GET /api/chat/floor`.",
    examples: [{ session_id: "Xq2…", sender: "customer" }, { session_id: "Xq2…", reason: "taken_over" }],
    notes: "Ids only. Queue changes come on `private-queue`.",
  }),
} as const;

export type RealtimeEventName = keyof typeof REALTIME_EVENTS;
/** What a publisher passes for an event (before defaults). */
export type RealtimePayload<N extends RealtimeEventName> = z.input<(typeof REALTIME_EVENTS)[N]["schema"]>;
/** What a subscriber receives. */
export type RealtimeEventData<N extends RealtimeEventName> = z.output<(typeof REALTIME_EVENTS)[N]["schema"]>;

/** One event to publish: the name decides the payload's type. */
export type RealtimeEvent = { [N in RealtimeEventName]: { channel: string; name: N; data: RealtimePayload<N> } }[RealtimeEventName];

/** Binds a typed handler to a pusher-js channel: the event name decides what the handler receives. */
export function bindEvent<N extends RealtimeEventName>(
  channel: { bind(event: string, callback: (data: never) => void): unknown },
  name: N,
  handler: (data: RealtimeEventData<N>) => void,
): void {
  channel.bind(name, handler as (data: never) => void);
}

/** Checks a payload against its event's schema (used by publish under test, and by the docs' examples test). */
export function checkRealtimePayload(event: { name: string; data: unknown }): string | null {
  const entry = (REALTIME_EVENTS as Record<string, EventSpec<z.ZodType>>)[event.name];
  if (!entry) return `unknown realtime event ${event.name}`;
  const parsed = entry.schema.safeParse(event.data);
  return parsed.success ? null : `${event.name}: ${z.prettifyError(parsed.error)}`;
}
