// An operator saves a canned response in their page, then answers a live chat by typing "/" and a few letters: the
// list opens, the keyboard alone picks (arrows, Enter, Tab, Escape), the customer's and operator's names are filled
// in before sending, an unfilled {{variable}} blocks the send, and the customer receives the filled text.
import { createOperator, expect, setStatus, signIn, test } from "./fixtures";

test("canned responses by / shortcut, with variables, in a live chat", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Giulia Bianchi" });
  const { page: desk } = await signIn(browser, operator);

  // The operator's own page: create one response through the form, one through the API (same cookie).
  await desk.getByRole("link", { name: "Risposte rapide" }).click();
  await desk.waitForURL("**/operator/canned");
  await desk.getByLabel("Scorciatoia").fill("saluto");
  await desk.getByLabel("Titolo").fill("Saluto iniziale");
  await desk.getByLabel("Testo (IT)").fill("Ciao {{customer.name}}, sono {{operator.name}}.");
  await desk.getByRole("button", { name: "Crea" }).click();
  await expect(desk.getByRole("cell", { name: "/saluto", exact: true })).toBeVisible();
  for (const [shortcut, title, it] of [
    ["orari", "Orari del servizio", "Siamo aperti dalle 9 alle 18."],
    ["ordine", "Numero d'ordine", "Il tuo ticket è il #{{ticket.number}}."],
  ]) {
    const created = await desk.request.post("/api/chat/canned-responses", { data: { shortcut, title, bodies: { it } } });
    expect(created.status(), await created.text()).toBe(201);
  }
  await desk.goto("/operator");
  await setStatus(desk, "Online");

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`/admin/customer-chat.html?email=${encodeURIComponent("mario.rossi@example.com")}&question=${encodeURIComponent("Quando aprite?")}&name=Mario`);
  await expect(customer.getByText("Ora in chat: Giulia Bianchi")).toBeVisible();

  await desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /Mario/ }).click();
  const box = desk.getByRole("textbox", { name: "Scrivi un messaggio" });
  const list = desk.getByRole("listbox", { name: "Risposte rapide" });
  const send = desk.getByRole("button", { name: "Invia" });

  // A variable this chat has no value for stays visible, and the message cannot go until it is filled in.
  await box.pressSequentially("/ord");
  await expect(list.getByRole("option")).toHaveCount(1);
  await box.press("Enter");
  await expect(box).toHaveValue("Il tuo ticket è il #{{ticket.number}}.");
  await expect(desk.getByRole("alert").filter({ hasText: "{{ticket.number}}" })).toBeVisible();
  await expect(send).toBeDisabled();
  await box.press("Enter");
  await expect(box).toHaveValue("Il tuo ticket è il #{{ticket.number}}.");
  await box.press("ControlOrMeta+a");
  await box.press("Delete");
  await expect(box).toHaveValue("");

  // Escape closes the list and keeps what was typed.
  await box.pressSequentially("/or");
  await expect(list.getByRole("option")).toHaveCount(2);
  await box.press("Escape");
  await expect(list).toHaveCount(0);
  await expect(box).toHaveValue("/or");
  await box.press("ControlOrMeta+a");
  await box.press("Delete");

  // Two insertions in one message: Enter for the first, arrows and Tab for the second; the names are filled in.
  await box.pressSequentially("/sal");
  await expect(list.getByRole("option", { selected: true })).toContainText("Saluto iniziale");
  await expect(box).toHaveAttribute("aria-activedescendant", /option-0$/);
  await box.press("Enter");
  await expect(box).toHaveValue("Ciao Mario, sono Giulia Bianchi.");
  await box.pressSequentially(" /or");
  await expect(list.getByRole("option")).toHaveCount(2);
  const orari = list.getByRole("option", { name: /Orari del servizio/ });
  if ((await orari.getAttribute("aria-selected")) !== "true") await box.press("ArrowDown");
  await expect(orari).toHaveAttribute("aria-selected", "true");
  await box.press("Tab");
  await expect(box).toHaveValue("Ciao Mario, sono Giulia Bianchi. Siamo aperti dalle 9 alle 18.");
  await expect(box).toBeFocused();
  await box.pressSequentially(" A presto!");
  await box.press("Enter");

  const text = "Ciao Mario, sono Giulia Bianchi. Siamo aperti dalle 9 alle 18. A presto!";
  await expect(customer.getByRole("log")).toContainText(text);
  await expect(customer.getByRole("log")).not.toContainText("{{");

  // Counted once each with the message; the one removed before sending was not sent, and is not counted.
  await expect
    .poll(async () => {
      const listed = (await (await desk.request.get("/api/chat/canned-responses")).json()) as { data: { shortcut: string; usage_count: number }[] };
      return Object.fromEntries(listed.data.map((r) => [r.shortcut, r.usage_count]));
    })
    .toMatchObject({ saluto: 1, orari: 1, ordine: 0 });
  await customerContext.close();
});

test("the same picker in a ticket reply: the ticket's number and customer filled in, counted when sent", async ({ browser, request }) => {
  const admin = await createOperator(request, { name: "Carla Rossi", role: "admin" });
  const created = await request.post("/api/tickets", {
    data: { user_email: "anna.neri@example.com", user_name: "Anna Neri", question: "Il rimborso non è arrivato" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { data?: { number: number }; number?: number };
  const number = body.data?.number ?? body.number;

  const { page } = await signIn(browser, admin);
  const reply = await page.request.post("/api/chat/canned-responses", {
    data: { shortcut: "rimborso", title: "Rimborso in lavorazione", bodies: { it: "Gentile {{customer.first_name}}, il rimborso del ticket #{{ticket.number}} è in lavorazione." } },
  });
  expect(reply.status(), await reply.text()).toBe(201);

  await page.goto(`/admin/tickets/${number}`);
  const box = page.getByRole("textbox", { name: "Risposta al cliente" });
  await box.pressSequentially("/rimb");
  await expect(page.getByRole("listbox", { name: "Risposte rapide" }).getByRole("option", { selected: true })).toContainText("Rimborso in lavorazione");
  await box.press("Enter");
  const text = `Gentile Anna, il rimborso del ticket #${number} è in lavorazione.`;
  await expect(box).toHaveValue(text);
  await page.getByRole("button", { name: "Invia risposta" }).click();
  await expect(page.getByText("Risposta registrata e in coda per l'invio.")).toBeVisible();
  await expect(page.getByText(text).first()).toBeVisible();

  const listed = (await (await page.request.get("/api/chat/canned-responses?q=rimborso")).json()) as { data: { shortcut: string; usage_count: number }[] };
  expect(listed.data.find((r) => r.shortcut === "rimborso")?.usage_count).toBe(1);
});
