import "server-only";
import { ApiError } from "@/lib/api/errors";
import { isSupervisor, operatorIdOf, type Principal } from "@/lib/auth/principal";
import { canOperate, canView } from "@/lib/auth/customer-key";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { EVENTS, operatorChannel, sessionStaffChannel } from "@/lib/realtime/channels";
import { publish } from "@/lib/realtime/server";
import type { NoteView } from "@/lib/schemas/supervision";

// The only module that reads session_notes. Notes travel only on staff channels: the session's presence channel
// (operators, supervisors, admins: lib/chat/authorize-channel.ts) and the assigned operator's own channel,
// never private-session-…, which the customer follows.

const noteSelect = {
  id: true,
  sessionId: true,
  body: true,
  whisper: true,
  afterSeq: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.SessionNoteSelect;

type NoteRow = Prisma.SessionNoteGetPayload<{ select: typeof noteSelect }>;

function toNoteView(n: NoteRow): NoteView {
  return {
    id: n.id,
    session_id: n.sessionId,
    body: n.body,
    whisper: n.whisper,
    author: n.author,
    after_seq: n.afterSeq,
    created_at: n.createdAt.toISOString(),
  };
}

/** Staff who may read a session's notes: those who may view the session (a customer's key never counts). */
async function staffSession(sessionId: string, principal: Principal | null) {
  const session = await prisma.chatSession.findUnique({ where: { id: sessionId }, select: { id: true, status: true, operatorId: true } });
  if (!session || !canView(principal, session)) throw new ApiError("NOT_FOUND", "Session not found");
  return session;
}

export async function listSessionNotes(sessionId: string, principal: Principal | null): Promise<NoteView[]> {
  await staffSession(sessionId, principal);
  const notes = await prisma.sessionNote.findMany({ where: { sessionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: noteSelect });
  return notes.map(toNoteView);
}

/**
 * An internal note in a live chat, by its operator, an admin or a supervisor. A whisper (supervisors and admins)
 * is a note that alerts the assigned operator at once.
 */
export async function addSessionNote(sessionId: string, input: { body: string; whisper?: boolean }, principal: Principal | null): Promise<NoteView> {
  const session = await staffSession(sessionId, principal);
  const supervisor = isSupervisor(principal);
  if (!supervisor && !canOperate(principal, session)) throw new ApiError("FORBIDDEN", "Only the chat's operator, a supervisor or an admin can write notes");
  if (input.whisper && !supervisor) throw new ApiError("FORBIDDEN", "Only supervisors and admins can whisper");
  if (session.status !== "active" && session.status !== "queued") {
    throw new ApiError("INVALID_STATE", `The session is ${session.status}`, { details: { status: session.status } });
  }
  const authorId = operatorIdOf(principal);
  const note = await prisma.$transaction(async (tx) => {
    const { lastSeq } = await tx.chatSession.findUniqueOrThrow({ where: { id: sessionId }, select: { lastSeq: true } });
    return tx.sessionNote.create({
      data: { sessionId, authorId, body: input.body, whisper: input.whisper ?? false, afterSeq: lastSeq },
      select: noteSelect,
    });
  });
  const view = toNoteView(note);
  await publish([
    { channel: sessionStaffChannel(sessionId), name: EVENTS.noteCreated, data: view },
    // The assigned operator hears of it even with another chat on screen (a whisper rings).
    ...(session.operatorId && session.operatorId !== authorId
      ? [{ channel: operatorChannel(session.operatorId), name: EVENTS.noteCreated, data: view }]
      : []),
  ]);
  return view;
}
