// No provider configured: every notification lands in the local outbox, which admins read through the API.
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitUntil } from "@/test/doubles/wait-until";
import { setEnv } from "@/test/env";
import { clearTables } from "@/test/db";

setEnv({ RESEND_API_KEY: undefined, TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined, TWILIO_WHATSAPP_NUMBER: undefined, ADMIN_PHONE: undefined, ADMIN_EMAIL: "admin@sportello.test" });
const { prisma } = await import("@/lib/db/client");
const { startWorker } = await import("@/lib/jobs/worker");
const { jobDefinitions } = await import("@/lib/job-definitions");
const { releaseBoss } = await import("@/lib/jobs/boss");
const { providerHealth } = await import("@/lib/health/provider-health");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { deliverAuthLink } = await import("@/lib/notifications/deliver-auth-link");
const { GET: getOutbox } = await import("@/app/api/admin/outbox/route");
const { GET: getNotifications } = await import("@/app/api/admin/notifications/route");
const { POST: retry } = await import("@/app/api/admin/notifications/[id]/retry/route");
const { customerActor, uniqueUserId } = await import("@/test/fixtures");

const admin = { Authorization: `Bearer ${process.env.ADMIN_API_KEY}` };
const get = (handler: typeof getOutbox, url: string, headers: Record<string, string> = admin) =>
  handler(new NextRequest(url, { headers }), { params: Promise.resolve({}) });

let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeEach(async () => {
  await clearTables("outbox_deliveries", "notifications", "tickets", "operators");
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

afterAll(releaseBoss);

describe("the local outbox", () => {
  it("receives a new ticket's email and WhatsApp messages, readable by admins", async () => {
    worker = await startWorker(jobDefinitions);
    const result = await requestOperator(
      { userId: uniqueUserId(), email: "lucia@example.com", phone: "+393471112222", question: "Dov'è il mio pacco?", priority: "high", source: "api", channel: "web" },
      customerActor(),
    );
    const number = result.type === "ticket_created" ? result.ticket_number : 0;
    const rows = await waitUntil("three notifications sent", async () => {
      const all = await prisma.notification.findMany();
      return all.length === 3 && all.every((n) => n.status === "sent") ? all : null;
    });
    expect(rows.every((n) => n.providerMessageId?.startsWith("local-"))).toBe(true);

    const response = await get(getOutbox, "http://localhost/api/admin/outbox?page_size=10");
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { deliveries: { channel: string; recipient: string; subject: string | null; text: string; html: string | null }[] } };
    const byRecipient = Object.fromEntries(data.deliveries.map((d) => [d.recipient, d]));
    expect(byRecipient["lucia@example.com"]).toMatchObject({ channel: "email", subject: `Ticket #${number} ricevuto: ti risponderemo entro 4 ore` });
    expect(byRecipient["lucia@example.com"].html).toContain("Dov&#39;è il mio pacco?");
    expect(byRecipient["+393471112222"]).toMatchObject({ channel: "whatsapp", subject: null, html: null });
    expect(byRecipient["+393471112222"].text).toContain(`Ho creato il ticket #${number}. Riceverai risposta via email/WhatsApp entro 4h.`);
    expect(byRecipient["admin@sportello.test"].subject).toBe(`[Sportello] Nuovo ticket #${number} (priorità alta)`);

    expect(await providerHealth()).toEqual({ email: "not_configured", whatsapp: "not_configured" });
  });

  it("lists notifications by status for admins only, and retries only failed or dead ones", async () => {
    const sent = await prisma.notification.create({
      data: { kind: "ticket_reply", channel: "email", recipient: "a@example.com", payload: { ticket_number: 1, body: "x" }, status: "sent", providerMessageId: "local-1" },
    });
    const dead = await prisma.notification.create({
      data: { kind: "ticket_reply", channel: "email", recipient: "b@example.com", payload: { ticket_number: 2, body: "y" }, status: "dead", attempts: 10, lastError: "[503] down" },
    });
    await prisma.notification.create({
      data: { kind: "auth_link", channel: "email", recipient: "c@example.com", payload: { name: "C", url: "https://x/set-password?token=secret" }, status: "failed", lastError: "[422] bad" },
    });

    expect((await get(getNotifications, "http://localhost/api/admin/notifications", {})).status).toBe(401);
    const response = await get(getNotifications, "http://localhost/api/admin/notifications?status=dead_letter");
    const { data } = (await response.json()) as { data: { notifications: { id: string; status: string; kind: string; payload: Record<string, unknown> }[]; counts: Record<string, number> } };
    expect(data.notifications.map((n) => n.status).sort()).toEqual(["dead", "failed"]);
    expect(data.counts).toEqual({ sent: 1, failed: 1, dead: 1 });
    // Set-password links are never shown in the list.
    expect(data.notifications.find((n) => n.kind === "auth_link")?.payload.url).toBe("[redacted]");

    const post = (id: string) => retry(new NextRequest(`http://localhost/api/admin/notifications/${id}/retry`, { method: "POST", headers: admin }), { params: Promise.resolve({ id }) });
    expect((await post(sent.id)).status).toBe(409);
    expect((await post("nope")).status).toBe(404);
    worker = await startWorker(jobDefinitions);
    const retried = await post(dead.id);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ data: { id: dead.id, status: "pending", attempts: 0 } });
    await waitUntil("retried notification sent", async () => (await prisma.notification.findUniqueOrThrow({ where: { id: dead.id } })).status === "sent");
    expect(await prisma.outboxDelivery.count({ where: { notificationId: dead.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "notification.retried", targetId: dead.id } })).toBe(1);
  });

  it("puts set-password links in the local outbox like every other mail, readable by admins with the link", async () => {
    worker = await startWorker(jobDefinitions);
    await deliverAuthLink({ email: "new@example.com", name: "New", url: "https://x/set-password?token=t" });
    await waitUntil("invite delivered locally", async () => (await prisma.notification.findFirst({ where: { kind: "auth_link", status: "sent" } })) !== null);
    const response = await get(getOutbox, "http://localhost/api/admin/outbox?recipient=new@example.com");
    const { data } = (await response.json()) as { data: { deliveries: { recipient: string; text: string; html: string | null }[] } };
    expect(data.deliveries).toHaveLength(1);
    expect(data.deliveries[0].text).toContain("https://x/set-password?token=t");
    expect(data.deliveries[0].html).toContain('href="https://x/set-password?token=t"');
  });
});
