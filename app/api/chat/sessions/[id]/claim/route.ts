// POST /api/chat/sessions/{id}/claim – the customer's browser gets its key to a web chat (first opener, or a resume link)
import { route } from "@/lib/route/handler";
import { postChatSessionsIdClaim } from "@/lib/openapi/sessions/sessions-endpoints";
import { claimSession } from "@/lib/chat/claim-session";
import { NextResponse } from "next/server";

export const POST = route(postChatSessionsIdClaim, async ({ params, body }) => {
  const claim = await claimSession(params.id, body.resume_token);
  return NextResponse.json({ success: true, data: claim }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
