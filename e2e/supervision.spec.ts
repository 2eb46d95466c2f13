// Internal notes and supervision in real Chromium, with the customer's page open and live throughout: a note never
// shows on the customer's page; a supervisor watches a chat from the floor, whispers (the operator sees it at once)
// and takes over (the customer reads the polite line, then the supervisor's reply).
import { createOperator, expect, setStatus, signIn, test } from "./fixtures";

async function openCustomerChat(browser: import("@playwright/test").Browser, name: string, question: string) {
  const context = await browser.newContext({ viewport: { width: 420, height: 700 } });
  const page = await context.newPage();
  await page.goto(`/admin/customer-chat.html?email=${encodeURIComponent(`${name.toLowerCase()}@example.com`)}&question=${encodeURIComponent(question)}&name=${name}`);
  await expect(page).toHaveURL(/[?&]session=[A-Za-z0-9_-]{22,}/);
  return { context, page };
}

test("an internal note stays on the operator's screen and never reaches the live customer page", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Sara Neri" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const customer = await openCustomerChat(browser, "Paolo", "Dov'è il mio rimborso?");
  await expect(customer.page.getByText("Ora in chat: Sara Neri")).toBeVisible();

  await desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /Paolo/ }).click();
  const deskLog = desk.getByRole("log");
  await expect(deskLog).toContainText("Dov'è il mio rimborso?");
  const box = desk.getByRole("textbox", { name: "Scrivi un messaggio" });

  // The toggle is a real checkbox: keyboard only.
  const toggle = desk.getByRole("checkbox", { name: "Nota interna" });
  await toggle.focus();
  await desk.keyboard.press("Space");
  await expect(toggle).toBeChecked();
  await box.fill("Cliente già rimborsato il 3/11: verificare doppio accredito");
  await box.press("Enter");
  const note = deskLog.locator("li[data-note-id]");
  await expect(note).toContainText("Cliente già rimborsato il 3/11");
  await expect(note).toContainText("Nota interna");

  // Back to the customer: the reply arrives live, the note never does.
  await toggle.focus();
  await desk.keyboard.press("Space");
  await expect(toggle).not.toBeChecked();
  await box.fill("Sto controllando il rimborso, un attimo");
  await box.press("Enter");
  const customerLog = customer.page.getByRole("log");
  await expect(customerLog).toContainText("Sto controllando il rimborso, un attimo");
  await expect(customer.page.getByText("Cliente già rimborsato", { exact: false })).toHaveCount(0);
  // Nor after a reload of the customer's page (the API is the other way in).
  await customer.page.reload();
  await expect(customer.page.getByRole("log")).toContainText("Sto controllando il rimborso, un attimo");
  await expect(customer.page.getByText("Cliente già rimborsato", { exact: false })).toHaveCount(0);
  await customer.context.close();
});

test("a supervisor watches from the floor, whispers to the operator and takes over while everyone is live", async ({ browser, request }) => {
  // Three browsers live at once: late in the full suite on the 2-core machine each step can take seconds (every step
  // passed in a run that ran out of 90 s at the last one).
  test.setTimeout(180_000);
  const operator = await createOperator(request, { name: "Marco Gialli" });
  const supervisorRow = await createOperator(request, { name: "Elena Capo", role: "supervisor" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const customer = await openCustomerChat(browser, "Lucia", "Il pacco è arrivato rotto");
  await expect(customer.page.getByText("Ora in chat: Marco Gialli")).toBeVisible();
  await desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /Lucia/ }).click();
  await expect(desk.getByRole("log")).toContainText("Il pacco è arrivato rotto");

  // The supervisor's floor lists the live chat; opening it is read-only.
  const { page: floor } = await signIn(browser, supervisorRow);
  await floor.getByRole("link", { name: "Sala" }).click();
  await floor.waitForURL("**/operator/floor");
  await floor.getByRole("button", { name: "Apri: Lucia" }).click();
  const watch = floor.getByRole("region", { name: "Stai guardando Lucia" });
  await expect(watch.getByRole("log")).toContainText("Il pacco è arrivato rotto");
  await expect(watch.getByText("Sola lettura")).toBeVisible();

  // Presence: the operator sees who else is viewing the chat.
  await expect(desk.getByTestId("chat-viewers")).toContainText("Elena Capo");

  // The operator writes; the supervisor sees it as it happens.
  const deskBox = desk.getByRole("textbox", { name: "Scrivi un messaggio" });
  await deskBox.fill("Mi dispiace, mi mandi una foto?");
  await deskBox.press("Enter");
  await expect(watch.getByRole("log")).toContainText("Mi dispiace, mi mandi una foto?");

  // Whisper: the operator gets it at once, highlighted; the customer never sees it.
  await watch.getByRole("textbox", { name: "Scrivi un messaggio" }).fill("Offri subito la sostituzione gratuita");
  await watch.getByRole("textbox", { name: "Scrivi un messaggio" }).press("Enter");
  const alert = desk.getByTestId("whisper-alert");
  await expect(alert).toContainText("Elena Capo suggerisce: Offri subito la sostituzione gratuita");
  await expect(alert).toHaveAttribute("data-cue", /played|muted/);
  await expect(desk.getByRole("log").locator("li[data-whisper]")).toContainText("Offri subito la sostituzione gratuita");
  await expect(customer.page.getByRole("log")).toContainText("Mi dispiace, mi mandi una foto?");
  await expect(customer.page.getByText("sostituzione gratuita", { exact: false })).toHaveCount(0);

  // Take over: the customer is told politely, the operator is told, the supervisor answers.
  await watch.getByRole("button", { name: "Prendi in carico" }).click();
  await floor.getByRole("alertdialog").getByRole("button", { name: "Prendi in carico" }).click();
  await expect(customer.page.getByRole("log")).toContainText("Elena Capo, responsabile del servizio, prosegue ora la conversazione");
  await expect(desk.getByText("Elena Capo ha preso in carico la chat.")).toBeVisible();
  const supervisorBox = watch.getByRole("textbox", { name: "Scrivi un messaggio" });
  await supervisorBox.fill("Buongiorno Lucia, le spediamo oggi un pacco sostitutivo.");
  await supervisorBox.press("Enter");
  await expect(customer.page.getByRole("log")).toContainText("Buongiorno Lucia, le spediamo oggi un pacco sostitutivo.");
  await expect(customer.page.getByText("sostituzione gratuita", { exact: false })).toHaveCount(0);
  await customer.context.close();
});
