// The two-way handoff in the operator's dashboard: the bot's transcript is shown above the live thread (collapsed to
// the last turns, the rest one click away), and "Restituisci al bot" hands the chat back with a note.
import { createOperator, db, escalate, expect, setStatus, signIn, test } from "./fixtures";

test("the operator sees the bot's transcript and returns the chat to the bot", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Sara Verdi" });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");

  const transcript = [
    { role: "user", text: "Buongiorno, ho pagato due volte", at: "2026-03-10T10:00:00Z" },
    { role: "bot", text: "Posso aiutarti con i pagamenti.", at: "2026-03-10T10:00:02Z" },
    { role: "user", text: "Il secondo addebito è del 3 marzo", at: "2026-03-10T10:00:20Z" },
    { role: "bot", text: "Non trovo l'addebito.", at: "2026-03-10T10:00:22Z" },
    { role: "user", text: "Voglio parlare con una persona", at: "2026-03-10T10:00:40Z" },
  ];
  const outcome = await escalate(request, { user_name: "Lucia", question: "Doppio addebito", transcript, confidence: 0.27, intent: "billing.double_charge" });
  expect(outcome.type).toBe("operator_assigned");

  await desk.getByRole("tabpanel", { name: /Le mie chat/ }).getByRole("button", { name: /Lucia/ }).click();
  const box = desk.getByTestId("bot-transcript");
  await expect(box).toContainText("intento billing.double_charge");
  await expect(box).toContainText("confidenza 27%");
  // The last three turns are visible; the two earlier ones are one click away.
  await expect(box.getByText("Voglio parlare con una persona")).toBeVisible();
  await expect(box.getByText("Buongiorno, ho pagato due volte")).toBeHidden();
  await box.getByText("2 scambi precedenti").click();
  await expect(box.getByText("Buongiorno, ho pagato due volte")).toBeVisible();

  await desk.getByRole("button", { name: "Restituisci al bot" }).click();
  await desk.getByRole("textbox", { name: "Nota per il bot (facoltativa)" }).fill("Rimborso avviato");
  await desk.getByRole("button", { name: "Conferma" }).click();
  await expect(desk.getByRole("status").filter({ hasText: "La chat è stata restituita al bot." }).first()).toBeVisible();

  const { rows } = await db().query<{ status: string; handback_note: string }>("SELECT status, handback_note FROM chat_sessions WHERE id = $1", [outcome.session_id]);
  expect(rows[0]).toEqual({ status: "closed", handback_note: "Rimborso avviato" });
});
