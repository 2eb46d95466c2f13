// Issue 13, the customer's side: no dead ends, honest waiting with alternatives, ratings, pasted screenshots.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { adminHeaders, createOperator, db, escalate, expect, setStatus, signIn, test, uniqueSuffix } from "./fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const popup = (email: string, question: string) => `/admin/customer-chat.html?email=${encodeURIComponent(email)}&question=${encodeURIComponent(question)}`;

test("nobody online: the ticket card links to the ticket page, and a reload keeps one ticket", async ({ page }) => {
  const question = `Fattura sbagliata ${uniqueSuffix()}`;
  await page.goto(popup(`t-${uniqueSuffix()}@example.com`, question));
  const heading = page.getByRole("heading", { name: /Ticket #\d+ creato/ });
  await expect(heading).toBeVisible();
  const title = await heading.textContent();
  await expect(page.getByText("Ti risponderemo via email.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Apri la pagina del tuo ticket" })).toHaveAttribute("href", /\/ticket\/[A-Za-z0-9_-]+$/);
  await expectNoSeriousViolations(page, "ticket card");

  await page.reload();
  await expect(page.getByRole("heading", { name: title! })).toBeVisible();
  const { rows } = await db().query<{ count: string }>("SELECT count(*) FROM tickets WHERE question = $1", [question]);
  expect(Number(rows[0].count)).toBe(1);

  // And on from there: a new conversation starts from the form, with the email kept.
  await page.getByRole("button", { name: "Inizia una nuova conversazione" }).click();
  await expect(page.getByRole("textbox", { name: "La tua domanda" })).toBeVisible();
});

test("the waiting customer sees the position move live and leaves a message instead", async ({ page, request }) => {
  const operator = await createOperator(request, { maxChats: 1 });
  await db().query("UPDATE operators SET status = 'online', last_seen_at = now() WHERE id = $1", [operator.id]);
  await escalate(request); // takes the only seat

  const question = `Spedizione in ritardo ${uniqueSuffix()}`;
  await page.goto(popup(`w-${uniqueSuffix()}@example.com`, question));
  await expect(page.getByText(/Sei in posizione 1 nella coda/)).toBeVisible();
  await expectNoSeriousViolations(page, "waiting options");

  // An urgent customer arrives: this one moves back a place, live.
  await escalate(request, { priority: "urgent" });
  await expect(page.getByText(/Sei in posizione 2 nella coda/)).toBeVisible();

  // The choices are always offered: the customer opens them ("Non vuoi aspettare?"), or the page has already opened them
  // because the promised wait is about to pass (a short estimate when recent chats were quick, as in this suite).
  const leave = page.getByRole("button", { name: "Lascia un messaggio" });
  if ((await page.locator("details").filter({ hasText: "Lascia un messaggio" }).getAttribute("open")) === null) await page.getByText("Non vuoi aspettare?").click();
  await leave.click();
  await expect(page.getByRole("heading", { name: /Ticket #\d+ creato/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Segui il ticket" })).toHaveAttribute("href", /\/ticket\//);
  const { rows } = await db().query<{ status: string; session_status: string }>(
    "SELECT t.status, s.status AS session_status FROM tickets t JOIN chat_sessions s ON s.id = t.session_id WHERE t.question = $1",
    [question],
  );
  expect(rows).toEqual([{ status: "open", session_status: "ticketed" }]);
});

test("a pasted screenshot reaches the operator as a thumbnail; the rating after close lands in the overview", async ({ browser, page, request }) => {
  const operator = await createOperator(request, { name: `Sara ${uniqueSuffix()}` });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");

  await page.goto(popup(`r-${uniqueSuffix()}@example.com`, "Vi mando uno screenshot"));
  await expect(page).toHaveURL(/[?&]session=/);
  const box = page.getByRole("textbox", { name: "Scrivi un messaggio" });
  await expect(box).toBeEnabled();
  // The smallest PNG, pasted as a screenshot would be.
  await box.evaluate((area) => {
    const bytes = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "schermata.png", { type: "image/png" }));
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole("log").getByRole("img", { name: "schermata.png" })).toBeVisible();

  await desk.getByRole("button", { name: /r-/ }).first().click();
  await expect(desk.getByRole("log").getByRole("img", { name: "schermata.png" })).toBeVisible();

  await page.getByRole("button", { name: "Termina la chat" }).click();
  await page.getByRole("button", { name: "Sì, termina" }).click();
  await expect(page.getByRole("heading", { name: "La chat è terminata" })).toBeVisible();
  await expectNoSeriousViolations(page, "rating");
  // The stars are a radio group; the visible star is the label, the input itself is visually hidden.
  await page.getByRole("radio", { name: "4 stelle" }).check({ force: true });
  await page.getByRole("button", { name: "Invia la valutazione" }).click();
  await expect(page.getByText("Grazie per la tua valutazione!")).toBeVisible();

  const overview = await request.get("/api/admin/csat", { headers: adminHeaders() });
  const { data } = (await overview.json()) as { data: { by_operator: { operator_id: string; average_score: number }[] } };
  expect(data.by_operator.find((o) => o.operator_id === operator.id)).toMatchObject({ average_score: 4 });
});
