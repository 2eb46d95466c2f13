import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { POST as transcript } from "@/app/api/chat/sessions/[id]/transcript/route";
import { POST as postMessage } from "@/app/api/chat/sessions/[id]/messages/route";
import { call } from "@/test/http";
import { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } from "@/test/fixtures";

async function openChat(email?: string) {
  await createOperator();
  const session = await requestOperator({ userId: uniqueUserId(), email, question: "Ordine in ritardo", priority: "medium", source: "api", channel: "web" }, customerActor());
  if (session.type === "ticket_created") throw new Error("expected a session");
  return { id: session.session_id, headers: customerHeaders(await claimKey(session.session_id)) };
}

describe("POST /api/chat/sessions/{id}/transcript", () => {
  it("queues the whole thread for the address the chat was opened with, at most three times", async () => {
    const chat = await openChat("anna@example.com");
    await call(postMessage, { params: { id: chat.id }, body: { body: "Grazie!" }, headers: chat.headers });
    const response = await call(transcript, { params: { id: chat.id }, body: {}, headers: chat.headers });
    expect(response.status).toBe(202);
    expect(response.json.data).toMatchObject({ recipient: "anna@example.com", messages: 3 });
    const notification = await prisma.notification.findFirstOrThrow({ where: { sessionId: chat.id, kind: "transcript" } });
    expect(notification).toMatchObject({ channel: "email", recipient: "anna@example.com", status: "pending" });
    expect((notification.payload as { messages: { body: string }[] }).messages.map((m) => m.body)).toEqual(["Ordine in ritardo", expect.stringContaining("è ora in chat"), "Grazie!"]);

    // Another address than the chat's own is refused: a transcript is not a way to mail anyone anything.
    const elsewhere = await call(transcript, { params: { id: chat.id }, body: { email: "altro@example.com" }, headers: chat.headers });
    expect(elsewhere.status).toBe(400);
    expect((await call(transcript, { params: { id: chat.id }, body: {}, headers: chat.headers })).status).toBe(202);
    expect((await call(transcript, { params: { id: chat.id }, body: {}, headers: chat.headers })).status).toBe(202);
    const fourth = await call(transcript, { params: { id: chat.id }, body: {}, headers: chat.headers });
    expect(fourth.status).toBe(429);
    expect(await prisma.notification.count({ where: { sessionId: chat.id, kind: "transcript" } })).toBe(3);
  });

  it("eight parallel requests: exactly three are sent (finding 8)", async () => {
    const chat = await openChat();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(transcript, { params: { id: chat.id }, body: { email: "victim@example.com" }, headers: chat.headers })),
    );
    expect(answers.filter((a) => a.status === 202)).toHaveLength(3);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(5);
    expect(await prisma.notification.count({ where: { sessionId: chat.id, kind: "transcript" } })).toBe(3);
  });

  it("needs the customer's key: the session id alone → 404, nothing sent", async () => {
    const chat = await openChat("anna@example.com");
    const response = await call(transcript, { params: { id: chat.id }, body: { email: "victim@example.com" } });
    expect(response.status).toBe(404);
    expect(await prisma.notification.count({ where: { sessionId: chat.id, kind: "transcript" } })).toBe(0);
  });

  it("needs an address when the chat has none; unknown session → 404; bad email → 400", async () => {
    const chat = await openChat();
    expect((await call(transcript, { params: { id: chat.id }, body: {}, headers: chat.headers })).status).toBe(400);
    expect((await call(transcript, { params: { id: chat.id }, body: { email: "nope" }, headers: chat.headers })).status).toBe(400);
    expect((await call(transcript, { params: { id: "Z".repeat(24) }, body: {}, headers: chat.headers })).status).toBe(404);
  });
});
