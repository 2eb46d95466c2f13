import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { POST as transcript } from "@/app/api/chat/sessions/[id]/transcript/route";
import { POST as postMessage } from "@/app/api/chat/sessions/[id]/messages/route";
import { call } from "@/test/http";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";

describe("POST /api/chat/sessions/{id}/transcript", () => {
  it("queues the whole thread for the customer's email, at most three times", async () => {
    await createOperator();
    const session = await requestOperator({ userId: uniqueUserId(), email: "anna@example.com", question: "Ordine in ritardo", priority: "medium", source: "api", channel: "web" }, customerActor());
    if (session.type !== "operator_assigned") throw new Error("expected assignment");
    await call(postMessage, { params: { id: session.session_id }, body: { body: "Grazie!" } });
    const response = await call(transcript, { params: { id: session.session_id }, body: {} });
    expect(response.status).toBe(202);
    expect(response.json.data).toMatchObject({ recipient: "anna@example.com", messages: 3 });
    const notification = await prisma.notification.findFirstOrThrow({ where: { sessionId: session.session_id, kind: "transcript" } });
    expect(notification).toMatchObject({ channel: "email", recipient: "anna@example.com", status: "pending" });
    expect((notification.payload as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["Ordine in ritardo", expect.stringContaining("è ora in chat"), "Grazie!"]);

    expect((await call(transcript, { params: { id: session.session_id }, body: { email: "altro@example.com" } })).status).toBe(202);
    expect((await call(transcript, { params: { id: session.session_id }, body: {} })).status).toBe(202);
    const fourth = await call(transcript, { params: { id: session.session_id }, body: {} });
    expect(fourth.status).toBe(429);
  });

  it("needs an address when the chat has none; unknown session → 404; bad email → 400", async () => {
    await createOperator();
    const session = await requestOperator({ userId: uniqueUserId(), question: "?", priority: "low", source: "api", channel: "web" }, customerActor());
    if (session.type === "ticket_created") throw new Error("expected a session");
    expect((await call(transcript, { params: { id: session.session_id }, body: {} })).status).toBe(400);
    expect((await call(transcript, { params: { id: session.session_id }, body: { email: "nope" } })).status).toBe(400);
    expect((await call(transcript, { params: { id: "Z".repeat(24) }, body: {} })).status).toBe(404);
  });
});
