import "server-only";
import { ApiError } from "@/lib/api/errors";
import { hashSecret, requireSessionRole, type SessionCaller } from "@/lib/auth/customer-key";
import { sessionLocale } from "@/lib/conversations/system-messages";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { RatingBody } from "@/lib/csat/csat-schemas";
import { getCsatSettings } from "@/lib/csat/csat-settings";

function view(rating: { id: string; score: number; comment: string | null; createdAt: Date }) {
  return { id: rating.id, score: rating.score, comment: rating.comment, created_at: rating.createdAt.toISOString() };
}

/** Once per conversation: the unique key decides between two parallel submissions, the loser gets 409. */
async function insertOnce(data: Prisma.ConversationRatingUncheckedCreateInput) {
  try {
    return view(await prisma.conversationRating.create({ data }));
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ApiError("CONFLICT", "This conversation was already rated");
    }
    throw error;
  }
}

/** The customer (by key) rates their chat once it has closed. */
export async function rateSession(sessionId: string, caller: SessionCaller, input: RatingBody, via = "web") {
  const session = await prisma.chatSession.findUnique({
    where: { id: sessionId },
    select: { id: true, status: true, operatorId: true, customerKeyHash: true },
  });
  if (requireSessionRole(caller.principal, session, caller.customerKey) !== "customer") {
    throw new ApiError("FORBIDDEN", "Only the chat's customer can rate it");
  }
  const settings = await getCsatSettings();
  if (!settings.enabled || !settings.on_chat_close) throw new ApiError("INVALID_STATE", "Ratings are switched off");
  if (session!.status !== "closed") throw new ApiError("INVALID_STATE", "A chat can be rated once it has closed", { details: { status: session!.status } });
  return insertOnce({ sessionId, operatorId: session!.operatorId, score: input.score, comment: input.comment || null, via });
}

/** The closed chat a rating link's token opens, or 404: the page (app/rate) and its form's call share it. */
export async function getChatRatingTarget(token: string) {
  const session = await prisma.chatSession.findUnique({
    where: { ratingTokenHash: hashSecret(token) },
    select: { id: true, status: true, operatorId: true, metadata: true, ratings: { select: { score: true } } },
  });
  if (!session) throw new ApiError("NOT_FOUND", "Chat not found");
  return { id: session.id, status: session.status, operatorId: session.operatorId, locale: sessionLocale(session.metadata), score: session.ratings[0]?.score ?? null };
}

/** The customer rates their closed chat from the link in the rating request (email or WhatsApp), once. */
export async function rateChatByToken(token: string, input: RatingBody, via = "link") {
  const session = await getChatRatingTarget(token);
  const settings = await getCsatSettings();
  if (!settings.enabled || !settings.on_chat_close) throw new ApiError("INVALID_STATE", "Ratings are switched off");
  return insertOnce({ sessionId: session.id, operatorId: session.operatorId, score: input.score, comment: input.comment || null, via });
}

/** The customer (by the ticket page's access token) rates their ticket once it is resolved. */
export async function rateTicket(accessToken: string, input: RatingBody, via = "web") {
  const ticket = await prisma.ticket.findUnique({ where: { accessToken }, select: { id: true, status: true, assigneeId: true } });
  if (!ticket) throw new ApiError("NOT_FOUND", "Ticket not found");
  const settings = await getCsatSettings();
  if (!settings.enabled || !settings.on_ticket_resolve) throw new ApiError("INVALID_STATE", "Ratings are switched off");
  if (ticket.status !== "resolved" && ticket.status !== "closed") {
    throw new ApiError("INVALID_STATE", "A ticket can be rated once it is resolved", { details: { status: ticket.status } });
  }
  return insertOnce({ ticketId: ticket.id, operatorId: ticket.assigneeId, score: input.score, comment: input.comment || null, via });
}
