// Issue 13: an operator's emailed ticket reply carries its files as email attachments, sent through Resend's SDK to
// its local double (which records what Resend would receive: base64 content, file name, type); size-capped.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { clearTables } from "@/test/db";
import { setEnv } from "@/test/env";
import { ResendDouble } from "@/test/doubles/resend-double";

const resend = await ResendDouble.start("re_reply_files");
setEnv({
  RESEND_API_KEY: "re_reply_files",
  RESEND_BASE_URL: resend.url,
  FROM_EMAIL: "Sportello <desk@example.com>",
  ATTACHMENT_MAX_BYTES: String(512 * 1024),
  EMAIL_ATTACHMENTS_MAX_BYTES: String(256 * 1024),
});
const { prisma } = await import("@/lib/db/client");
const { POST: createTicket } = await import("@/app/api/tickets/route");
const { POST: attach } = await import("@/app/api/tickets/[id]/attachments/route");
const { POST: reply } = await import("@/app/api/tickets/[id]/replies/route");
const { GET: download } = await import("@/app/api/chat/attachments/[id]/route");
const { POST: eraseContact } = await import("@/app/api/admin/contacts/[id]/erase/route");
const { deliverNotification } = await import("@/lib/notifications/deliver-notification");
const { call, adminHeaders } = await import("@/test/http");
const { uniqueUserId } = await import("@/test/fixtures");
const { PNG } = await import("@/test/attachment-fixtures");

afterAll(() => resend.close());

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 40 * 1024 }, (_, i) => (i * 31) % 256)), Buffer.from("\n%%EOF\n")]);
const BIG_PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300 * 1024, 7), Buffer.from("\n%%EOF\n")]);

beforeEach(async () => {
  await clearTables("rate_limits");
  resend.emails.length = 0;
});

async function openTicket() {
  const userId = uniqueUserId();
  const created = await call(createTicket, { path: "/api/tickets", body: { user_id: userId, user_email: `${userId}@example.com`, question: "Mi mandate la fattura?" } });
  expect(created.status).toBe(201);
  return { id: created.json.data.id as string, email: `${userId}@example.com`, userId };
}

async function upload(ticketId: string, bytes: Buffer, name: string, type: string, headers: Record<string, string> = adminHeaders()) {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return call(attach, { params: { id: ticketId }, rawBody: body as unknown as string, headers: { ...headers, "content-type": encoded.headers.get("content-type")! } });
}

const replyWith = (ticketId: string, attachment_ids: string[], channels = ["email"]) =>
  call(reply, { params: { id: ticketId }, body: { body: "Ecco la fattura e la ricevuta.", channels, attachment_ids }, headers: adminHeaders() });

describe("ticket replies with attachments", () => {
  it("sends the files with the email, byte for byte, named as uploaded, and each file only once", async () => {
    const ticket = await openTicket();
    const pdf = await upload(ticket.id, PDF, "fattura marzo.pdf", "application/pdf");
    const png = await upload(ticket.id, PNG, "ricevuta.png", "image/png");
    expect(pdf.status).toBe(201);
    expect(pdf.json.data).toMatchObject({ name: "fattura marzo.pdf", content_type: "application/pdf", size: PDF.length });

    const sent = await replyWith(ticket.id, [pdf.json.data.id, png.json.data.id]);
    expect(sent.status).toBe(201);
    const message = await prisma.message.findUniqueOrThrow({ where: { id: sent.json.data.id } });
    expect((message.media as { name: string }[]).map((m) => m.name)).toEqual(["fattura marzo.pdf", "ricevuta.png"]);

    const notification = await prisma.notification.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "ticket_reply", channel: "email" } });
    expect(await deliverNotification(notification.id)).toBe("sent");
    const email = resend.emails.find((e) => e.to.includes(ticket.email))!;
    expect(email.text).toContain("Ecco la fattura");
    expect(email.attachments?.map((a) => [a.filename, a.content_type])).toEqual([
      ["fattura marzo.pdf", "application/pdf"],
      ["ricevuta.png", "image/png"],
    ]);
    expect(Buffer.from(email.attachments![0].content!, "base64").equals(PDF)).toBe(true);
    expect(Buffer.from(email.attachments![1].content!, "base64").equals(PNG)).toBe(true);

    // Sent files belong to that reply: naming one again, or another ticket's, or an unknown id is refused.
    expect((await replyWith(ticket.id, [png.json.data.id])).status).toBe(400);
    const other = await openTicket();
    const foreign = await upload(other.id, PNG, "altro.png", "image/png");
    expect((await replyWith(ticket.id, [foreign.json.data.id])).status).toBe(400);
    expect((await replyWith(ticket.id, ["nope"])).status).toBe(400);
  });

  it("refuses an emailed reply whose files exceed EMAIL_ATTACHMENTS_MAX_BYTES (413), sending nothing", async () => {
    const ticket = await openTicket();
    const big = await upload(ticket.id, BIG_PDF, "scansione.pdf", "application/pdf");
    expect(big.status).toBe(201);
    const refused = await replyWith(ticket.id, [big.json.data.id]);
    expect(refused.status).toBe(413);
    expect(refused.json.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { max_bytes: 256 * 1024 } });
    expect(await prisma.notification.count({ where: { ticketId: ticket.id, kind: "ticket_reply" } })).toBe(0);
    expect((await prisma.chatAttachment.findUniqueOrThrow({ where: { id: big.json.data.id } })).messageId).toBeNull();
  });

  it("lets only operators and admins upload and read a ticket's files; erase deletes them", async () => {
    const ticket = await openTicket();
    expect((await upload(ticket.id, PNG, "x.png", "image/png", {})).status).toBe(401);
    expect((await upload(ticket.id, Buffer.from("<svg/>"), "x.png", "image/png")).status).toBe(415);
    const file = await upload(ticket.id, PNG, "x.png", "image/png");
    expect((await call(download, { params: { id: file.json.data.id } })).status).toBe(404);
    const served = await call(download, { params: { id: file.json.data.id }, headers: adminHeaders() });
    expect(served.status).toBe(200);
    expect(served.bytes.equals(PNG)).toBe(true);

    const contact = await prisma.contact.findUniqueOrThrow({ where: { userId: ticket.userId } });
    expect((await call(eraseContact, { method: "POST", params: { id: contact.id }, headers: adminHeaders() })).status).toBe(200);
    expect(await prisma.chatAttachment.findUnique({ where: { id: file.json.data.id } })).toBeNull();
  });
});
