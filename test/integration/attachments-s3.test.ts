// Issue 13: attachments in an S3-compatible bucket (ATTACHMENT_STORAGE=s3), through the official AWS SDK against a
// local double of S3 (path-style, SigV4-signed): upload, streamed download, nothing stored on refusal, older
// database-stored files still readable, and erase deleting the objects.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { clearTables } from "@/test/db";
import { setEnv } from "@/test/env";
import { S3Double } from "@/test/doubles/s3-double";

const s3 = await S3Double.start("AKIASPORTELLOTEST");
setEnv({
  ATTACHMENT_STORAGE: "s3",
  S3_BUCKET: "sportello-files",
  S3_REGION: "eu-south-1",
  S3_ENDPOINT: s3.url,
  S3_ACCESS_KEY_ID: "AKIASPORTELLOTEST",
  S3_SECRET_ACCESS_KEY: "s3-double-secret",
  S3_FORCE_PATH_STYLE: "true",
  ATTACHMENT_MAX_BYTES: String(512 * 1024),
});
const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { GET: download } = await import("@/app/api/chat/attachments/[id]/route");
const { POST: eraseContact } = await import("@/app/api/admin/contacts/[id]/erase/route");
const { call, adminHeaders } = await import("@/test/http");
const { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } = await import("@/test/fixtures");
const { PNG, uploadFile } = await import("@/test/attachment-fixtures");

afterAll(() => s3.close());

// A PDF of ~300 KB with every byte value in it: the download must come back byte for byte.
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => (i * 7919) % 256)), Buffer.from("\n%%EOF\n")]);

async function liveChat() {
  await createOperator();
  const userId = uniqueUserId();
  const opened = await requestOperator({ userId, email: `${userId}@example.com`, question: "Allego la fattura", priority: "medium", source: "api", channel: "web" }, customerActor());
  if (opened.type !== "operator_assigned") throw new Error("expected an operator");
  return { id: opened.session_id, userId, headers: customerHeaders(await claimKey(opened.session_id)) };
}

const objectKey = (id: string) => `sportello-files/attachments/${id}`;

beforeEach(async () => {
  await clearTables("chat_attachments", "messages", "tickets", "chat_sessions", "operators", "rate_limits");
  s3.http.reset();
});

describe("attachments in an S3 bucket", () => {
  it("uploads the bytes to the bucket (not the database) and streams them back to the customer and admins", async () => {
    const chat = await liveChat();
    const response = await uploadFile(chat.id, chat.headers, PDF, "fattura.pdf", "application/pdf");
    expect(response.status).toBe(201);
    const id = response.json.data.id as string;

    const stored = s3.objects.get(objectKey(id));
    expect(stored?.contentType).toBe("application/pdf");
    expect(stored?.bytes.equals(PDF)).toBe(true);
    expect(s3.http.requests.map((r) => `${r.method} ${new URL(r.path, s3.url).pathname}`)).toEqual([`PUT /${objectKey(id)}`]);
    expect(await prisma.chatAttachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ storage: "s3", data: null, size: PDF.length });

    for (const headers of [chat.headers, adminHeaders()]) {
      const served = await call(download, { params: { id }, headers });
      expect(served.status).toBe(200);
      expect(served.headers.get("content-length")).toBe(String(PDF.length));
      expect(served.headers.get("content-type")).toBe("application/pdf");
      expect(served.bytes.equals(PDF)).toBe(true);
    }
    // A stranger gets the same 404 as for nothing, and the bucket is not even asked.
    const before = s3.http.requests.length;
    expect((await call(download, { params: { id }, headers: customerHeaders("not-the-key") })).status).toBe(404);
    expect(s3.http.requests).toHaveLength(before);
  });

  it("stores nothing in the bucket when the file is refused", async () => {
    const chat = await liveChat();
    expect((await uploadFile(chat.id, chat.headers, Buffer.from("<html>hi</html>"), "x.png", "image/png")).status).toBe(415);
    expect((await uploadFile(chat.id, chat.headers, Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), "big.png", "image/png")).status).toBe(413);
    expect(s3.http.requests).toEqual([]);
    expect(await prisma.chatAttachment.count()).toBe(0);
  });

  it("keeps serving a file stored in PostgreSQL before the switch, and 404s an object gone from the bucket", async () => {
    const chat = await liveChat();
    const old = await prisma.chatAttachment.create({ data: { id: "old-db-file-0000000000000", sessionId: chat.id, uploadedBy: "customer", name: "old.png", contentType: "image/png", size: PNG.length, storage: "db", data: new Uint8Array(PNG) } });
    const served = await call(download, { params: { id: old.id }, headers: chat.headers });
    expect(served.status).toBe(200);
    expect(served.bytes.equals(PNG)).toBe(true);
    expect(s3.http.requests).toEqual([]);

    const uploaded = await uploadFile(chat.id, chat.headers, PNG, "shot.png", "image/png");
    s3.objects.delete(objectKey(uploaded.json.data.id));
    expect((await call(download, { params: { id: uploaded.json.data.id }, headers: chat.headers })).status).toBe(404);
  });

  it("erase deletes the person's objects from the bucket and leaves others", async () => {
    const chat = await liveChat();
    const mine = (await uploadFile(chat.id, chat.headers, PNG, "me.png", "image/png")).json.data.id as string;
    const other = await liveChat();
    const theirs = (await uploadFile(other.id, other.headers, PNG, "them.png", "image/png")).json.data.id as string;
    const contact = await prisma.contact.findUniqueOrThrow({ where: { userId: chat.userId } });

    const erased = await call(eraseContact, { method: "POST", params: { id: contact.id }, headers: adminHeaders() });
    expect(erased.status).toBe(200);
    expect(erased.json.data.attachment_files).toEqual({ deleted: 1, failed: 0 });
    expect(s3.http.requests.some((r) => r.method === "DELETE" && new URL(r.path, s3.url).pathname === `/${objectKey(mine)}`)).toBe(true);
    expect(s3.objects.has(objectKey(mine))).toBe(false);
    expect(s3.objects.has(objectKey(theirs))).toBe(true);
    expect(await prisma.chatAttachment.findUnique({ where: { id: mine } })).toBeNull();
    expect((await call(download, { params: { id: mine }, headers: adminHeaders() })).status).toBe(404);
  });
});
