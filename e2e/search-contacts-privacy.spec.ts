// Search from the dashboard, the contact page's timeline, and export/erase from the admin panel, in the real UI.
import { readFile } from "node:fs/promises";
import { createOperator, db, expect, signIn, test, uniqueSuffix } from "./fixtures";

interface Seeded {
  contactId: string;
  sessionIds: string[];
  ticketNumber: number;
}

/** A contact with a closed web chat, a WhatsApp chat (both handled by the operator) and an email ticket. */
async function seedContact(operatorId: string, word: string, person: { name: string; email: string; phone: string }): Promise<Seeded> {
  const suffix = uniqueSuffix();
  const contactId = `e2e_c_${suffix}`;
  await db().query(`INSERT INTO contacts (id, user_id, name, email, phone, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, now(), now())`, [
    contactId,
    `e2e-user-${suffix}`,
    person.name,
    person.email,
    person.phone,
  ]);
  const sessionIds = [`e2e_s_web_${suffix}`, `e2e_s_wa_${suffix}`];
  const sessions = [
    { id: sessionIds[0], channel: "web", at: "2026-03-02T10:00:00Z", bodies: [`Buongiorno, la ${word} di marzo è sbagliata`, "Controllo subito"] },
    { id: sessionIds[1], channel: "whatsapp", at: "2026-05-10T09:00:00Z", bodies: ["Dove è il mio ordine?", "In consegna domani"] },
  ];
  for (const s of sessions) {
    await db().query(
      `INSERT INTO chat_sessions (id, contact_id, status, question, metadata, channel, operator_id, queued_at, assigned_at, closed_at, created_at, updated_at, last_seq)
       VALUES ($1, $2, 'closed', $3, '{"locale":"it"}', $4, $5, $6, $6, $6::timestamp + interval '10 minutes', $6, now(), 2)`,
      [s.id, contactId, s.bodies[0], s.channel, operatorId, s.at],
    );
    for (const [i, body] of s.bodies.entries()) {
      await db().query(
        `INSERT INTO messages (id, session_id, seq, sender, body, channel, operator_id, created_at) VALUES ($1, $2, $3::int, $4, $5, $6, $7, $8::timestamp + $3::int * interval '1 minute')`,
        [`${s.id}_m${i + 1}`, s.id, i + 1, i === 0 ? "customer" : "operator", body, s.channel, i === 0 ? null : operatorId, s.at],
      );
    }
  }
  const { rows } = await db().query<{ number: number }>(
    `INSERT INTO tickets (id, status, question, contact_id, assignee_id, channel, access_token, due_at, contact_email, created_at, updated_at)
     VALUES ($1, 'open', 'Rimborso del reso', $2, $3, 'email', $4, now() + interval '1 day', $5, '2026-06-01T08:00:00Z', now()) RETURNING number`,
    [`e2e_t_${suffix}`, contactId, operatorId, `tok_${suffix}`, person.email],
  );
  return { contactId, sessionIds, ticketNumber: rows[0].number };
}

test("search from the dashboard opens the right conversation", async ({ browser, request }) => {
  const operator = await createOperator(request);
  const word = `fattura${uniqueSuffix().replace(/\d/g, "")}`;
  const seeded = await seedContact(operator.id, word, { name: "Giulia Bianchi", email: `giulia-${uniqueSuffix()}@e2e.test`, phone: "+393331112233" });
  const { page } = await signIn(browser, operator);

  await page.getByRole("searchbox", { name: "Cerca in messaggi, ticket e contatti" }).fill(word.slice(0, -2));
  await page.getByRole("button", { name: "Cerca", exact: true }).click();
  await expect(page).toHaveURL(/\/operator\/search\?q=/);
  const hits = page.getByTestId("search-hit");
  await expect(hits).toHaveCount(1);
  await expect(hits.first().locator("mark")).toHaveText(word);
  await hits.first().click();

  await expect(page).toHaveURL(new RegExp(`/operator/conversations/${seeded.sessionIds[0]}\\?m=${seeded.sessionIds[0]}_m1`));
  const found = page.locator('li[aria-current="true"]');
  await expect(found).toContainText(`la ${word} di marzo`);
  await expect(found).toContainText("Risultato della ricerca");
});

test("the contact page shows one timeline across channels and keeps notes", async ({ browser, request }) => {
  const operator = await createOperator(request);
  const seeded = await seedContact(operator.id, "ordine", { name: "Luca Riva", email: `luca-${uniqueSuffix()}@e2e.test`, phone: "+393334445566" });
  const { page } = await signIn(browser, operator);

  await page.goto(`/operator/contacts/${seeded.contactId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Luca Riva" })).toBeVisible();
  const items = page.getByTestId("contact-timeline").getByRole("listitem");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText(`Ticket #${seeded.ticketNumber}`);
  await expect(items.nth(0)).toContainText("Email");
  await expect(items.nth(1)).toContainText("WhatsApp");
  await expect(items.nth(2)).toContainText("Web");
  await expect(items.nth(2)).toContainText("2 messaggi");

  await page.getByLabel("Aggiungi una nota (non la vede il cliente)").fill("Preferisce essere contattato su WhatsApp");
  await page.getByRole("button", { name: "Salva nota" }).click();
  await expect(page.getByText("Preferisce essere contattato su WhatsApp")).toBeVisible();

  // The conversation link opens the past chat.
  await items.nth(1).getByRole("link", { name: "Conversazione" }).click();
  await expect(page).toHaveURL(new RegExp(`/operator/conversations/${seeded.sessionIds[1]}`));
  await expect(page.getByText("In consegna domani")).toBeVisible();
});

test("an admin exports and then erases a contact from the panel", async ({ browser, request }) => {
  const admin = await createOperator(request, { role: "admin" });
  const email = `erase-${uniqueSuffix()}@e2e.test`;
  const seeded = await seedContact(admin.id, "reso", { name: "Paola Neri", email, phone: "+393337778899" });
  const { page } = await signIn(browser, admin);

  await page.goto(`/admin/contacts/${seeded.contactId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Paola Neri" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Esporta tutti i dati (JSON)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`contact-${seeded.contactId}.json`);
  const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as { contacts: { email: string }[]; conversations: unknown[]; tickets: unknown[] };
  expect(exported.contacts[0].email).toBe(email);
  expect(exported.conversations).toHaveLength(2);
  expect(exported.tickets).toHaveLength(1);

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancella i dati personali" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cancellati:" })).toContainText("4 messaggi");
  await expect(page.getByText(/Dati personali cancellati il/)).toBeVisible();
  await expect(page.getByTestId("contact-email")).toHaveText("—");
  const { rows } = await db().query("SELECT count(*)::int AS n FROM messages WHERE session_id = ANY($1) AND body <> ''", [seeded.sessionIds]);
  expect(rows[0].n).toBe(0);
});
