// Internal notes, whispers, take-over and the floor view (issue 12, supervision). Browser-safe.
import { z } from "zod";
import { prioritySchema } from "@/lib/schemas/common";

const channelSchema = z.enum(["web", "whatsapp", "email"]);

export const postNoteBody = z.object({
  body: z.string().trim().min(1, "note is empty").max(2000).describe("At most 2,000 characters: a note travels whole in one realtime event"),
  whisper: z
    .boolean()
    .optional()
    .describe("Supervisors and admins only: the assigned operator is alerted at once (sound and highlight)"),
});

export const noteSchema = z.object({
  id: z.string(),
  session_id: z.string(),
  body: z.string(),
  whisper: z.boolean(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  after_seq: z.number().int().describe("The thread's last message seq when the note was written: the note sits after it"),
  created_at: z.string(),
});
export type NoteView = z.infer<typeof noteSchema>;

export const takeOverResultSchema = z.object({
  id: z.string(),
  operator: z.object({ id: z.string(), name: z.string() }),
  previous_operator: z.object({ id: z.string(), name: z.string() }).nullable(),
});

const floorOperator = z.object({ id: z.string(), name: z.string() });
const floorTeam = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export const floorSchema = z.object({
  generated_at: z.string(),
  queues: z.array(
    z.object({
      team: floorTeam,
      sessions: z.array(
        z.object({
          id: z.string(),
          position: z.number().int(),
          priority: prioritySchema,
          channel: channelSchema,
          question: z.string(),
          customer: z.string().nullable(),
          queued_at: z.string(),
          waiting_seconds: z.number().int(),
        }),
      ),
    }),
  ),
  active: z.array(
    z.object({
      id: z.string(),
      team: floorTeam,
      operator: floorOperator.nullable(),
      priority: prioritySchema,
      channel: channelSchema,
      customer: z.string().nullable(),
      queued_at: z.string(),
      assigned_at: z.string().nullable(),
      waited_seconds: z.number().int().describe("From joining the queue to an operator taking the chat"),
      first_response_seconds: z.number().int().nullable().describe("From assignment to the operator's first message; null while unanswered"),
      awaiting_reply_since: z
        .string()
        .nullable()
        .describe("The customer's oldest message not yet answered by the operator side; null when nothing is waiting"),
    }),
  ),
  operators: z.array(floorOperator.extend({ status: z.string(), role: z.string(), active_chats: z.number().int(), max_chats: z.number().int() })),
});
export type FloorView = z.infer<typeof floorSchema>;
