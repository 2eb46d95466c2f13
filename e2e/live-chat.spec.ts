// A customer escalates from the guide's popup link; the operator sees the chat and both sides talk live (typing,
// read receipts), then the operator closes it and the customer is told. No reloads anywhere.
import { createOperator, db, escalate, expect, setStatus, shownSeqs, signIn, test } from "./fixtures";

test("customer and operator chat live from escalation to close", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Giulia Bianchi" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");

  const customerContext = await browser.newContext({ viewport: { width: 400, height: 600 } });
  const customer = await customerContext.newPage();
  const question = "Non riesco ad accedere al mio account";
  await customer.goto(`/admin/customer-chat.html?email=${encodeURIComponent("mario.rossi@example.com")}&question=${encodeURIComponent(question)}&name=Mario`);

  // Assigned straight away: the address becomes the session's, and the header names who is in the chat (once: no
  // "an operator is getting in touch" line beside it).
  await expect(customer).toHaveURL(/[?&]session=[A-Za-z0-9_-]{22,}/);
  await expect(customer.getByText("Ora in chat: Giulia Bianchi")).toBeVisible();
  await expect(customer.getByText("Un operatore ti sta contattando...")).toHaveCount(0);
  const marker = await customer.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = Math.random()));

  // The operator's dashboard shows the new chat (alert + list), with the question in its thread.
  const chatItem = desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /Mario/ });
  await expect(chatItem).toBeVisible();
  await chatItem.click();
  const deskLog = desk.getByRole("log");
  await expect(deskLog).toContainText(question);

  // Typing, operator → customer.
  const deskBox = desk.getByRole("textbox", { name: "Scrivi un messaggio" });
  await deskBox.pressSequentially("Ciao Mario", { delay: 20 });
  await expect(customer.getByTestId("typing-indicator")).toContainText("sta scrivendo");
  await deskBox.pressSequentially(", sono Giulia. Come posso aiutarti?");
  await deskBox.press("Enter");
  const customerLog = customer.getByRole("log");
  await expect(customerLog).toContainText("Ciao Mario, sono Giulia. Come posso aiutarti?");
  await expect(customer.getByTestId("typing-indicator")).toHaveCount(0);
  await expect(customer.getByText("Ora in chat: Giulia Bianchi")).toBeVisible();

  // The customer has the conversation on screen: the operator sees "Letto" under the message.
  await expect(deskLog.locator("li[data-sender=operator]").last()).toContainText("Letto");

  // Typing, customer → operator, then the answer.
  const customerBox = customer.getByRole("textbox", { name: "Scrivi un messaggio" });
  await customerBox.pressSequentially("Mi dice password errata", { delay: 20 });
  await expect(desk.getByTestId("typing-indicator")).toBeVisible();
  await customerBox.press("Enter");
  await expect(deskLog).toContainText("Mi dice password errata");
  await expect(desk.getByTestId("typing-indicator")).toHaveCount(0);

  // Both logs hold the same gap-free sequence.
  await expect.poll(() => shownSeqs(customer)).toEqual([1, 2, 3, 4]);
  await expect.poll(() => shownSeqs(desk)).toEqual([1, 2, 3, 4]);

  // The operator closes; the customer is told, and can no longer write.
  await desk.getByRole("button", { name: "Chiudi chat" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Conferma" }).click();
  await expect(desk.getByText("La chat è chiusa.")).toBeVisible();
  await expect(customer.getByRole("heading", { name: "La chat è terminata" })).toBeVisible();
  await expect(customerBox).toHaveCount(0);
  await expect(customerLog).toContainText("La chat è stata chiusa dall'operatore.");

  // Everything above happened without a reload.
  expect(await customer.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(marker);
  await customerContext.close();
});

test("a queued customer sees position and wait, then the operator arriving live", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Luca Verdi", maxChats: 1 });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");

  const first = await escalate(request, { question: "Prima domanda" });
  expect(first.type).toBe("operator_assigned");
  const second = await escalate(request, { question: "Seconda domanda", priority: "high", metadata: { ordine: "A-1042", pagina: "/checkout" } });
  expect(second).toMatchObject({ type: "queue", position: 1 });

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`/admin/customer-chat.html?session=${second.session_id}`);
  const waitStatus = customer.getByRole("status").filter({ hasText: "Sei in posizione" });
  await expect(waitStatus).toHaveText(new RegExp(`^Sei in posizione 1 nella coda\\. Tempo stimato: ${second.estimated_wait} minut[oi]\\.`));

  // The dashboard's queue: priority, question and the chatbot's metadata.
  await desk.getByRole("tab", { name: /Coda/ }).click();
  const queued = desk.getByRole("tabpanel", { name: /Coda/ }).getByRole("listitem").filter({ hasText: "Seconda domanda" });
  await expect(queued).toContainText("Alta");
  await queued.getByText("Dati dal chatbot").click();
  await expect(queued).toContainText("A-1042");

  // The first chat ends: the seat goes to the waiting customer, who sees it without reloading.
  await desk.getByRole("tab", { name: /Le mie chat/ }).click();
  await desk.getByRole("button", { name: "Chiudi chat" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Conferma" }).click();
  await expect(customer.getByText("Ora in chat: Luca Verdi")).toBeVisible();
  await expect(customer.getByText("Un operatore ti sta contattando...")).toHaveCount(0);
  await expect(desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button").filter({ hasText: "Seconda domanda" })).toBeVisible();
  await customerContext.close();
});

test("new assignments raise the title badge; the operator turns a chat into a ticket", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Sara Neri", maxChats: 2 });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const baseTitle = "Dashboard operatore · Sportello";
  await expect(desk).toHaveTitle(baseTitle);

  const first = await escalate(request, { question: "Domanda uno", user_email: "uno@example.com" });
  await expect(desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /uno@example.com/ })).toBeVisible();
  const second = await escalate(request, { question: "Domanda due", user_email: "due@example.com" });
  // The second chat arrives while the first is on screen: it is unread, and the tab title says so.
  const secondItem = desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /due@example.com/ });
  await expect(secondItem).toContainText("1 messaggio non letto");
  await expect(desk).toHaveTitle(`(1) ${baseTitle}`);
  await secondItem.click();
  await expect(desk).toHaveTitle(baseTitle);

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`/chat?session=${second.session_id}`);
  await expect(customer.getByRole("log")).toContainText("Domanda due");

  await desk.getByRole("button", { name: "Trasforma in ticket" }).click();
  await desk.getByRole("alertdialog").getByRole("button", { name: "Conferma" }).click();
  await expect(desk.getByText(/La chat è diventata il ticket #\d+\./)).toBeVisible();
  await expect(customer.getByRole("heading", { name: /Ticket #\d+ creato/ })).toBeVisible();
  await expect(customer.getByText(/Riceverai la risposta via email o WhatsApp/)).toBeVisible();
  await customerContext.close();

  // WhatsApp sessions say so; the dashboard comes back whole after a reload.
  // The customer wrote on WhatsApp an hour ago: free text for about 23 more hours.
  await db().query("UPDATE chat_sessions SET channel = 'whatsapp' WHERE id = $1", [first.session_id]);
  await db().query("UPDATE contacts SET last_whatsapp_inbound_at = now() - interval '1 hour' WHERE id = (SELECT contact_id FROM chat_sessions WHERE id = $1)", [first.session_id]);
  await desk.reload();
  const firstItem = desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /uno@example.com/ });
  await expect(firstItem).toContainText("WhatsApp");
  await firstItem.click();
  await expect(desk.getByText(/Conversazione WhatsApp: risposte libere ancora per 2[23] h/)).toBeVisible();
  // Two days later the window is closed: the dashboard says replies go out as the approved template.
  await db().query("UPDATE contacts SET last_whatsapp_inbound_at = now() - interval '2 days' WHERE id = (SELECT contact_id FROM chat_sessions WHERE id = $1)", [first.session_id]);
  await desk.reload();
  await desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /uno@example.com/ }).click();
  await expect(desk.getByText(/Finestra di 24 ore di WhatsApp chiusa/)).toBeVisible();
});

test("the embed button's link: English, and a bad identity token still gets the customer to a person", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Elena Rossa" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");

  const customerContext = await browser.newContext({ viewport: { width: 400, height: 600 } });
  const customer = await customerContext.newPage();
  await customer.goto(`/admin/customer-chat.html?email=jane%40example.com&question=${encodeURIComponent("Where is my parcel?")}&lang=en&token=not.a.valid-token&embed=1`);
  await expect(customer.getByText("Now in the chat: Elena Rossa")).toBeVisible();
  await expect(customer.getByRole("button", { name: "Close the chat window" })).toBeVisible();
  await expect(customer).toHaveURL(/[?&]session=/);
  await expect(customer).not.toHaveURL(/token=/);

  await expect(desk.getByRole("log")).toContainText("Where is my parcel?");
  await expect(desk.getByRole("complementary", { name: "Dettagli" })).toContainText("jane@example.com");
  await expect(desk.getByRole("complementary", { name: "Dettagli" })).not.toContainText("Verificato");
  await customerContext.close();
});
