// The embeddable button on a customer's site: a plain HTML page on another origin loads /embed.js, the visitor clicks
// "💬 Parla con un operatore" and talks to an operator in the in-page panel (a cross-origin iframe) or in the popup.
// With the built-in FAQ bot on, a question it knows is answered without a chat; anything else still reaches a person.
import http from "node:http";
import type { APIRequestContext, FrameLocator, Page } from "@playwright/test";
import { adminHeaders, createOperator, e2eState, expect, setStatus, signIn, test, uniqueSuffix } from "./fixtures";

type Mode = "panel" | "popup";

const attribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The customer's site: nothing but the snippet, as docs/embed.md tells them to paste it. */
function hostPage(mode: Mode, email: string): string {
  return `<!doctype html>
<html lang="it">
  <head><meta charset="utf-8"><title>Negozio di prova</title></head>
  <body>
    <h1>Negozio di prova</h1>
    <p>Scarpe, borse e accessori.</p>
    <script src="${attribute(e2eState().baseURL)}/embed.js" data-email="${attribute(email)}" data-mode="${mode}" async></script>
  </body>
</html>`;
}

// Served on the origin the app lists in ALLOWED_ORIGINS (playwright.config.ts), so the panel may frame the chat.
let site: http.Server;
const siteOrigin = () => {
  const origin = e2eState().embedOrigin;
  if (!origin) throw new Error("no embed origin in the e2e state: run through playwright.config.ts");
  return origin;
};

test.beforeAll(async () => {
  site = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", siteOrigin());
    const mode = url.searchParams.get("mode");
    if (url.pathname !== "/shop.html" || (mode !== "panel" && mode !== "popup")) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(hostPage(mode, url.searchParams.get("email") ?? "cliente@example.com"));
  });
  const { hostname, port } = new URL(siteOrigin());
  await new Promise<void>((resolve, reject) => {
    site.once("error", reject);
    site.listen(Number(port), hostname, resolve);
  });
});

test.afterAll(async () => {
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

// The FAQ bot's switch is global: whatever a test did, the next one starts with it off.
test.afterEach(async ({ request }) => {
  await setFaqBot(request, { enabled: false });
});

async function setFaqBot(request: APIRequestContext, settings: { enabled: boolean; answer_above?: number; escalate_below?: number }) {
  const response = await request.put("/api/admin/faq-settings", { headers: adminHeaders(), data: { answer_above: 0.8, escalate_below: 0.3, ...settings } });
  expect(response.status(), await response.text()).toBe(200);
}

async function addKnowledge(request: APIRequestContext, question: string, answer: string) {
  const response = await request.post("/api/admin/knowledge", { headers: adminHeaders(), data: { question, answer, locale: "it" } });
  expect(response.status(), await response.text()).toBe(201);
}

/** The chat sessions and tickets of a customer, read back from the admin CSV exports. */
async function recordsOf(request: APIRequestContext, email: string) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const rows = async (kind: "sessions" | "tickets") => {
    const response = await request.get(`/api/admin/export/${kind}?from=${day(-1)}&to=${day(1)}`, { headers: adminHeaders() });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.text()).split(/\r?\n/).filter((line) => line.includes(email));
  };
  return { sessions: await rows("sessions"), tickets: await rows("tickets") };
}

/** Clicks the button the snippet drew (inside its open shadow root) and returns where the chat opened. */
async function openChat(shop: Page, mode: Mode): Promise<Page | FrameLocator> {
  const button = shop.getByRole("button", { name: "Parla con un operatore" });
  await expect(button).toHaveText("💬 Parla con un operatore");
  if (mode === "popup") {
    const opened = shop.context().waitForEvent("page");
    await button.click();
    const popup = await opened;
    await expect(popup).toHaveURL(/\/admin\/customer-chat\.html\?.*embed=1/);
    return popup;
  }
  await button.click();
  const panel = shop.getByRole("dialog", { name: "Chat con un operatore" });
  await expect(panel).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  return panel.locator("iframe").contentFrame();
}

/** The customer writes the question in the chat's start form (the snippet already gave the e-mail). */
async function ask(chat: Page | FrameLocator, question: string, email = "cliente@example.com") {
  await expect(chat.getByLabel("Email", { exact: true })).toHaveValue(email);
  await chat.getByLabel("La tua domanda").fill(question);
  await chat.getByRole("button", { name: "Avvia la chat" }).click();
}

/** The operator finds the customer's question on the dashboard, answers, and the customer reads it live. */
async function operatorAnswers(desk: Page, chat: Page | FrameLocator, question: string, operatorName: string) {
  await expect(chat.getByText(`Ora in chat: ${operatorName}`)).toBeVisible();
  const item = desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button").filter({ hasText: question });
  await expect(item).toBeVisible();
  await item.click();
  await expect(desk.getByRole("log")).toContainText(question);
  const reply = `Ciao, sono ${operatorName}: ci penso io.`;
  const deskBox = desk.getByRole("textbox", { name: "Scrivi un messaggio" });
  await deskBox.fill(reply);
  await deskBox.press("Enter");
  await expect(chat.getByRole("log")).toContainText(reply);
  await expect(chat.getByText("Un operatore ti sta contattando...")).toHaveCount(0);
}

for (const mode of ["panel", "popup"] as const) {
  test(`${mode} mode: the visitor clicks the button on another site and chats live with an operator`, async ({ browser, request }) => {
    const operatorName = mode === "panel" ? "Marta Gialli" : "Paolo Blu";
    const operator = await createOperator(request, { name: operatorName });
    const { page: desk } = await signIn(browser, operator);
    await setStatus(desk, "Online");

    const customerContext = await browser.newContext();
    const shop = await customerContext.newPage();
    await shop.goto(`${siteOrigin()}/shop.html?mode=${mode}`);
    const chat = await openChat(shop, mode);
    const question = `Il mio ordine non è ancora arrivato (${mode})`;
    await ask(chat, question);
    // The chat is the app's own page: a window of its own, or a frame from the app's origin inside the shop's page.
    if (mode === "popup") expect(customerContext.pages()).toHaveLength(2);
    else expect(shop.frames().map((frame) => new URL(frame.url()).origin)).toContain(e2eState().baseURL);
    await operatorAnswers(desk, chat, question, operatorName);

    // The customer answers back; the operator reads it live too.
    const customerBox = chat.getByRole("textbox", { name: "Scrivi un messaggio" });
    await customerBox.fill("Grazie, il numero d'ordine è A-2024");
    await customerBox.press("Enter");
    await expect(desk.getByRole("log")).toContainText("Grazie, il numero d'ordine è A-2024");
    await customerContext.close();
  });
}

test("with the FAQ bot on, a known question is answered without a chat, anything else reaches an operator", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Irene Viola" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const answer = "Apri «Accedi», scegli «Password dimenticata» e segui il link che ti mandiamo via email.";
  await addKnowledge(request, "Come posso reimpostare la password?", answer);
  await setFaqBot(request, { enabled: true });

  // A customer of their own, so the exports below show only what this test did.
  const email = `faq-${uniqueSuffix()}@example.com`;
  const customerContext = await browser.newContext();
  const shop = await customerContext.newPage();
  await shop.goto(`${siteOrigin()}/shop.html?mode=panel&email=${encodeURIComponent(email)}`);
  const chat = await openChat(shop, "panel");

  await ask(chat, "Come posso reimpostare la password?", email);
  const bot = chat.getByRole("region", { name: "Risposta automatica" });
  await expect(bot).toContainText(answer);
  await expect(chat.getByText("Un operatore ti sta contattando...")).toHaveCount(0);
  expect(await recordsOf(request, email)).toEqual({ sessions: [], tickets: [] });

  // "Solved": a polite goodbye, still no chat; the customer may ask something else.
  await bot.getByRole("button", { name: "✅ Risolto, grazie" }).click();
  await expect(bot.getByRole("status")).toHaveText("Bene! Se ti serve altro, scrivici quando vuoi.");
  expect(await recordsOf(request, email)).toEqual({ sessions: [], tickets: [] });

  // Something the knowledge base does not cover goes straight to a person.
  await chat.getByRole("button", { name: "Fai un'altra domanda" }).click();
  const unrelated = "Il pacco è arrivato rotto, cosa faccio?";
  await ask(chat, unrelated, email);
  await operatorAnswers(desk, chat, unrelated, "Irene Viola");
  const after = await recordsOf(request, email);
  expect(after.sessions).toHaveLength(1);
  expect(after.sessions[0]).toContain(unrelated);
  await customerContext.close();
});

test("with the FAQ bot unsure, the customer picks ✅ Risolto or 💬 Parla con operatore", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Bruno Neri" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const question = "Come posso cambiare l'indirizzo di consegna?";
  await addKnowledge(request, question, "Dalla pagina dell'ordine, finché il pacco non è partito.");
  // Nothing is "sure" above 1: even a word-for-word match gets the two quick replies.
  await setFaqBot(request, { enabled: true, answer_above: 1, escalate_below: 0.3 });

  const email = `faq-${uniqueSuffix()}@example.com`;
  const customerContext = await browser.newContext();
  const shop = await customerContext.newPage();
  await shop.goto(`${siteOrigin()}/shop.html?mode=popup&email=${encodeURIComponent(email)}`);
  // The site's own chatbot passes on the last question: the chat starts from the link, without the form.
  await expect(shop.getByRole("button", { name: "Parla con un operatore" })).toBeVisible();
  await shop.evaluate((text) => (window as unknown as { Sportello: { setLastQuestion(q: string): void } }).Sportello.setLastQuestion(text), question);
  const chat = (await openChat(shop, "popup")) as Page;

  const choice = chat.getByRole("group", { name: "La risposta ti è stata utile?" });
  await expect(chat.getByRole("region", { name: "Risposta automatica" })).toContainText("Dalla pagina dell'ordine");
  await choice.getByRole("button", { name: "✅ Risolto", exact: true }).click();
  await expect(chat.getByText("Bene! Se ti serve altro, scrivici quando vuoi.")).toBeVisible();
  await expect(choice).toHaveCount(0);
  expect(await recordsOf(request, email)).toEqual({ sessions: [], tickets: [] });

  // Asked again, the customer wants a person this time.
  await chat.getByRole("button", { name: "Fai un'altra domanda" }).click();
  await ask(chat, question, email);
  await choice.getByRole("button", { name: "💬 Parla con operatore" }).click();
  await operatorAnswers(desk, chat, question, "Bruno Neri");
  await expect(chat).toHaveURL(/[?&]session=/);
  expect((await recordsOf(request, email)).sessions).toHaveLength(1);
  // The operator sees what the bot had already answered.
  const sessionId = new URL(chat.url()).searchParams.get("session")!;
  const view = await request.get(`/api/chat/sessions/${sessionId}`, { headers: adminHeaders() });
  expect((await view.json()).data.metadata).toMatchObject({ faq_bot_answer: expect.any(String) });
  await customerContext.close();
});
