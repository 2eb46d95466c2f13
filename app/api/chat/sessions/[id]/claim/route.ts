// POST /api/chat/sessions/{id}/claim – the customer's browser gets its key to a web chat (first opener, or a resume link)
import { route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { claimSession } from "@/lib/chat/claim-session";
import { claimSessionBody, sessionParams } from "@/lib/schemas/sessions";
import { NextResponse } from "next/server";

export const POST = route({ params: sessionParams, body: claimSessionBody }, async ({ params, body, principal, ip }) => {
  await limitSessionAction(principal, ip);
  const claim = await claimSession(params.id, body.resume_token);
  return NextResponse.json({ success: true, data: claim }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
