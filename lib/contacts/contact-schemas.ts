// Contracts of the contact endpoints. Browser-safe.
import { z } from "zod";

export const contactParams = z.object({ id: z.string().trim().min(1).max(100) });

export const mergeContactsBody = z
  .object({
    /** The contact that lives on. */
    into: z.string().trim().min(1).max(100),
    /** The contact whose conversations, tickets and notes move, left as a tombstone pointing at `into`. */
    from: z.string().trim().min(1).max(100),
  })
  .refine((b) => b.into !== b.from, { message: "into and from must differ", path: ["from"] });
export type MergeContactsBody = z.infer<typeof mergeContactsBody>;

export const mergePreviewQuery = z.object({ into: z.string().trim().min(1).max(100), from: z.string().trim().min(1).max(100) });

export const contactNoteBody = z.object({ body: z.string().trim().min(1).max(5000) });

// Response shapes, for the OpenAPI document.
const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const contactProfileSchema = z.object({
  id: z.string(),
  /** The id asked for: differs from `id` when it was a contact merged into this one. */
  requested_id: z.string(),
  user_id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  email_verified_at: z.string().nullable(),
  email_verified_via: z.string().nullable().describe('"identity_token" | "link"'),
  phone_verified_at: z.string().nullable(),
  phone_verified_via: z.string().nullable().describe('"whatsapp_inbound"'),
  channels: z.array(z.string()),
  created_at: z.string(),
  erased_at: z.string().nullable(),
  merged_from: z.array(z.object({ id: z.string(), merged_at: z.string().nullable() })),
  notes: z.array(z.object({ id: z.string(), body: z.string(), author: person, created_at: z.string() })),
  timeline: z.array(
    z.object({
      type: z.enum(["conversation", "ticket"]),
      id: z.string(),
      at: z.string(),
      channel: z.string(),
      status: z.string(),
      question: z.string(),
      closed_at: z.string().nullable(),
      message_count: z.number(),
      number: z.number().optional(),
      ticket_number: z.number().nullable().optional(),
      operator: person.optional(),
      assignee: person.optional(),
    }),
  ),
});

export const contactNoteSchema = z.object({ id: z.string(), body: z.string(), author: person, created_at: z.string() });

const contactSummary = z.object({ id: z.string(), user_id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() });
export const mergePlanSchema = z.object({
  into: contactSummary,
  from: contactSummary,
  moves: z.object({ conversations: z.number(), tickets: z.number(), notes: z.number(), merged_contacts: z.number() }),
  fills: z.array(z.string()),
  /** Queued or live chats of each contact; a merge is refused (409 CONVERSATION_OPEN) while both sides have one. */
  open_chats: z.object({ into: z.array(z.string()), from: z.array(z.string()) }),
});

export const mergeSuggestionsSchema = z.array(
  z.object({
    via: z.enum(["email", "phone"]),
    value: z.string(),
    /** Verified on every side: the auto-merge job merges these by itself. */
    automatic: z.boolean(),
    contacts: z.array(
      contactSummary.extend({ email_verified: z.boolean(), phone_verified: z.boolean(), conversations: z.number(), tickets: z.number(), created_at: z.string() }),
    ),
  }),
);

export const eraseResultSchema = z.object({
  contact_id: z.string(),
  erased_at: z.string(),
  removed: z.record(z.string(), z.number()),
  attachment_files: z.object({ deleted: z.number(), failed: z.number() }),
});
