import { afterAll, describe, expect, it } from "vitest";
import { TwilioDouble, twilioSid } from "@/test/doubles/twilio-double";
import { setEnv } from "@/test/env";

const ACCOUNT_SID = `AC${"5".repeat(32)}`;
const twilioApi = await TwilioDouble.start(ACCOUNT_SID, "media-route-token");
setEnv({
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: "media-route-token",
  TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886",
  TWILIO_API_BASE_URL: twilioApi.url,
});
const { prisma } = await import("@/lib/db/client");
const { GET: media } = await import("@/app/api/chat/messages/[id]/media/[index]/route");
const { call, adminHeaders } = await import("@/test/http");
const { createOperator, customerActor } = await import("@/test/fixtures");
const { requestOperator } = await import("@/lib/routing/request-operator");

afterAll(() => twilioApi.close());

describe("GET /api/chat/messages/{id}/media/{index}", () => {
  it("streams a WhatsApp attachment from Twilio to the session's operator, and to nobody else", async () => {
    await createOperator();
    const session = await requestOperator({ userId: "whatsapp:+393331112233", phone: "+393331112233", question: "[image/png]", priority: "medium", source: "whatsapp", channel: "whatsapp", trusted: true }, customerActor());
    if (session.type === "ticket_created") throw new Error("expected a session");
    const path = twilioApi.addMedia(twilioSid("MM"), "image/png", Buffer.from("png-bytes"));
    const message = await prisma.message.findFirstOrThrow({ where: { sessionId: session.session_id, seq: 1 } });
    await prisma.message.update({ where: { id: message.id }, data: { media: [{ url: `https://api.twilio.com${path}`, content_type: "image/png", sid: "ME1" }] } });

    const { GET: getSession } = await import("@/app/api/chat/sessions/[id]/route");
    const view = (await call(getSession, { params: { id: session.session_id }, headers: adminHeaders() })).json.data;
    expect(view.messages[0].attachments).toEqual([{ content_type: "image/png" }]);

    const response = await call(media, { params: { id: message.id, index: "0" }, headers: adminHeaders() });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.text).toBe("png-bytes");

    expect((await call(media, { params: { id: message.id, index: "0" } })).status).toBe(401);
    expect((await call(media, { params: { id: message.id, index: "1" }, headers: adminHeaders() })).status).toBe(404);
    expect((await call(media, { params: { id: "nope", index: "0" }, headers: adminHeaders() })).status).toBe(404);
  });
});
