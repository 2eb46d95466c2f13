// GET /api/chat/operators/online – online operators and their free seats, for the transfer picker
import { ok, route } from "@/lib/route/handler";
import { getChatOperatorsOnline } from "@/lib/openapi/operators/operators-endpoints";
import { listOnlineOperators } from "@/lib/operators/list-operators";

export const GET = route(getChatOperatorsOnline, async () => ok(await listOnlineOperators()));
