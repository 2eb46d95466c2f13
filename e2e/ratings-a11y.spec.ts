// Issue 13: the rating screens pass axe (no serious or critical violation) and work by keyboard-accessible controls:
// the resolved ticket page's form, the page a closed chat's emailed rating request links to, and the admin
// overview's satisfaction panel with its per-team table. (The chat page's own rating panel is checked in
// customer-waiting.spec.ts, after the chat closes.)
import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { adminHeaders, createOperator, db, expect, signIn, test, uniqueSuffix } from "./fixtures";

async function expectNoSeriousViolations(page: Page, label: string, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  const results = await (include ? builder.include(include) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function rate(page: Page, stars: number) {
  // The stars are a radio group; the visible star is the label, the input itself is visually hidden.
  await page.getByRole("radio", { name: `${stars} stelle` }).check({ force: true });
  await page.getByRole("textbox", { name: "Vuoi aggiungere qualcosa? (facoltativo)" }).fill("Tutto chiaro");
  await page.getByRole("button", { name: "Invia la valutazione" }).click();
  await expect(page.getByText("Grazie per la tua valutazione!")).toBeVisible();
}

test("the resolved ticket page's rating form", async ({ page, request }) => {
  const created = await request.post("/api/tickets", { data: { user_id: `e2e_${uniqueSuffix()}`, user_email: "rating@example.com", question: "Rimborso per l'ordine 42" } });
  expect(created.status(), await created.text()).toBe(201);
  const { data } = (await created.json()) as { data: { id: string } };
  const { rows } = await db().query<{ access_token: string }>("UPDATE tickets SET status = 'resolved', resolved_at = now() WHERE id = $1 RETURNING access_token", [data.id]);
  await page.goto(`/ticket/${rows[0].access_token}`);
  await expect(page.getByRole("group", { name: "Come ti abbiamo aiutato?" })).toBeVisible();
  await expectNoSeriousViolations(page, "ticket rating");
  await rate(page, 4);
  await expectNoSeriousViolations(page, "ticket rating sent");
});

test("the page a closed chat's rating request links to", async ({ page }) => {
  const token = randomBytes(32).toString("base64url");
  const suffix = uniqueSuffix();
  await db().query("INSERT INTO contacts (id, user_id, updated_at) VALUES ($1, $2, now())", [`c_${suffix}`, `e2e_${suffix}`]);
  await db().query(
    `INSERT INTO chat_sessions (id, contact_id, status, question, closed_at, rating_token_hash, updated_at)
     VALUES ($1, $2, 'closed', 'Aiuto', now(), $3, now())`,
    [`s_${suffix}`, `c_${suffix}`, createHash("sha256").update(token).digest("hex")],
  );
  await page.goto(`/rate/${token}`);
  await expect(page.getByRole("heading", { name: "La tua chat con noi" })).toBeVisible();
  await expectNoSeriousViolations(page, "chat rating link");
  await rate(page, 5);
  const { rows } = await db().query<{ score: number; via: string }>("SELECT score, via FROM conversation_ratings WHERE session_id = $1", [`s_${suffix}`]);
  expect(rows).toEqual([{ score: 5, via: "link" }]);

  // A second visit says it is rated; a wrong link says so too.
  await page.reload();
  await expect(page.getByText("Grazie, hai già valutato questa conversazione.")).toBeVisible();
  await page.goto(`/rate/${randomBytes(32).toString("base64url")}`);
  await expect(page.getByRole("heading", { name: "Link non valido" })).toBeVisible();
  await expectNoSeriousViolations(page, "chat rating link not found");
});

test("the overview's satisfaction panel, per team", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const { page } = await signIn(browser, admin);
  const overview = await request.get("/api/admin/csat", { headers: adminHeaders() });
  expect(overview.status()).toBe(200);
  await page.goto("/admin");
  const panel = page.locator("section[aria-labelledby='csat-title']");
  await expect(panel.getByRole("heading", { name: "Soddisfazione dei clienti, ultimi 30 giorni" })).toBeVisible();
  await expect(panel.getByRole("table", { name: "Per team" })).toBeVisible();
  await panel.getByRole("combobox", { name: "Settimane e operatori per" }).selectOption({ label: "Default" });
  await expectNoSeriousViolations(page, "csat panel", "section[aria-labelledby='csat-title']");
});
