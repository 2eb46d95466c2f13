// Issue 13: an operator attaches a file to a ticket reply in the panel; the emailed reply carries it.
import { createOperator, db, expect, signIn, test } from "./fixtures";

// The smallest PNG, as an operator's screenshot would be.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

test("a file attached in the ticket reply box goes out with the emailed reply", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const created = await request.post("/api/tickets", { data: { user_email: "marta.blu@example.com", user_name: "Marta Blu", question: "Mi mandate la ricevuta?" } });
  expect(created.status(), await created.text()).toBe(201);
  const json = (await created.json()) as { data?: { number: number }; number?: number };
  const number = json.data?.number ?? json.number;

  const { page } = await signIn(browser, admin);
  await page.goto(`/admin/tickets/${number}`);
  await page.getByLabel("Allega file (immagini, PDF)").setInputFiles({ name: "ricevuta.png", mimeType: "image/png", buffer: PNG });
  const list = page.getByRole("list", { name: "File inviati con la risposta" });
  await expect(list.getByText("ricevuta.png")).toBeVisible();
  await page.getByRole("textbox", { name: "Risposta al cliente" }).fill("Ecco la ricevuta.");
  await page.getByRole("button", { name: "Invia risposta" }).click();
  await expect(page.getByText("Risposta registrata e in coda per l'invio.")).toBeVisible();
  await expect(list).toHaveCount(0);

  // The email in the outbox names the file; the file belongs to the ticket and to that reply's message.
  const { rows } = await db().query<{ payload: { attachment_ids?: string[] }; name: string }>(
    `SELECT n.payload, a.name FROM notifications n JOIN tickets t ON t.id = n.ticket_id
       JOIN chat_attachments a ON a.id = (n.payload->'attachment_ids'->>0)
      WHERE t.number = $1 AND n.kind = 'ticket_reply' AND n.channel = 'email'`,
    [number],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0].name).toBe("ricevuta.png");
});
