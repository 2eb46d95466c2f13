// The outbox end to end: real PostgreSQL, real pg-boss workers, the real Resend and Twilio SDKs talking to local
// HTTP doubles of their APIs.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResendDouble } from "@/test/doubles/resend-double";
import { TwilioDouble } from "@/test/doubles/twilio-double";
import { waitUntil } from "@/test/doubles/wait-until";
import { setEnv } from "@/test/env";
import { clearTables } from "@/test/db";

const RESEND_KEY = "re_test_0123456789";
const ACCOUNT_SID = `AC${"1".repeat(32)}`;
const AUTH_TOKEN = "twilio-test-token";
const resend = await ResendDouble.start(RESEND_KEY);
const twilio = await TwilioDouble.start(ACCOUNT_SID, AUTH_TOKEN);

// Before any module reads the environment: the SDKs reach the doubles through their base-URL options.
setEnv({
  APP_URL: "https://sportello.test",
  RESEND_API_KEY: RESEND_KEY,
  RESEND_BASE_URL: resend.url,
  FROM_EMAIL: "Sportello <desk@sportello.test>",
  ADMIN_EMAIL: "admin@sportello.test",
  ADMIN_PHONE: "+390612345678",
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886",
  TWILIO_API_BASE_URL: twilio.url,
  TWILIO_TEMPLATE_TICKET_UPDATE_SID: "HX_ticket_update",
  TWILIO_TEMPLATE_ADMIN_ALERT_SID: "HX_admin_alert",
  NOTIFICATION_MAX_ATTEMPTS: "4",
  NOTIFICATION_RETRY_BASE_SECONDS: "0.1",
  RESEND_REQUESTS_PER_SECOND: "50",
});
const { prisma } = await import("@/lib/db/client");
const { startWorker } = await import("@/lib/jobs/worker");
const { jobDefinitions } = await import("@/lib/job-definitions");
const { releaseBoss } = await import("@/lib/jobs/boss");
const { enqueueNotification } = await import("@/lib/notifications/enqueue-notification");
const { retryNotification } = await import("@/lib/admin/retry-notification");
const { providerHealth } = await import("@/lib/health/provider-health");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { deliverAuthLink } = await import("@/lib/notifications/deliver-auth-link");
const { customerActor, uniqueUserId } = await import("@/test/fixtures");

type Worker = Awaited<ReturnType<typeof startWorker>>;
let workers: Worker[] = [];

async function worker(): Promise<Worker> {
  const started = await startWorker(jobDefinitions);
  workers.push(started);
  return started;
}

async function stopWorkers(): Promise<void> {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
}

async function emailNotification(recipient = `c-${Math.random().toString(36).slice(2)}@example.com`): Promise<string> {
  return prisma.$transaction((tx) =>
    enqueueNotification(tx, {
      kind: "ticket_reply",
      channel: "email",
      recipient,
      payload: { ticket_number: 1001, body: "Abbiamo risolto.", ticket_url: "https://sportello.test/ticket/x" },
    }),
  );
}

const sentNotification = (id: string) =>
  waitUntil(`notification ${id} sent`, async () => {
    const row = await prisma.notification.findUniqueOrThrow({ where: { id } });
    return row.status === "sent" ? row : null;
  });

const emailsFor = (id: string) => resend.emails.filter((e) => e.idempotencyKey === id);

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators");
  resend.emails.length = 0;
  resend.http.reset();
  twilio.messages.length = 0;
  twilio.http.reset();
});

afterEach(stopWorkers);

afterAll(async () => {
  await releaseBoss();
  await Promise.all([resend.close(), twilio.close()]);
});

describe("notification delivery", () => {
  it("sends a new ticket's emails and WhatsApp messages, templates outside the 24-hour window", async () => {
    await worker();
    const result = await requestOperator(
      { userId: uniqueUserId(), email: "mario@example.com", phone: "+393337654321", question: "Non riesco ad accedere <al mio account>", priority: "medium", source: "api", channel: "web" },
      customerActor(),
    );
    expect(result.type).toBe("ticket_created");
    const number = result.type === "ticket_created" ? result.ticket_number : 0;

    await waitUntil("two emails and two WhatsApp messages", () => resend.emails.length === 2 && twilio.messages.length === 2);
    const notifications = await waitUntil("all four sent", async () => {
      const rows = await prisma.notification.findMany({ orderBy: { createdAt: "asc" } });
      return rows.length === 4 && rows.every((r) => r.status === "sent") ? rows : null;
    });

    const customerEmail = resend.emails.find((e) => e.to[0] === "mario@example.com")!;
    expect(customerEmail.from).toBe("Sportello <desk@sportello.test>");
    expect(customerEmail.subject).toBe(`Ticket #${number} ricevuto: ti risponderemo entro 24 ore`);
    expect(customerEmail.text).toContain("Ti risponderemo entro 24 ore");
    expect(customerEmail.html).toContain("Non riesco ad accedere &lt;al mio account&gt;");
    const adminEmail = resend.emails.find((e) => e.to[0] === "admin@sportello.test")!;
    expect(adminEmail.subject).toBe(`[Sportello] Nuovo ticket #${number} (priorità media)`);
    // Every email carries its notification's id as Resend's Idempotency-Key.
    const emailRows = notifications.filter((n) => n.channel === "email");
    expect(resend.emails.map((e) => e.idempotencyKey).sort()).toEqual(emailRows.map((n) => n.id).sort());
    expect(emailRows.map((n) => n.providerMessageId).sort()).toEqual(resend.emails.map((e) => e.id).sort());

    // Nobody wrote to the desk on WhatsApp: only approved templates may go out.
    const toCustomer = twilio.messages.find((m) => m.to === "whatsapp:+393337654321")!;
    expect(toCustomer).toMatchObject({
      from: "whatsapp:+14155238886",
      contentSid: "HX_ticket_update",
      body: undefined,
      statusCallback: "https://sportello.test/webhooks/whatsapp/status",
    });
    expect(toCustomer.contentVariables).toEqual({
      "1": `#${number}`,
      "2": expect.stringContaining(`Ho creato il ticket #${number}. Riceverai risposta via email/WhatsApp entro 24h.`),
    });
    const toAdmin = twilio.messages.find((m) => m.to === "whatsapp:+390612345678")!;
    expect(toAdmin.contentSid).toBe("HX_admin_alert");
    expect(toAdmin.contentVariables?.["1"]).toBe(`Nuovo ticket #${number} (priorità media)`);
    expect(notifications.filter((n) => n.channel === "whatsapp").map((n) => n.providerMessageId).sort()).toEqual(twilio.messages.map((m) => m.sid).sort());
  });

  it("sends free text to a number inside its 24-hour window", async () => {
    await prisma.contact.create({ data: { userId: "whatsapp:+393339998877", phone: "+393339998877", lastWhatsappInboundAt: new Date(Date.now() - 3_600_000) } });
    await worker();
    await prisma.$transaction((tx) =>
      enqueueNotification(tx, { kind: "queue_position", channel: "whatsapp", recipient: "+393339998877", payload: { position: 2, estimated_wait: 6 } }),
    );
    const message = await waitUntil("the WhatsApp message", () => twilio.messages[0]);
    expect(message).toMatchObject({ to: "whatsapp:+393339998877", body: "Sei in posizione 2 nella coda. Tempo stimato: 6 minuti.", contentSid: undefined });
  });

  it("retries through 500s and a 429 with Retry-After, then delivers exactly once", async () => {
    resend.http.failNext(2, { status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } });
    resend.http.failNext(1, { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "1" } });
    twilio.http.failNext(2, { status: 503, body: { code: 20503, message: "Service unavailable", status: 503 } });
    await prisma.contact.create({ data: { userId: "whatsapp:+393331112233", phone: "+393331112233", lastWhatsappInboundAt: new Date() } });
    await worker();
    const emailId = await emailNotification("retry@example.com");
    const whatsappId = await prisma.$transaction((tx) =>
      enqueueNotification(tx, { kind: "session_message", channel: "whatsapp", recipient: "+393331112233", payload: { body: "Eccomi" } }),
    );

    const email = await sentNotification(emailId);
    const whatsapp = await sentNotification(whatsappId);
    expect(email.attempts).toBe(4);
    expect(email.lastError).toBeNull();
    expect(emailsFor(emailId)).toHaveLength(1);
    const posts = resend.http.requests.filter((r) => r.headers["idempotency-key"] === emailId);
    expect(posts).toHaveLength(4);
    expect(new Set(posts.map((r) => r.headers["idempotency-key"]))).toEqual(new Set([emailId]));
    expect(whatsapp.attempts).toBe(3);
    expect(twilio.messages.filter((m) => m.to === "whatsapp:+393331112233")).toHaveLength(1);
  });

  it("honours Retry-After before the next attempt", async () => {
    resend.http.failNext(1, { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "2" } });
    await worker();
    const id = await emailNotification();
    const pending = await waitUntil("the refused attempt recorded", async () => {
      const row = await prisma.notification.findUniqueOrThrow({ where: { id } });
      return row.status === "pending" && row.attempts === 1 ? row : null;
    });
    expect(pending.lastError).toContain("429");
    expect(pending.nextAttemptAt.getTime() - pending.lastAttemptAt!.getTime()).toBeGreaterThanOrEqual(2_000);
    await sentNotification(id);
    expect(emailsFor(id)).toHaveLength(1);
  });

  it("gives up on a refused recipient at once, and delivers when an admin retries", async () => {
    twilio.http.failNext(1, { status: 400, body: { code: 21211, message: "Invalid 'To' Phone Number", status: 400 } });
    await prisma.contact.create({ data: { userId: "whatsapp:+393330000001", phone: "+393330000001", lastWhatsappInboundAt: new Date() } });
    await worker();
    const id = await prisma.$transaction((tx) =>
      enqueueNotification(tx, { kind: "session_message", channel: "whatsapp", recipient: "+393330000001", payload: { body: "Ciao" } }),
    );
    const failed = await waitUntil("failed", async () => {
      const row = await prisma.notification.findUniqueOrThrow({ where: { id } });
      return row.status === "failed" ? row : null;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain("21211");

    const retried = await retryNotification(id, { type: "system", id: null });
    expect(retried.status).toBe("pending");
    await sentNotification(id);
    expect(twilio.messages).toHaveLength(1);
    await expect(retryNotification(id, { type: "system", id: null })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("moves a notification to the dead-letter list after the last attempt, and /health says the provider is failing", async () => {
    resend.http.failNext(4, { status: 503, body: { statusCode: 503, name: "application_error", message: "down" } });
    await worker();
    const id = await emailNotification();
    const dead = await waitUntil("dead", async () => {
      const row = await prisma.notification.findUniqueOrThrow({ where: { id } });
      return row.status === "dead" ? row : null;
    });
    expect(dead.attempts).toBe(4);
    expect(resend.emails).toHaveLength(0);
    expect(await providerHealth()).toEqual({ email: "failing", whatsapp: "configured" });

    await retryNotification(id, { type: "system", id: null });
    await sentNotification(id);
    expect(await providerHealth()).toEqual({ email: "configured", whatsapp: "configured" });
  });

  it("delivers what was committed while no worker ran, once a worker starts", async () => {
    const ids = [await emailNotification(), await emailNotification()];
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resend.emails).toHaveLength(0);
    await worker();
    await Promise.all(ids.map(sentNotification));
    expect(ids.map((id) => emailsFor(id).length)).toEqual([1, 1]);
  });

  it("takes over a send whose worker died mid-flight, and Resend's Idempotency-Key keeps it to one email", async () => {
    // The first worker reached Resend, then died before recording it: the row is left "sending" past its lease.
    const id = await emailNotification("crash@example.com");
    await prisma.notification.update({
      where: { id },
      data: { status: "sending", attempts: 1, lastAttemptAt: new Date(Date.now() - 200_000), nextAttemptAt: new Date(Date.now() - 20_000) },
    });
    const firstId = resend.preload(id, { from: "x", to: ["crash@example.com"], subject: "Risposta al tuo ticket #1001" });
    await worker();
    const row = await sentNotification(id);
    expect(row.attempts).toBe(2);
    expect(row.providerMessageId).toBe(firstId);
    expect(emailsFor(id)).toHaveLength(1);
  });

  it("does not touch a send another worker still holds", async () => {
    const id = await emailNotification();
    await prisma.notification.update({ where: { id }, data: { status: "sending", attempts: 1, nextAttemptAt: new Date(Date.now() + 60_000) } });
    await worker();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await prisma.notification.findUniqueOrThrow({ where: { id } })).status).toBe("sending");
    expect(resend.http.requests).toHaveLength(0);
  });

  it("emails set-password links (operator invites, the admin's setup) in the operator's language", async () => {
    await prisma.operator.create({ data: { id: "op_en", name: "Anna", email: "anna@example.com", locale: "en" } });
    await worker();
    await deliverAuthLink({ email: "anna@example.com", name: "Anna", url: "https://sportello.test/set-password?token=abc" });
    const email = await waitUntil("the set-password email", () => resend.emails.find((e) => e.to[0] === "anna@example.com"));
    expect(email.subject).toBe("Set your Sportello password");
    expect(email.text).toContain("Set your password: https://sportello.test/set-password?token=abc");
  });

  it("delivers each notification once with two workers running", async () => {
    await Promise.all([worker(), worker()]);
    const ids = await Promise.all(Array.from({ length: 12 }, () => emailNotification()));
    await Promise.all(ids.map(sentNotification));
    expect(ids.map((id) => emailsFor(id).length)).toEqual(ids.map(() => 1));
    expect(resend.http.requests).toHaveLength(12);
  });
});
