// Issue 9 findings 5–7 and the origin checks of every cookie-setting better-auth endpoint, against better-auth's
// real handler (app/api/auth/[...all]) and the real PostgreSQL. Issue 14: sign-in from both loopback names.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { setEnv } from "@/test/env";
import { clearTables } from "@/test/db";

const EMBED_SITE = "https://shop.example";
setEnv({ ALLOWED_ORIGINS: EMBED_SITE, LOG_LEVEL: "info", APP_URL: undefined, CHAT_URL: undefined, RESEND_API_KEY: undefined });
const { prisma } = await import("@/lib/db/client");
const { GET, POST } = await import("@/app/api/auth/[...all]/route");
const { POST: resendInvite } = await import("@/app/api/chat/operators/[id]/resend-invite/route");
const { POST: passwordReset } = await import("@/app/api/chat/operators/[id]/password-reset/route");
const { createOperator } = await import("@/test/fixtures");
const { signInOperator, TEST_PASSWORD } = await import("@/test/sign-in-operator");
const { captureOutput } = await import("@/test/capture-output");
const { call, adminHeaders } = await import("@/test/http");
const { releaseBoss } = await import("@/lib/jobs/boss");

const APP = "http://localhost:3001";
let ipCounter = 0;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

async function authCall(path: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const method = options.method ?? "POST";
  const request = new Request(`${APP}/api/auth${path}`, {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": freshIp(), ...options.headers },
    body: method === "GET" ? undefined : JSON.stringify(options.body ?? {}),
  });
  const response = await (method === "GET" ? GET : POST)(request);
  const text = await response.text();
  return { status: response.status, text, json: (text ? JSON.parse(text) : undefined) as { code?: string } | undefined, headers: response.headers };
}

const resetTokens = async (operatorId: string) =>
  (await prisma.authVerification.findMany({ where: { value: operatorId, identifier: { startsWith: "reset-password:" } } })).map((v) => v.identifier.slice("reset-password:".length));

beforeEach(async () => {
  await clearTables("notifications", "auth_verifications", "auth_rate_limits");
});

afterAll(releaseBoss);

describe("password-reset and invite links (issue 9, findings 5 and 7)", () => {
  it("an anonymous reset request prints nothing secret and sends the link only to the operator's email, through the outbox", async () => {
    const operator = await createOperator();
    const { result, output } = await captureOutput(() => authCall("/request-password-reset", { body: { email: operator.email } }));
    expect(result.status).toBe(200);
    const [token] = await resetTokens(operator.id);
    expect(token).toBeTruthy();
    expect(output).not.toContain(token);
    expect(output).toContain("set-password link queued"); // the capture does see the log
    expect(output).not.toMatch(/\/set-password\?|reset-password\/|token=/);
    const notifications = await prisma.notification.findMany({ where: { kind: "auth_link" } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ channel: "email", recipient: operator.email });
    expect((notifications[0].payload as { url: string }).url).toBe(`${APP}/set-password?token=${encodeURIComponent(token)}`);
  });

  it("a reset request for an unknown email answers the same and sends nothing", async () => {
    const response = await authCall("/request-password-reset", { body: { email: "nobody@example.com" } });
    expect(response.status).toBe(200);
    expect(await prisma.notification.count()).toBe(0);
  });

  const redirects: [label: string, redirectTo: string, status: number][] = [
    ["an ALLOWED_ORIGINS embed site", `${EMBED_SITE}/reset`, 403],
    ["another site", "https://evil.example/steal", 403],
    ["a protocol-relative URL", "//evil.example/steal", 403],
    ["a path with a tab trick", "/\t/evil.example", 403],
    ["the app's own page, absolute", `${APP}/set-password`, 200],
    ["the app's own page, relative", "/set-password", 200],
  ];
  it.each(redirects)("redirectTo on %s → %s", async (_label, redirectTo, status) => {
    const operator = await createOperator();
    const response = await authCall("/request-password-reset", { body: { email: operator.email, redirectTo } });
    expect(response.status).toBe(status);
    const notifications = await prisma.notification.findMany({ where: { kind: "auth_link", recipient: operator.email } });
    if (status !== 200) {
      expect(await resetTokens(operator.id)).toEqual([]);
      expect(notifications).toEqual([]);
      return;
    }
    // Whatever redirectTo said, the link leads to this app's own set-password page.
    expect((notifications[0].payload as { url: string }).url).toMatch(new RegExp(`^${APP}/set-password\\?token=`));
  });

  it("better-auth's reset callback only redirects to this app", async () => {
    const operator = await createOperator();
    await authCall("/request-password-reset", { body: { email: operator.email } });
    const [token] = await resetTokens(operator.id);
    const toEmbed = await authCall(`/reset-password/${token}?callbackURL=${encodeURIComponent(`${EMBED_SITE}/x`)}`, { method: "GET" });
    expect(toEmbed.status).toBe(403);
    const own = await authCall(`/reset-password/${token}?callbackURL=${encodeURIComponent("/set-password")}`, { method: "GET" });
    expect(own.status).toBe(302);
    expect(own.headers.get("location")).toBe(`${APP}/set-password?token=${token}`);
  });
});

describe("admins resend invites and send password resets (issue 14)", () => {
  it("resends an invite to a pending operator, sends a reset once a password is set, audits both, and refuses the wrong one", async () => {
    const admin = await createOperator({ role: "admin" });
    const operator = await createOperator();
    const cookie = await signInOperator(admin);
    const params = { id: operator.id };

    const invite = await call(resendInvite, { method: "POST", params, headers: { cookie, origin: APP } });
    expect(invite.status).toBe(200);
    expect(invite.json.data).toMatchObject({ operator_id: operator.id, purpose: "invite", sent_to: operator.email });
    expect(await prisma.auditEvent.count({ where: { action: "operator.invite_resent", targetId: operator.id, actorId: admin.id } })).toBe(1);
    expect((await call(passwordReset, { method: "POST", params, headers: adminHeaders() })).status).toBe(200);

    await signInOperator(operator);
    const again = await call(resendInvite, { method: "POST", params, headers: adminHeaders() });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("INVALID_STATE");
    expect(await prisma.auditEvent.count({ where: { action: "operator.password_reset_sent", targetId: operator.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { kind: "auth_link", recipient: operator.email } })).toBe(2);

    expect((await call(passwordReset, { method: "POST", params })).status).toBe(401);
    const operatorCookie = await signInOperator(operator);
    expect((await call(passwordReset, { method: "POST", params, headers: { cookie: operatorCookie } })).status).toBe(403);
    expect((await call(passwordReset, { method: "POST", params: { id: "nope" }, headers: adminHeaders() })).status).toBe(404);
  });
});

describe("origins (issue 9: every cookie-setting endpoint refuses a cross-site Origin; issue 14: both loopback names)", () => {
  it.each([
    ["http://localhost:3001", 200],
    ["http://127.0.0.1:3001", 200],
    [EMBED_SITE, 403],
    ["https://evil.example", 403],
  ])("sign-in from Origin %s → %s", async (origin, status) => {
    const operator = await createOperator();
    await signInOperator(operator); // gives it a password
    const response = await authCall("/sign-in/email", { body: { email: operator.email, password: TEST_PASSWORD }, headers: { origin } });
    expect(response.status).toBe(status);
    if (status === 403) {
      expect(response.json?.code).toBe("INVALID_ORIGIN");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  // Every better-auth POST that sets or clears a cookie, or changes the account, with the victim's cookie attached
  // as a browser would send it cross-site: refused before anything happens.
  const cookieEndpoints: [path: string, body: Record<string, unknown>][] = [
    ["/sign-in/email", { email: "x@example.com", password: "whatever-password" }],
    ["/sign-out", {}],
    ["/update-user", { name: "Hacked" }],
    ["/change-password", { currentPassword: TEST_PASSWORD, newPassword: "another-password-123" }],
    ["/revoke-sessions", {}],
    ["/revoke-other-sessions", {}],
    ["/revoke-session", { token: "x" }],
    ["/reset-password", { newPassword: "another-password-123", token: "x" }],
    ["/request-password-reset", { email: "x@example.com" }],
  ];
  it.each(cookieEndpoints)("%s with a cross-site Origin and the session cookie → 403", async (path, body) => {
    const operator = await createOperator({ name: "Victim" });
    const cookie = await signInOperator(operator);
    for (const origin of [EMBED_SITE, "https://evil.example", "null"]) {
      const response = await authCall(path, { body, headers: { origin, cookie } });
      expect(response.status, `${path} from ${origin}`).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect((await prisma.operator.findUniqueOrThrow({ where: { id: operator.id } })).name).toBe("Victim");
    expect(await prisma.authSession.count({ where: { userId: operator.id } })).toBe(1);
  });

  it("a deactivated operator's refusal carries its own code, for the login form to show", async () => {
    const operator = await createOperator();
    await signInOperator(operator);
    await prisma.operator.update({ where: { id: operator.id }, data: { active: false } });
    const response = await authCall("/sign-in/email", { body: { email: operator.email, password: TEST_PASSWORD }, headers: { origin: APP } });
    expect(response.status).toBe(403);
    expect(response.json?.code).toBe("ACCOUNT_DEACTIVATED");
  });
});
