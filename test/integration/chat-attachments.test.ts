// Issue 13: attachments in the web chat — limits checked on the bytes, nothing stored on refusal, access by role.
import { beforeEach, describe, expect, it } from "vitest";

process.env.ATTACHMENT_MAX_BYTES = String(64 * 1024);
const { resetEnvCache } = await import("@/lib/env");
resetEnvCache();
const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { POST: upload } = await import("@/app/api/chat/sessions/[id]/attachments/route");
const { GET: download } = await import("@/app/api/chat/attachments/[id]/route");
const { call, adminHeaders } = await import("@/test/http");
const { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } = await import("@/test/fixtures");
const { PNG, uploadFile } = await import("@/test/attachment-fixtures");

// The start of a PDF: what file-type recognises by its magic numbers.
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

beforeEach(async () => {
  await prisma.conversationRating.deleteMany();
  await prisma.chatAttachment.deleteMany();
  await prisma.message.deleteMany();
  await prisma.ticket.deleteMany();
  await prisma.chatSession.deleteMany();
  await prisma.operator.deleteMany();
});

async function liveChat() {
  const operator = await createOperator();
  const opened = await requestOperator({ userId: uniqueUserId(), question: "Ecco lo screenshot", priority: "medium", source: "api", channel: "web" }, customerActor());
  if (opened.type !== "operator_assigned") throw new Error("expected an operator");
  return { id: opened.session_id, operator, headers: customerHeaders(await claimKey(opened.session_id)) };
}

describe("POST /api/chat/sessions/{id}/attachments", () => {
  it("stores an image, puts a message in the thread that references it, and serves it to the customer", async () => {
    const chat = await liveChat();
    const response = await uploadFile(chat.id, chat.headers, PNG, "../../etc/Screen shot\".png", "application/octet-stream");
    expect(response.status).toBe(201);
    expect(response.json.data).toMatchObject({ name: "Screen shot.png", content_type: "image/png", size: PNG.length });
    const id = response.json.data.id as string;
    const message = await prisma.message.findFirstOrThrow({ where: { sessionId: chat.id, sender: "customer", seq: { gt: 1 } } });
    expect(message.media).toEqual([{ attachment_id: id, name: "Screen shot.png", content_type: "image/png", size: PNG.length }]);
    expect((await prisma.chatAttachment.findUniqueOrThrow({ where: { id } })).messageId).toBe(message.id);

    const served = await call(download, { params: { id }, headers: chat.headers });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-disposition")).toContain('inline; filename="Screen shot.png"');
    // Admins see it too.
    expect((await call(download, { params: { id }, headers: adminHeaders() })).status).toBe(200);
  });

  it("a PDF is served as a download in a sandbox", async () => {
    const chat = await liveChat();
    const response = await uploadFile(chat.id, chat.headers, PDF, "fattura.pdf", "application/pdf");
    expect(response.status).toBe(201);
    const served = await call(download, { params: { id: response.json.data.id }, headers: chat.headers });
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-security-policy")).toBe("sandbox");
    expect(served.headers.get("content-disposition")).toMatch(/^attachment; filename="fattura.pdf"/);
  });

  it.each([
    ["oversize → 413", Buffer.concat([PNG, Buffer.alloc(70 * 1024)]), "big.png", "image/png", 413],
    ["HTML named .png → 415 (type read from the bytes)", Buffer.from("<html><script>alert(1)</script></html>"), "fake.png", "image/png", 415],
    ["an SVG (scriptable) → 415", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "x.svg", "image/svg+xml", 415],
  ])("%s, nothing stored", async (_label, bytes, name, type, status) => {
    const chat = await liveChat();
    const response = await uploadFile(chat.id, chat.headers, bytes, name, type);
    expect(response.status).toBe(status);
    expect(await prisma.chatAttachment.count()).toBe(0);
    expect(await prisma.message.count({ where: { sessionId: chat.id, sender: "customer" } })).toBe(1);
  });

  it("refuses a JSON body (415) and a form without a file (400)", async () => {
    const chat = await liveChat();
    expect((await call(upload, { params: { id: chat.id }, body: { file: "x" }, headers: chat.headers })).status).toBe(415);
    const form = new FormData();
    form.append("other", "x");
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const response = await call(upload, { params: { id: chat.id }, rawBody: body as unknown as string, headers: { ...chat.headers, "content-type": encoded.headers.get("content-type")! } });
    expect(response.status).toBe(400);
  });

  it("a foreign session's key, or none, gets 404 for both upload and download", async () => {
    const chat = await liveChat();
    const other = await liveChat();
    const stored = await uploadFile(chat.id, chat.headers, PNG);
    expect((await call(download, { params: { id: stored.json.data.id }, headers: other.headers })).status).toBe(404);
    expect((await call(download, { params: { id: stored.json.data.id } })).status).toBe(404);
    expect((await uploadFile(chat.id, other.headers, PNG)).status).toBe(404);
    expect((await call(download, { params: { id: "A".repeat(24) }, headers: chat.headers })).status).toBe(404);
  });
});

describe("erasing the customer", () => {
  it("removes their attachments' bytes and their rating comments", async () => {
    const { eraseContact } = await import("@/lib/privacy/erase-contact");
    const chat = await liveChat();
    const stored = await uploadFile(chat.id, chat.headers, PNG);
    expect(stored.status).toBe(201);
    const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id } });
    await prisma.conversationRating.create({ data: { sessionId: chat.id, score: 2, comment: "Mario Rossi, 333 1234567" } });
    await eraseContact(session.contactId, { type: "system", id: null });
    expect(await prisma.chatAttachment.count({ where: { sessionId: chat.id } })).toBe(0);
    expect(await prisma.conversationRating.findUniqueOrThrow({ where: { sessionId: chat.id } })).toMatchObject({ score: 2, comment: null });
    expect((await call(download, { params: { id: stored.json.data.id }, headers: chat.headers })).status).toBe(404);
  });
});

describe("an operator's file to a WhatsApp customer", () => {
  it("goes out as Twilio media from a signed, expiring link that works without a key, and only as signed", async () => {
    const { signedAttachmentUrl } = await import("@/lib/attachments/signed-url");
    const { renderWhatsapp } = await import("@/lib/whatsapp/render-whatsapp");
    await createOperator();
    const phone = `+39337${String(Date.now()).slice(-7)}`;
    const opened = await requestOperator(
      { userId: `whatsapp:${phone}`, phone, question: "Mi mandi la fattura?", priority: "medium", source: "whatsapp", channel: "whatsapp", trusted: true, phoneVerifiedVia: "whatsapp_inbound", whatsappInboundAt: new Date() },
      customerActor(),
    );
    if (opened.type !== "operator_assigned") throw new Error("expected an operator");
    const stored = await uploadFile(opened.session_id, adminHeaders(), PDF, "fattura.pdf", "application/pdf");
    expect(stored.status).toBe(201);
    const reply = await prisma.notification.findFirstOrThrow({ where: { sessionId: opened.session_id, kind: "session_message", channel: "whatsapp" } });
    const mediaUrl = (reply.payload as { media_url?: string }).media_url!;
    expect(mediaUrl).toMatch(new RegExp(`/api/chat/attachments/${stored.json.data.id}\\?expires=\\d+&signature=`));
    expect(renderWhatsapp("session_message", reply.payload, "it").mediaUrl).toBe(mediaUrl);

    const url = new URL(mediaUrl);
    const query = Object.fromEntries(url.searchParams);
    const fetchSigned = (q: Record<string, string>) =>
      call(download, { params: { id: stored.json.data.id }, path: `${url.pathname}?${new URLSearchParams(q)}` });
    expect((await fetchSigned(query)).status).toBe(200);
    expect((await fetchSigned({ ...query, signature: query.signature.replace(/^./, (c) => (c === "A" ? "B" : "A")) })).status).toBe(404);
    const expired = new URL(signedAttachmentUrl(stored.json.data.id, new Date(Date.now() - 2 * 24 * 3600_000)));
    expect((await fetchSigned(Object.fromEntries(expired.searchParams))).status).toBe(404);
  });
});
