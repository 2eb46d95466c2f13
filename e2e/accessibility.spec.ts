// axe-core on the customer chat (waiting, chatting, in the guide's 400×600 popup and on a phone) and the operator
// dashboard: no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createOperator, escalate, expect, setStatus, signIn, test } from "./fixtures";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test("customer chat and operator dashboard pass axe", async ({ browser, request }, testInfo) => {
  const operator = await createOperator(request, { name: "Anna Accessibile", maxChats: 1 });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const active = await escalate(request, { question: "Domanda per il controllo di accessibilità", user_name: "Carla" });
  const queued = await escalate(request, { question: "In coda", metadata: { ordine: "Z-9" } });
  expect(queued.type).toBe("queue");

  // The guide's popup: 400×600, waiting in the queue.
  const popup = await browser.newContext({ viewport: { width: 400, height: 600 } });
  const waiting = await popup.newPage();
  await waiting.goto(`/admin/customer-chat.html?session=${queued.session_id}`);
  await expect(waiting.getByRole("status").filter({ hasText: "Sei in posizione 1 nella coda" })).toBeVisible();
  await expect(waiting.getByRole("textbox", { name: "Scrivi un messaggio" })).toBeInViewport();
  await expectNoHorizontalScroll(waiting);
  await expectNoSeriousViolations(waiting, "customer chat (queued, 400×600)");
  await waiting.screenshot({ path: testInfo.outputPath("customer-queued-400x600.png") });

  // A phone, chatting with the operator.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const chatting = await phone.newPage();
  await chatting.goto(`/chat?session=${active.session_id}`);
  await desk.getByRole("textbox", { name: "Scrivi un messaggio" }).fill("Buongiorno Carla, eccomi.");
  await desk.getByRole("textbox", { name: "Scrivi un messaggio" }).press("Enter");
  await expect(chatting.getByRole("log")).toContainText("Buongiorno Carla, eccomi.");
  await expect(chatting.getByRole("textbox", { name: "Scrivi un messaggio" })).toBeInViewport();
  await expectNoHorizontalScroll(chatting);
  await expectNoSeriousViolations(chatting, "customer chat (active, phone)");
  await chatting.screenshot({ path: testInfo.outputPath("customer-active-phone.png") });

  // Keyboard only: Tab reaches the message box, Enter sends.
  await chatting.keyboard.press("Tab");
  const box = chatting.getByRole("textbox", { name: "Scrivi un messaggio" });
  for (let i = 0; i < 8 && !(await box.evaluate((el) => el === document.activeElement)); i++) await chatting.keyboard.press("Tab");
  await expect(box).toBeFocused();
  await chatting.keyboard.type("Scrivo solo con la tastiera");
  await chatting.keyboard.press("Enter");
  await expect(desk.getByRole("log")).toContainText("Scrivo solo con la tastiera");

  // The dashboard with a live chat open, and with the queue tab.
  await expect(desk.getByRole("log")).toContainText("Domanda per il controllo di accessibilità");
  await expectNoSeriousViolations(desk, "operator dashboard (chat)");
  await desk.screenshot({ path: testInfo.outputPath("dashboard-chat.png") });
  await desk.getByRole("tab", { name: /Coda/ }).focus();
  await desk.keyboard.press("Enter");
  await expect(desk.getByRole("tabpanel", { name: /Coda/ })).toContainText("In coda");
  await expectNoSeriousViolations(desk, "operator dashboard (queue)");

  // Sign-in page.
  const anonymous = await browser.newContext();
  const login = await anonymous.newPage();
  await login.goto("/login");
  await expectNoSeriousViolations(login, "login");
  await anonymous.close();
  await popup.close();
  await phone.close();
});
