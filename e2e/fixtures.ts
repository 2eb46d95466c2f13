// Shared by the browser specs: operators created through the admin API (with ADMIN_API_KEY) who set their password
// through better-auth's invite (reset) flow, signed-in browser contexts, and a clean routing state per test.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";

interface E2eState {
  baseURL: string;
  databaseUrl: string;
  realtimePort: number;
  /** Where e2e/embed.spec.ts serves its host page; the app lists it in ALLOWED_ORIGINS. */
  embedOrigin?: string;
}

let cachedState: E2eState | undefined;
export function e2eState(): E2eState {
  // Written by scripts/e2e-server.ts; playwright.config.ts names the file per run.
  cachedState ??= JSON.parse(readFileSync(path.resolve(process.env.E2E_STATE_FILE ?? ".test-data/e2e-state.json"), "utf8")) as E2eState;
  return cachedState;
}

let pool: pg.Pool | undefined;
/** Direct database access, for what only tests need: reading an invite token, resetting routing between tests. */
export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: e2eState().databaseUrl, max: 2 });
  return pool;
}

export const adminHeaders = () => ({ authorization: `Bearer ${process.env.E2E_ADMIN_API_KEY}` });
export const uniqueSuffix = () => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
/** Each signed-in browser gets its own client address: sign-in attempts are rate limited per IP. */
const uniqueIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0] % 250)}`;

export interface TestOperator {
  id: string;
  name: string;
  email: string;
  password: string;
  role: "operator" | "admin" | "supervisor";
}

/** The token of the operator's latest invite (a better-auth reset-password verification). */
export async function inviteToken(operatorId: string): Promise<string> {
  const { rows } = await db().query<{ identifier: string }>(
    "SELECT identifier FROM auth_verifications WHERE value = $1 AND identifier LIKE 'reset-password:%' ORDER BY created_at DESC LIMIT 1",
    [operatorId],
  );
  if (!rows[0]) throw new Error(`no invite for operator ${operatorId}`);
  return rows[0].identifier.slice("reset-password:".length);
}

/** Creates an operator with the admin API; `setPassword: false` leaves the invite pending (for the invite spec). */
export async function createOperator(
  request: APIRequestContext,
  options: { name?: string; role?: "operator" | "admin" | "supervisor"; maxChats?: number; setPassword?: boolean } = {},
): Promise<TestOperator> {
  const suffix = uniqueSuffix();
  const name = options.name ?? `Operatore ${suffix}`;
  const email = `op-${suffix}@e2e.test`;
  const created = await request.post("/api/chat/operators", {
    headers: adminHeaders(),
    data: { name, email, role: options.role ?? "operator", max_chats: options.maxChats ?? 3 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { data } = (await created.json()) as { data: { id: string } };
  const password = `pw-${randomBytes(8).toString("hex")}`;
  if (options.setPassword !== false) {
    const reset = await request.post("/api/auth/reset-password", {
      headers: { origin: e2eState().baseURL },
      data: { newPassword: password, token: await inviteToken(data.id) },
    });
    expect(reset.status(), await reset.text()).toBe(200);
  }
  return { id: data.id, name, email, password, role: options.role ?? "operator" };
}

/** A fresh browser context signed in as the operator, on the dashboard. */
export async function signIn(browser: Browser, operator: TestOperator): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueIp() } });
  const page = await context.newPage();
  await page.goto("/login?next=/operator");
  await page.getByLabel("Email").fill(operator.email);
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await page.waitForURL("**/operator");
  await expect(page.getByRole("group", { name: "Il tuo stato" })).toBeVisible();
  return { context, page };
}

/** Clicks the dashboard's status switch and waits for the server to confirm it. */
export async function setStatus(page: Page, label: "Online" | "In pausa" | "Offline"): Promise<void> {
  await page.locator("label", { hasText: new RegExp(`^${label}$`) }).click();
  await expect(page.getByRole("radio", { name: label })).toBeChecked();
  await expect(page.getByRole("group", { name: "Il tuo stato" })).toHaveAttribute("aria-busy", "false");
}

/** Escalates through the public API like a chatbot would; returns the outcome. */
export async function escalate(request: APIRequestContext, body: Record<string, unknown> = {}) {
  const response = await request.post("/api/chat/request-operator", {
    data: { user_id: `e2e_${uniqueSuffix()}`, user_email: "cliente@example.com", question: "Ho bisogno di aiuto con il mio ordine", ...body },
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { type: string; session_id: string; position?: number; estimated_wait?: number; ticket_id?: number };
}

/** The page's own alert (Next.js adds an empty role=alert route announcer to every page). */
export const appAlert = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

/** The seqs shown in a page's message log, in screen order. */
export async function shownSeqs(page: Page): Promise<number[]> {
  return page.getByRole("log").locator("li[data-seq]").evaluateAll((items) => items.map((li) => Number(li.getAttribute("data-seq"))));
}

/** Every test starts with nobody online and nobody waiting: routing is global, and leftovers would steal customers. */
export const test = base.extend<{ cleanRouting: void }>({
  cleanRouting: [
    async ({}, use) => {
      await db().query("UPDATE operators SET status = 'offline'");
      await db().query("UPDATE chat_sessions SET status = 'closed', closed_at = now(), closed_reason = 'e2e_reset' WHERE status IN ('queued', 'active')");
      await use();
    },
    { auto: true },
  ],
});

export { expect };
