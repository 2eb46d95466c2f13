// The admin's operators and API-key pages through the real UI: lists load, an invite goes out, a key is shown once.
import { createOperator, expect, signIn, test, uniqueSuffix } from "./fixtures";

test("an admin invites an operator and creates an API key shown only once", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const { page } = await signIn(browser, admin);

  await page.goto("/admin/operators");
  await expect(page.getByRole("heading", { level: 1, name: "Operatori" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(admin.email.replace(/[.]/g, "\\.")) })).toBeVisible();
  const email = `nuovo-${uniqueSuffix()}@e2e.test`;
  const invite = page.locator("section", { has: page.getByRole("heading", { name: "Invita un operatore" }) });
  await invite.getByLabel("Nome").fill("Nuovo Operatore");
  await invite.getByLabel("Email").fill(email);
  await invite.getByRole("button", { name: "Invia invito" }).click();
  await expect(page.getByText(`Invito inviato a ${email}.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) })).toBeVisible();

  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "Chiavi API" })).toBeVisible();
  const name = `Chatbot ${uniqueSuffix()}`;
  await page.getByLabel("Nome").fill(name);
  await page.getByRole("button", { name: "Crea chiave" }).click();
  await expect(page.getByText("Copia la chiave adesso: non la mostreremo più.")).toBeVisible();
  const key = (await page.locator("code", { hasText: /^spk_[A-Za-z0-9_-]{20,}$/ }).textContent())!.trim();
  expect(key).toMatch(/^spk_/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(key.slice(0, 10));

  // The key works for the chatbot's call; the list never shows it again after a reload.
  const escalation = await request.post("/api/chat/request-operator", {
    headers: { authorization: `Bearer ${key}` },
    data: { user_id: `e2e-key-${uniqueSuffix()}`, question: "Prova della chiave" },
  });
  expect(escalation.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await expect(page.locator("code", { hasText: key })).toHaveCount(0);
});
