// Issue 14, the first hour in Chromium: first access with `npm run admin:link`, signing in from both loopback names,
// the admin landing on /admin, safe return paths on the real page, an invite read in the local outbox and resent,
// the audit log in sentences, the overview's numbers, the dashboard header, a Web Push reaching a push service, axe.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { PushServiceDouble } from "../test/doubles/push-service-double";
import { adminHeaders, createOperator, db, e2eState, escalate, expect, setStatus, signIn, test, uniqueSuffix } from "./fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const ipOf = () => `10.77.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

async function signInAt(browser: Browser, origin: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL: origin, extraHTTPHeaders: { "x-forwarded-for": ipOf() } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Accedi" }).click();
  return { context, page };
}

async function setPasswordThrough(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("Nuova password").fill(password);
  await page.getByLabel("Ripeti la password").fill(password);
  await page.getByRole("button", { name: "Salva la password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=passwordSet/);
}

test("admin:link gives a working first-access link; the admin signs in at both loopback names and lands on /admin", async ({ browser }) => {
  const email = `primo-admin-${uniqueSuffix()}@e2e.test`;
  const { baseURL, databaseUrl } = e2eState();
  const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/admin-link.ts", email], {
    env: { ...process.env, DATABASE_URL: databaseUrl, APP_URL: baseURL, LOG_LEVEL: "silent", NODE_ENV: "production", AUTH_SECRET: "x".repeat(40) },
  });
  expect(stdout).toContain(`Created the admin account ${email}.`);
  const link = /(http\S+\/set-password\?token=\S+)/.exec(stdout)?.[1];
  expect(link).toBeTruthy();

  const setup = await browser.newContext();
  const page = await setup.newPage();
  await setPasswordThrough(page, link!, "la-password-del-primo-admin");
  await expectNoSeriousViolations(page, "login after set-password");
  await setup.close();

  // The e2e server's public URL is http://127.0.0.1:<port>; the other loopback name must work the same.
  for (const origin of [baseURL, baseURL.replace("127.0.0.1", "localhost")]) {
    const { context, page: signedIn } = await signInAt(browser, origin, email, "la-password-del-primo-admin");
    await signedIn.waitForURL(/\/admin$/);
    await expect(signedIn.getByRole("heading", { level: 1 })).toBeVisible();
    await context.close();
  }
});

test("the login page shows the real reason when the server refuses", async ({ browser, request }) => {
  const operator = await createOperator(request);
  // A deactivated account is not "wrong password".
  await request.patch(`/api/chat/operators/${operator.id}`, { headers: adminHeaders(), data: { active: false } });
  const { context, page } = await signInAt(browser, e2eState().baseURL, operator.email, operator.password);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Questo account è stato disattivato");
  // A refused origin is named as such (a cross-site form post, as another site would send it).
  const refused = await request.post("/api/auth/sign-in/email", { headers: { origin: "https://evil.example" }, data: { email: operator.email, password: operator.password } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe("INVALID_ORIGIN");
  await context.close();
});

test("return paths on the real login page never leave the site", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const { context, page } = await signIn(browser, admin);
  for (const next of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"]) {
    const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
    expect(response.status(), next).toBeLessThan(500);
    expect(response.status(), next).toBe(307);
    expect(response.headers().location, next).toBe("/admin");
  }
  const ok = await page.request.get("/login?next=%2Fadmin%2Ftickets", { maxRedirects: 0 });
  expect(ok.headers().location).toBe("/admin/tickets");
  await context.close();
});

test("an invite waits in the local outbox with a working link; resending is audited and reads as a sentence", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin", name: `Admin ${uniqueSuffix()}` });
  const { context, page } = await signIn(browser, admin);
  await page.goto("/admin/operators");
  const email = `giulia-${uniqueSuffix()}@e2e.test`;
  const invite = page.locator("section", { has: page.getByRole("heading", { name: "Invita un operatore" }) });
  await invite.getByLabel("Nome").fill("Giulia Bianchi");
  await invite.getByLabel("Email").fill(email);
  await invite.getByRole("button", { name: "Invia invito" }).click();
  await expect(page.getByText(`Invito inviato a ${email}.`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) });
  await expect(row.getByText("Invito in attesa")).toBeVisible();
  await row.getByRole("button", { name: "Reinvia invito" }).click();
  await expect(page.getByText(`Nuovo invito inviato a ${email}.`)).toBeVisible();
  await expectNoSeriousViolations(page, "operators page");

  await page.goto("/admin/outbox");
  await page.getByRole("tab", { name: "Outbox locale" }).click();
  const mail = page.getByRole("listitem").filter({ hasText: email }).first();
  await expect(mail).toBeVisible();
  await mail.locator("summary").click();
  const link = mail.getByRole("link", { name: /\/set-password\?token=/ });
  await expect(link).toBeVisible();
  await expectNoSeriousViolations(page, "outbox");
  const href = (await link.getAttribute("href"))!;

  const invited = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ipOf() } });
  const invitedPage = await invited.newPage();
  await setPasswordThrough(invitedPage, href, "password-di-giulia");
  await invitedPage.getByLabel("Email").fill(email);
  await invitedPage.getByLabel("Password").fill("password-di-giulia");
  await invitedPage.getByRole("button", { name: "Accedi" }).click();
  await invitedPage.waitForURL(/\/operator$/);
  await invited.close();

  await page.goto("/admin/audit");
  await expect(page.getByText(`${admin.name} ha inviato di nuovo l'invito a Giulia Bianchi`)).toBeVisible();
  await expect(page.getByText(`${admin.name} ha invitato Giulia Bianchi`)).toBeVisible();
  await expect(page.getByRole("cell", { name: "operator.created" })).toHaveCount(0);
  await expect(page.getByLabel("Oggetto").locator("option", { hasText: "Chiave API" })).toHaveCount(1);
  await expectNoSeriousViolations(page, "audit log");
  await context.close();
});

test("the overview counts an escalation that became a ticket at once", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const { context, page } = await signIn(browser, admin);
  const requestsRow = async () => {
    await page.goto("/admin");
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Richieste di un operatore" }) });
    await expect(card.getByText(/Dati in tabella|Nessun dato nel periodo/)).toBeVisible();
    if ((await card.getByText("Dati in tabella").count()) === 0) return { total: 0, atOnce: 0 };
    await card.getByText("Dati in tabella").click();
    const cells = await card.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => Number(td.textContent))));
    return cells.reduce((sum, [, total, , , atOnce]) => ({ total: sum.total + total, atOnce: sum.atOnce + atOnce }), { total: 0, atOnce: 0 });
  };
  const before = await requestsRow();
  // Nobody online (each test starts so): the request becomes a ticket straight away.
  expect((await escalate(request, { question: "Conta anche me" })).type).toBe("ticket_created");
  const after = await requestsRow();
  expect(after).toEqual({ total: before.total + 1, atOnce: before.atOnce + 1 });
  await expectNoSeriousViolations(page, "overview");
  await context.close();
});

test("the dashboard header fits one row at 1280 px and counts only online operators", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: `Operatrice ${uniqueSuffix()}` });
  await createOperator(request); // offline: not counted
  const { context, page } = await signIn(browser, operator);
  await page.setViewportSize({ width: 1280, height: 800 });
  await setStatus(page, "Offline");
  await expect(page.getByTestId("online-count")).toHaveText("Nessun operatore online");
  await setStatus(page, "Online");
  await expect(page.getByTestId("online-count")).toHaveText("1 operatore online");
  const header = page.locator("header").first();
  const [title, signOut] = [await header.locator("h1").boundingBox(), await header.getByRole("button", { name: "Esci" }).boundingBox()];
  expect(Math.abs(title!.y + title!.height / 2 - (signOut!.y + signOut!.height / 2))).toBeLessThan(8);
  expect((await header.boundingBox())!.height).toBeLessThan(64);
  await expect(page.getByText("Nessuna chat attiva. Quando sei online, le nuove chat arrivano qui.")).toHaveCount(1);
  await expectNoSeriousViolations(page, "operator dashboard");
  await context.close();
});

test("a Web Push for a new assignment reaches the operator's push service with the question", async ({ browser, request }) => {
  const pushService = await PushServiceDouble.start();
  try {
    const operator = await createOperator(request, { name: `Push ${uniqueSuffix()}` });
    const { context, page } = await signIn(browser, operator);
    // The browser's own subscription would point at its vendor's push service; the device's keys and endpoint are
    // the double's, registered through the same API the dashboard's toggle uses.
    const device = pushService.device();
    const saved = await page.request.post("/api/push/subscriptions", { data: { endpoint: device.endpoint, keys: device.keys, expirationTime: null } });
    expect(saved.status(), await saved.text()).toBe(201);
    await setStatus(page, "Online");
    const question = `Dov'è il mio ordine ${uniqueSuffix()}?`;
    const result = await escalate(request, { question });
    expect(result.type).toBe("operator_assigned");
    await expect.poll(() => pushService.received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(device.decrypt(pushService.received[0])).toMatchObject({ title: "Nuova chat assegnata a te", body: question, url: `/operator?session=${result.session_id}` });
    await context.close();
  } finally {
    await db().query("DELETE FROM push_subscriptions");
    await pushService.close();
  }
});
