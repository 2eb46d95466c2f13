// The admin's two integration pages: the FAQ bot (switch, knowledge base, question tester) and the embed sites
// (register, secret once, check a signed token) — through the real UI, with axe on both.
import AxeBuilder from "@axe-core/playwright";
import { SignJWT } from "jose";
import type { Page } from "@playwright/test";
import { adminHeaders, appAlert, createOperator, expect, signIn, test, uniqueSuffix } from "./fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an admin fills the knowledge base, switches the FAQ bot on and tries a question", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const { page } = await signIn(browser, admin);
  await page.goto("/admin/knowledge");
  await expect(page.getByRole("heading", { level: 1, name: "Domande frequenti" })).toBeVisible();

  const question = `Come cambio il metodo di spedizione ${uniqueSuffix()}?`;
  const add = page.locator("section", { has: page.getByRole("heading", { name: "Nuova domanda" }) });
  await add.getByLabel("Domanda").fill(question);
  await add.getByLabel("Risposta").fill("Dalla pagina dell'ordine, finché non è partito.");
  await add.getByLabel("Parole chiave").fill("corriere, consegna");
  await add.getByRole("button", { name: "Aggiungi" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Voce aggiunta." })).toBeVisible();
  await expect(page.getByText(question)).toBeVisible();

  await page.getByLabel("Rispondi dalle domande frequenti prima di passare a un operatore").check();
  await page.getByRole("button", { name: "Salva", exact: true }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Impostazioni salvate." })).toBeVisible();

  await page.getByLabel("Domanda del cliente").fill(question);
  await page.getByRole("button", { name: "Prova" }).click();
  await expect(page.getByText(/^Risponde · fiducia 100%$/)).toBeVisible();
  await expect(appAlert(page)).toHaveCount(0);
  await expectNoSeriousViolations(page, "admin knowledge");

  // What customers now get from the public API.
  const answer = await request.post("/api/faq/answer", { data: { question, locale: "it" } });
  expect((await answer.json()).data).toMatchObject({ enabled: true, decision: "answer", answer: "Dalla pagina dell'ordine, finché non è partito." });
  await request.put("/api/admin/faq-settings", { headers: adminHeaders(), data: { enabled: false, answer_above: 0.8, escalate_below: 0.3 } });
});

test("an admin registers an embedding site, copies its secret once and checks a token signed with it", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const { page } = await signIn(browser, admin);
  await page.goto("/admin/sites");
  await expect(page.getByRole("heading", { level: 1, name: "Siti e identità firmate" })).toBeVisible();

  const origin = `https://shop-${uniqueSuffix()}.example.com`;
  await page.getByLabel("Nome").fill("Negozio di prova");
  await page.getByLabel("Origine").fill(origin);
  await page.getByRole("button", { name: "Registra e genera il segreto" }).click();
  const secret = (await page.locator("code", { hasText: /^spes_/ }).textContent())!.trim();
  expect(secret).toMatch(/^spes_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(`Attenzione: ${origin} non è in ALLOWED_ORIGINS`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(origin.replace(/[.]/g, "\\.")) })).toContainText(`…${secret.slice(-4)}`);

  // Not in ALLOWED_ORIGINS on this server, so even a correctly signed token is refused — and the page says why.
  const token = await new SignJWT({ email: "mario@example.com" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("10m").sign(new TextEncoder().encode(secret));
  await page.getByLabel("Token (JWT)").fill(token);
  await page.getByLabel("Presentato da").selectOption({ label: `Negozio di prova — ${origin}` });
  await page.getByRole("button", { name: "Verifica" }).click();
  await expect(page.getByText("L'origine che lo presenta non è in ALLOWED_ORIGINS.")).toBeVisible();
  await expectNoSeriousViolations(page, "admin sites");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Revoca Negozio di prova" }).click();
  await expect(page.getByRole("row", { name: new RegExp(origin.replace(/[.]/g, "\\.")) })).toContainText("Revocato il");
});
