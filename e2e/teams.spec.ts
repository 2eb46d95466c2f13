// The admin's teams page through the real UI: create a team with a member, limits and a fallback, edit it, see a
// request routed to it counted in its queue, then delete it (its waiting chat moves to the default team).
import { adminHeaders, createOperator, escalate, expect, signIn, test, uniqueSuffix } from "./fixtures";

test("an admin creates, edits and deletes a team; its queue is counted on the page", async ({ browser, request }) => {
  // A long journey (create, route, edit twice, delete): late in the full suite, with every earlier test's chats in
  // the default team's queue, it has taken over 90 s on the 2-core CI machine (17 s alone).
  test.setTimeout(180_000);
  const admin = await createOperator(request, { role: "admin" });
  const member = await createOperator(request, { name: `Membro ${uniqueSuffix()}` });
  const { page } = await signIn(browser, admin);
  const slug = `fatture-${uniqueSuffix()}`;

  await page.goto("/admin/teams");
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  await expect(page.getByRole("row", { name: /default/ })).toBeVisible();
  await page.getByRole("button", { name: "Nuovo team" }).click();
  await page.getByLabel("Nome", { exact: true }).fill("Fatture");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Lunghezza massima della coda").fill("5");
  await page.getByLabel("Team di ripiego").selectOption({ label: "Default" });
  await page.getByLabel("Ripiega dopo (minuti)").fill("3");
  await page.getByLabel(member.name).check();
  await page.getByRole("button", { name: "Salva" }).click();
  const row = page.getByRole("row", { name: new RegExp(slug) });
  await expect(row).toContainText(member.name);
  await expect(row).toContainText("coda ≤ 5");
  await expect(row).toContainText("→ Default dopo 3 min");

  // The member is offline: nobody can take the chat, so a ticket; with the member's seat taken, a chat waits.
  const teams = await (await request.get("/api/admin/teams", { headers: adminHeaders() })).json();
  const team = teams.data.find((t: { slug: string }) => t.slug === slug);
  await request.patch(`/api/chat/operators/${member.id}`, { headers: adminHeaders(), data: { status: "online", max_chats: 1 } });
  expect((await escalate(request, { team: slug })).type).toBe("operator_assigned");
  const waiting = await escalate(request, { team: slug });
  expect(waiting).toMatchObject({ type: "queue", position: 1 });

  await page.reload();
  await row.getByRole("button", { name: `Modifica Fatture` }).click();
  await page.getByLabel("Orari propri").check();
  await page.getByLabel("Festività").fill("2026-12-25");
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(row).toContainText("orari propri");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");

  // Hours set per day through the API survive an edit of something else on the page (the form shows one interval
  // for the weekdays, and would otherwise flatten them).
  const perDay = {
    enabled: true,
    timezone: "Europe/Rome",
    days: { mon: [["08:00", "12:00"]], tue: [["14:00", "20:00"]], wed: [], thu: [["09:00", "18:00"]], fri: [["09:00", "13:00"]], sat: [], sun: [] },
    holidays: [],
  };
  expect((await request.patch(`/api/admin/teams/${team.id}`, { headers: adminHeaders(), data: { business_hours: perDay } })).status()).toBe(200);
  await page.reload();
  await row.getByRole("button", { name: `Modifica Fatture` }).click();
  await page.getByLabel("Ripiega dopo (minuti)").fill("4");
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(row).toContainText("→ Default dopo 4 min");
  const kept = (await (await request.get(`/api/admin/teams/${team.id}`, { headers: adminHeaders() })).json()).data;
  expect(kept.business_hours.days).toEqual(perDay.days);

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Elimina Fatture" }).click();
  await expect(page.getByText("Team eliminato: 2 chat spostate nel team predefinito.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(slug) })).toHaveCount(0);
  const session = await (await request.get(`/api/chat/sessions/${waiting.session_id}`, { headers: adminHeaders() })).json();
  expect(session.data.team.slug).toBe("default");
  expect(team.id).toBeTruthy();
});
