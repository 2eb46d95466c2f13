// GET /api/chat/operators/online – online operators and their free seats, for the transfer picker
import { ok, route } from "@/lib/api/handler";
import { listOnlineOperators } from "@/lib/operators/list-operators";

export const GET = route({ auth: "operator" }, async () => ok(await listOnlineOperators()));
