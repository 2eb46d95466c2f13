// GET /api/chat/sessions/{id}/contact-history – the customer's other conversations and open tickets (chat sidebar)
import { ApiError } from "@/lib/api/errors";
import { ok, route } from "@/lib/api/handler";
import { canView } from "@/lib/chat/customer-key";
import { getSessionContactHistory } from "@/lib/contacts/get-session-contact-history";
import { prisma } from "@/lib/db/client";
import { sessionIdSchema } from "@/lib/schemas/common";
import { z } from "zod";

const params = z.object({ id: sessionIdSchema });

export const GET = route({ auth: "operator", params }, async ({ params, principal }) => {
  const session = await prisma.chatSession.findUnique({ where: { id: params.id }, select: { operatorId: true, status: true } });
  if (!session || !canView(principal, session)) throw new ApiError("NOT_FOUND", "Session not found");
  return ok(await getSessionContactHistory(params.id));
});
