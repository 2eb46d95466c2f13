// Operator sign-in: invite → set password → sign in → dashboard → sign out; pages and APIs refuse strangers;
// sign-in brute force is rate limited; customers cannot reach another session.
import { adminHeaders, appAlert, createOperator, db, e2eState, escalate, expect, inviteToken, signIn, test } from "./fixtures";

test("an invited operator sets a password, signs in, lands on the dashboard and signs out", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Nuova Collega", setPassword: false });
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.200.0.1" } });
  const page = await context.newPage();

  // The invite link, as printed or emailed: better-auth checks the token and redirects to /set-password.
  const token = await inviteToken(operator.id);
  await page.goto(`/api/auth/reset-password/${token}?callbackURL=${encodeURIComponent(`${e2eState().baseURL}/set-password`)}`);
  await expect(page).toHaveURL(/\/set-password\?token=/);
  await page.getByLabel("Nuova password").fill("corta");
  await page.getByLabel("Ripeti la password").fill("corta");
  await page.getByRole("button", { name: "Salva la password" }).click();
  await expect(appAlert(page)).toContainText("almeno 10 caratteri");
  await page.getByLabel("Nuova password").fill("una-password-lunga");
  await page.getByLabel("Ripeti la password").fill("una-password-lunga");
  await page.getByRole("button", { name: "Salva la password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=passwordSet/);
  await expect(page.getByRole("status")).toContainText("Password impostata");

  await page.getByLabel("Email").fill(operator.email);
  await page.getByLabel("Password").fill("una-password-lunga");
  await page.getByRole("button", { name: "Accedi" }).click();
  await page.waitForURL("**/operator");
  await expect(page.getByText("Accesso come Nuova Collega")).toBeVisible();

  // The session cookie is HttpOnly and SameSite=Lax (Secure only over https).
  const cookie = (await context.cookies()).find((c) => c.name.includes("session_token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // The invite works once.
  const reused = await request.post("/api/auth/reset-password", {
    headers: { origin: e2eState().baseURL },
    data: { newPassword: "ancora-un-altra-password", token },
  });
  expect(reused.status()).toBe(400);

  await page.getByRole("button", { name: "Esci" }).click();
  await expect(page).toHaveURL(/\/login\?notice=signedOut/);
  await page.goto("/operator");
  await expect(page).toHaveURL(/\/login\?next=%2Foperator/);
  await context.close();
});

test("pages send strangers to sign in and operators without the role to a 403", async ({ browser, request }) => {
  const anonymous = await browser.newContext();
  const page = await anonymous.newPage();
  await page.goto("/admin/operator-dashboard.html");
  await expect(page).toHaveURL(/\/login\?next=%2Foperator/);
  await expect(page.getByRole("heading", { name: "Accedi" })).toBeVisible();
  await anonymous.close();

  const operator = await createOperator(request);
  const { context, page: desk } = await signIn(browser, operator);
  const response = await desk.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(desk.getByRole("heading", { name: "Accesso negato" })).toBeVisible();
  await context.close();
});

test("a bad set-password link says so", async ({ page }) => {
  await page.goto("/set-password?error=INVALID_TOKEN");
  await expect(appAlert(page)).toContainText("Il link non è valido o è scaduto");
});

test("sign-in brute force is rate limited", async ({ browser, request }) => {
  const operator = await createOperator(request);
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.201.0.1" } });
  const page = await context.newPage();
  await page.goto("/login");
  const alert = appAlert(page);
  let limited = false;
  for (let attempt = 0; attempt < 8 && !limited; attempt++) {
    await page.getByLabel("Email").fill(operator.email);
    await page.getByLabel("Password").fill(`sbagliata-${attempt}`);
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(alert).toBeVisible();
    await expect(page.getByRole("button", { name: "Accedi" })).toBeEnabled();
    limited = (await alert.textContent())?.includes("Troppi tentativi") ?? false;
  }
  expect(limited).toBe(true);
  // Even the right password is refused until the window passes.
  await page.getByLabel("Password").fill(operator.password);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(alert).toContainText("Troppi tentativi");
  await context.close();
});

const operatorApis: [string, string][] = [
  ["GET", "/api/chat/queue"],
  ["GET", "/api/chat/my-sessions"],
  ["GET", "/api/chat/operators/online"],
  ["PATCH", "/api/chat/operators/me"],
  ["POST", "/api/chat/operators/me/heartbeat"],
];
for (const [method, path] of operatorApis) {
  test(`${method} ${path} – without a session answers 401`, async ({ request }) => {
    const response = await request.fetch(path, { method, data: method === "GET" ? undefined : { status: "online" } });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, error: { code: "UNAUTHORIZED" } });
  });
}

test("a customer cannot reach another session: messages 404, channel 403", async ({ request, playwright }) => {
  const operator = await createOperator(request);
  await db().query("UPDATE operators SET status = 'online', max_chats = 1 WHERE id = $1", [operator.id]);
  const mine = await escalate(request, { question: "La mia domanda" });
  const theirs = await escalate(request, { question: "La domanda di un altro" });

  const stranger = await playwright.request.newContext({ baseURL: e2eState().baseURL });
  const unknown = await stranger.get("/api/chat/sessions/AAAAAAAAAAAAAAAAAAAAAAAA");
  expect(unknown.status()).toBe(404);
  const forged = await stranger.post("/api/chat/sessions/AAAAAAAAAAAAAAAAAAAAAAAA/messages", { data: { body: "ciao" } });
  expect(forged.status()).toBe(404);
  // The browser that opened its own chat holds that chat's key, and nothing else.
  const claimed = await stranger.post(`/api/chat/sessions/${mine.session_id}/claim`, { data: {} });
  expect(claimed.status()).toBe(201);
  const key = (await claimed.json()).data.session_key as string;
  const channel = await stranger.post("/api/realtime/auth", {
    form: { socket_id: "123.456", channel_name: `private-session-${theirs.session_id}`, session_key: key },
  });
  expect(channel.status()).toBe(403);
  // Knowing the other chat's id is not enough: not as a key, not to read it, not to claim it once its browser has.
  const idAsKey = await stranger.post("/api/realtime/auth", {
    form: { socket_id: "123.456", channel_name: `private-session-${theirs.session_id}`, session_key: theirs.session_id },
  });
  expect(idAsKey.status()).toBe(403);
  expect((await stranger.get(`/api/chat/sessions/${theirs.session_id}`)).status()).toBe(404);
  const queue = await stranger.post("/api/realtime/auth", { form: { socket_id: "123.456", channel_name: "private-queue" } });
  expect(queue.status()).toBe(403);
  const own = await stranger.post("/api/realtime/auth", {
    form: { socket_id: "123.456", channel_name: `private-session-${mine.session_id}`, session_key: key },
  });
  expect(own.status()).toBe(200);
  expect(await own.json()).toHaveProperty("auth");
  await stranger.dispose();

  // The admin key is not an operator session: operator-only routes still answer for it (admins see everything).
  const asAdmin = await request.get("/api/chat/queue", { headers: adminHeaders() });
  expect(asAdmin.status()).toBe(200);
});
