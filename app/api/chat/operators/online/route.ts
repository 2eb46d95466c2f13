// GET /api/chat/operators/online – online operators and their free seats, for the transfer picker
import { ok, route } from "@/lib/api/handler";
import { prisma } from "@/lib/db/client";

export const GET = route({ auth: "operator" }, async () => {
  const rows = await prisma.$queryRaw<{ id: string; name: string; max_chats: number; active_chats: bigint }[]>`
    SELECT o.id, o.name, o.max_chats,
           (SELECT count(*) FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active') AS active_chats
      FROM operators o WHERE o.status = 'online' AND o.active ORDER BY o.name`;
  return ok(rows.map((r) => ({ id: r.id, name: r.name, max_chats: r.max_chats, active_chats: Number(r.active_chats), free_seats: Math.max(0, r.max_chats - Number(r.active_chats)) })));
});
