// Web Push for assignments (issue 14): an operator opts a device in, a chat is assigned, and the push service (a
// local double on 127.0.0.1) receives an encrypted, VAPID-signed push carrying the assignment's question.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PushServiceDouble as PushServiceDoubleType } from "@/test/doubles/push-service-double";
import { setEnv } from "@/test/env";
import { clearTables } from "@/test/db";

type PushServiceDouble = PushServiceDoubleType;

setEnv({ APP_URL: undefined, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined });
const { prisma } = await import("@/lib/db/client");
const { startWorker } = await import("@/lib/jobs/worker");
const { jobDefinitions } = await import("@/lib/job-definitions");
const { releaseBoss } = await import("@/lib/jobs/boss");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { vapidKeys } = await import("@/lib/push/vapid-keys");
const { POST: subscribe, DELETE: unsubscribe } = await import("@/app/api/push/subscriptions/route");
const { GET: publicKey } = await import("@/app/api/push/vapid-public-key/route");
const { PushServiceDouble } = await import("@/test/doubles/push-service-double");
const { waitUntil } = await import("@/test/doubles/wait-until");
const { createOperator, customerActor, uniqueUserId } = await import("@/test/fixtures");
const { signInOperator } = await import("@/test/sign-in-operator");
const { call, adminHeaders } = await import("@/test/http");

let pushService: PushServiceDouble;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;

beforeAll(async () => {
  pushService = await PushServiceDouble.start();
});
afterAll(async () => {
  await pushService.close();
  await releaseBoss();
});
beforeEach(async () => {
  await clearTables("push_subscriptions", "notifications");
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

describe("Web Push on assignment", () => {
  it("reaches the operator's opted-in device with the assignment's question", async () => {
    const operator = await createOperator({ name: "Giulia", status: "online" });
    const cookie = await signInOperator(operator);
    const key = await call(publicKey, { headers: { cookie } });
    expect(key.status).toBe(200);
    const keys = await vapidKeys();
    expect(key.json.data.public_key).toBe(keys.publicKey);

    const device = pushService.device();
    const saved = await call(subscribe, { method: "POST", headers: { cookie }, body: { endpoint: device.endpoint, keys: device.keys, expirationTime: null } });
    expect(saved.status).toBe(201);

    worker = await startWorker(jobDefinitions);
    const result = await requestOperator({ userId: uniqueUserId(), question: "Il pacco non è arrivato", priority: "high", source: "chatbot", channel: "web" }, customerActor());
    expect(result.type).toBe("operator_assigned");
    const push = await waitUntil("the push reached the push service", () => pushService.received.find((p: { path: string }) => p.path === new URL(device.endpoint).pathname));
    expect(push.headers["content-encoding"]).toBe("aes128gcm");
    expect(push.headers.authorization).toMatch(new RegExp(`^vapid t=.+, k=${keys.publicKey}$`));
    expect(push.headers.urgency).toBe("high");
    expect(device.decrypt(push)).toEqual({
      title: "Nuova chat assegnata a te",
      body: "Il pacco non è arrivato",
      url: `/operator?session=${result.type === "operator_assigned" ? result.session_id : ""}`,
      tag: `session-${result.type === "operator_assigned" ? result.session_id : ""}`,
    });
    const notification = await waitUntil("the outbox row marked sent", () => prisma.notification.findFirst({ where: { channel: "push", recipient: operator.id, status: "sent" } }));
    expect(notification).toMatchObject({ kind: "operator_assignment", providerMessageId: "push-1-of-1" });
  });

  it("forgets a device the push service no longer knows, and sends nothing for operators without devices", async () => {
    const operator = await createOperator({ status: "online" });
    const cookie = await signInOperator(operator);
    const device = pushService.device("gone-device");
    pushService.gone.add(new URL(device.endpoint).pathname);
    expect((await call(subscribe, { method: "POST", headers: { cookie }, body: { endpoint: device.endpoint, keys: device.keys } })).status).toBe(201);
    worker = await startWorker(jobDefinitions);
    await requestOperator({ userId: uniqueUserId(), question: "Ciao", priority: "medium", source: "chatbot", channel: "web" }, customerActor());
    await waitUntil("the gone device was forgotten", async () => (await prisma.pushSubscription.count()) === 0);

    const other = await createOperator({ status: "online" });
    await prisma.operator.update({ where: { id: operator.id }, data: { status: "offline" } });
    await requestOperator({ userId: uniqueUserId(), question: "Ancora", priority: "medium", source: "chatbot", channel: "web" }, customerActor());
    expect(await prisma.notification.count({ where: { channel: "push", recipient: other.id } })).toBe(0);
  });

  it.each([
    ["no session", {}, (_: string) => ({}), 401],
    ["an admin API key (no device of its own)", adminHeaders(), (endpoint: string) => ({ endpoint, keys: { p256dh: "B".repeat(87), auth: "A".repeat(22) } }), 403],
  ] as const)("POST /api/push/subscriptions – %s → %s", async (_label, headers, body, status) => {
    const device = pushService.device();
    expect((await call(subscribe, { method: "POST", headers: { ...headers }, body: body(device.endpoint) })).status).toBe(status);
  });

  it.each([
    ["a plain-http endpoint off this machine", "http://push.example.com/x", 400],
    ["a non-URL endpoint", "not a url", 400],
    ["credentials in the endpoint", "https://user:pw@push.example.com/x", 400],
  ])("POST /api/push/subscriptions – %s → %s", async (_label, endpoint, status) => {
    const operator = await createOperator();
    const cookie = await signInOperator(operator);
    const device = pushService.device();
    const response = await call(subscribe, { method: "POST", headers: { cookie }, body: { endpoint, keys: device.keys } });
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe("VALIDATION_ERROR");
  });

  it("removes only one's own device", async () => {
    const [owner, stranger] = [await createOperator(), await createOperator()];
    const device = pushService.device();
    await call(subscribe, { method: "POST", headers: { cookie: await signInOperator(owner) }, body: { endpoint: device.endpoint, keys: device.keys } });
    const byStranger = await call(unsubscribe, { method: "DELETE", headers: { cookie: await signInOperator(stranger) }, body: { endpoint: device.endpoint } });
    expect(byStranger.json.data).toEqual({ deleted: 0 });
    expect(await prisma.pushSubscription.count({ where: { operatorId: owner.id } })).toBe(1);
    const byOwner = await call(unsubscribe, { method: "DELETE", headers: { cookie: await signInOperator(owner) }, body: { endpoint: device.endpoint } });
    expect(byOwner.json.data).toEqual({ deleted: 1 });
  });

  it("keeps one VAPID key pair in the database for every instance", async () => {
    const first = await vapidKeys();
    const row = await prisma.setting.findUniqueOrThrow({ where: { key: "web_push_vapid" } });
    expect(row.value).toMatchObject({ publicKey: first.publicKey, privateKey: first.privateKey });
    expect(first.subject).toMatch(/^mailto:/);
  });
});
