// Issue 9 in the browser: a chat opens only where it was started; another browser with the same link or the same
// email gets a way to move it (a link to the chat's own address), never the conversation.
import { createOperator, db, expect, setStatus, signIn, test, uniqueSuffix } from "./fixtures";

test("a chat link opened in another browser shows nothing of the chat; the emailed link moves it there", async ({ browser, request }) => {
  const operator = await createOperator(request, { name: "Sara Neri", maxChats: 2 });
  const { page: desk } = await signIn(browser, operator);
  await setStatus(desk, "Online");
  const email = `vittima-${uniqueSuffix()}@example.com`;

  // The customer starts from the guide's popup link; their browser now holds the chat's key.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await owner.goto(`/chat?email=${encodeURIComponent(email)}&question=${encodeURIComponent("Il mio IBAN è IT60X0542811101000000123456")}`);
  await expect(owner.getByText("Ora in chat: Sara Neri")).toBeVisible();
  const sessionId = new URL(owner.url()).searchParams.get("session")!;
  expect(sessionId).toBeTruthy();

  // Someone else with the link (a forwarded URL, a shared screen, a log): no transcript, an offer to email the owner.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(`/admin/customer-chat.html?session=${sessionId}`);
  await expect(stranger.getByRole("heading", { name: "Questa chat è aperta in un altro browser" })).toBeVisible();
  await expect(stranger.getByText("IBAN")).toHaveCount(0);
  await stranger.getByRole("button", { name: "Inviami un link" }).click();
  await expect(stranger.getByRole("status").filter({ hasText: "Ti abbiamo inviato un link" })).toContainText(`${email.slice(0, 2)}•••@example.com`);

  // The same email typed into the popup link elsewhere: told a link was sent, nothing more.
  await stranger.goto(`/chat?email=${encodeURIComponent(email)}&question=${encodeURIComponent("hi")}`);
  await expect(stranger.getByRole("heading", { name: "Hai già una conversazione aperta" })).toBeVisible();
  await expect(stranger.getByText("IBAN")).toHaveCount(0);

  // The owner opens the emailed link on a new device: the chat moves there, and the first browser loses it.
  const { rows } = await db().query<{ recipient: string; url: string }>(
    "SELECT recipient, payload->>'url' AS url FROM notifications WHERE kind = 'resume_link' AND session_id = $1 ORDER BY created_at DESC LIMIT 1",
    [sessionId],
  );
  expect(rows[0].recipient).toBe(email);
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await phone.goto(rows[0].url.replace(/^https?:\/\/[^/]+/, ""));
  await expect(phone.getByText("Il mio IBAN è IT60X0542811101000000123456")).toBeVisible();
  expect(new URL(phone.url()).searchParams.get("resume")).toBeNull();
  await owner.reload();
  await expect(owner.getByRole("heading", { name: "Questa chat è aperta in un altro browser" })).toBeVisible();

  await Promise.all([ownerContext.close(), strangerContext.close(), phoneContext.close()]);
});
