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
