// Pusher does not guarantee delivery: when the network drops, whatever was said meanwhile must still arrive, once,
// in order (backfill by seq after the reconnect), and the realtime link must come back by itself.
import type { BrowserContext, WebSocketRoute } from "@playwright/test";
import { createOperator, escalate, expect, setStatus, shownSeqs, signIn, test } from "./fixtures";

/** Puts the context's realtime sockets behind a switch: `down()` cuts them and refuses new ones until `up()`. */
async function switchableRealtime(context: BrowserContext) {
  let up = true;
  const open: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/app\//, (ws) => {
    if (!up) return void ws.close({ code: 4100, reason: "network down" });
    ws.connectToServer();
    open.push(ws);
  });
  return {
    async down() {
      up = false;
      await Promise.all(open.splice(0).map((ws) => ws.close({ code: 4100, reason: "network down" })));
    },
    up() {
      up = true;
    },
    connections: () => open.length,
  };
}

const expectGapFree = (seqs: number[]) => expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));

test("customer goes offline and back: no message lost, unsent ones can be retried", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Paola Gialli" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const session = await escalate(request, { question: "Domanda prima del guasto", user_email: "rete@example.com" });
  expect(session.type).toBe("operator_assigned");

  const customerContext = await browser.newContext();
  const network = await switchableRealtime(customerContext);
  const customer = await customerContext.newPage();
  await customer.goto(`/admin/customer-chat.html?session=${session.session_id}`);
  const customerLog = customer.getByRole("log");
  await expect(customerLog).toContainText("Domanda prima del guasto");

  const deskBox = desk.getByRole("textbox", { name: "Scrivi un messaggio" });
  await deskBox.fill("Messaggio 1");
  await deskBox.press("Enter");
  await expect(customerLog).toContainText("Messaggio 1");
  await expect.poll(() => network.connections()).toBeGreaterThan(0);

  // The network goes: the socket is cut and HTTP fails.
  await customerContext.setOffline(true);
  await network.down();
  await expect(customer.getByText("Sei offline. I messaggi arriveranno appena torna la connessione.")).toBeVisible();
  for (const text of ["Messaggio 2", "Messaggio 3"]) {
    await deskBox.fill(text);
    await deskBox.press("Enter");
    await expect(desk.getByRole("log")).toContainText(text);
  }
  const customerBox = customer.getByRole("textbox", { name: "Scrivi un messaggio" });
  await customerBox.fill("Scritto senza rete");
  await customerBox.press("Enter");
  await expect(customer.getByText("Non inviato.")).toBeVisible();
  await expect(customerLog).not.toContainText("Messaggio 2");

  // It comes back: everything said meanwhile arrives, once and in order.
  network.up();
  await customerContext.setOffline(false);
  await expect(customerLog).toContainText("Messaggio 3");
  await expect(customerLog).toContainText("Messaggio 2");
  expectGapFree(await shownSeqs(customer));
  await expect(customerLog.getByText("Messaggio 2")).toHaveCount(1);

  await customer.getByRole("button", { name: "Riprova" }).click();
  await expect(desk.getByRole("log")).toContainText("Scritto senza rete");
  await expect(customer.getByText("Non inviato.")).toHaveCount(0);

  // And the live link is back: a new message arrives without any poll or reload.
  await expect.poll(() => network.connections()).toBeGreaterThan(0);
  await deskBox.fill("Messaggio 4");
  await deskBox.press("Enter");
  await expect(customerLog).toContainText("Messaggio 4");
  expectGapFree(await shownSeqs(customer));
  expect(await shownSeqs(customer)).toEqual(await shownSeqs(desk));
  await customerContext.close();
});

test("the operator's socket drops silently: the dashboard reconnects and backfills", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Marco Blu" });
  const { context: deskContext, page: desk } = await signIn(browser, operator);
  const network = await switchableRealtime(deskContext);
  await desk.reload();
  await setStatus(desk, "Online");
  const session = await escalate(request, { question: "Domanda sul rimborso", user_email: "socket@example.com" });

  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`/chat?session=${session.session_id}`);
  const deskLog = desk.getByRole("log");
  await expect(deskLog).toContainText("Domanda sul rimborso");
  await expect.poll(() => network.connections()).toBeGreaterThan(0);

  // Only the socket dies (no offline event): the dashboard notices and says it is reconnecting.
  await network.down();
  await expect(desk.getByText("Connessione persa. Riconnessione in corso…")).toBeVisible();
  const customerBox = customer.getByRole("textbox", { name: "Scrivi un messaggio" });
  for (const text of ["Prima riga durante il guasto", "Seconda riga durante il guasto"]) {
    await customerBox.fill(text);
    await customerBox.press("Enter");
    await expect(customer.getByRole("log")).toContainText(text);
  }

  network.up();
  await expect(desk.getByText("Connessione persa. Riconnessione in corso…")).toHaveCount(0, { timeout: 30_000 });
  await expect(deskLog).toContainText("Seconda riga durante il guasto");
  await expect(deskLog).toContainText("Prima riga durante il guasto");
  expectGapFree(await shownSeqs(desk));

  await customerBox.fill("Dopo il ritorno");
  await customerBox.press("Enter");
  await expect(deskLog).toContainText("Dopo il ritorno");
  expect(await shownSeqs(desk)).toEqual(await shownSeqs(customer));
  await customerContext.close();
});
