import "server-only";
import { prisma } from "@/lib/db/client";
import { assertContactVisible, resolveContactId } from "@/lib/contacts/get-contact";
import type { Viewer } from "@/lib/search/visibility";

/** An internal note about the contact (operators who may see it, and admins). */
export async function addContactNote(id: string, body: string, authorId: string | null, viewer: Viewer) {
  const contactId = await resolveContactId(id);
  await assertContactVisible(contactId, viewer);
  const note = await prisma.contactNote.create({
    data: { contactId, body, authorId },
    include: { author: { select: { id: true, name: true } } },
  });
  return { id: note.id, body: note.body, author: note.author, created_at: note.createdAt.toISOString() };
}
