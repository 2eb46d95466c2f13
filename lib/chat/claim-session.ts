import "server-only";
import { ApiError } from "@/lib/api/errors";
import { hashSecret, newSecret } from "@/lib/auth/customer-key";
import { prisma } from "@/lib/db/client";

export interface ClaimResult {
  session_id: string;
  /** The customer's key: sent back as `X-Session-Key`, and as `session_key` to /api/realtime/auth. Shown once. */
  session_key: string;
  resumed: boolean;
}

/**
 * Gives a browser the key to a web chat: the first browser to open the chat's link claims it, and afterwards the
 * session id alone opens nothing. With a resume token (the link mailed to the conversation's own address) the
 * conversation moves to this browser and the previous key stops working.
 */
export async function claimSession(sessionId: string, resumeToken?: string, now = new Date()): Promise<ClaimResult> {
  const key = newSecret();
  const keyHash = hashSecret(key);
  if (resumeToken) {
    const moved = await prisma.$executeRaw`
      UPDATE chat_sessions SET customer_key_hash = ${keyHash}, claimed_at = ${now}, resume_token_hash = NULL, resume_expires_at = NULL
       WHERE id = ${sessionId} AND resume_token_hash = ${hashSecret(resumeToken)} AND resume_expires_at > ${now}`;
    if (moved === 0) throw new ApiError("LINK_EXPIRED", "This link has expired or was already used: ask for a new one");
    return { session_id: sessionId, session_key: key, resumed: true };
  }
  // One statement: of two browsers opening the same link at once, exactly one gets the key.
  const claimed = await prisma.$executeRaw`
    UPDATE chat_sessions SET customer_key_hash = ${keyHash}, claimed_at = ${now}
     WHERE id = ${sessionId} AND channel = 'web' AND customer_key_hash IS NULL`;
  if (claimed === 1) return { session_id: sessionId, session_key: key, resumed: false };
  const session = await prisma.chatSession.findUnique({ where: { id: sessionId }, select: { channel: true } });
  if (!session || session.channel !== "web") throw new ApiError("NOT_FOUND", "Session not found");
  throw new ApiError("SESSION_CLAIMED", "This conversation is already open in another browser", { details: { resume_link: `/api/chat/sessions/${sessionId}/resume-link` } });
}
