/**
 * A headless bot with the whole two-way handoff: it keeps its own "widget" (this terminal), escalates with its
 * transcript when it cannot answer, relays the customer's lines into the session, prints the operator's replies as
 * they arrive by webhook, and answers again once the operator hands the conversation back.
 *
 *   SPORTELLO_API_KEY=spk_… SPORTELLO_WEBHOOK_SECRET=whsec_… npx tsx clients/js/examples/relay-bot.ts
 *
 * Environment: SPORTELLO_URL (default http://localhost:3001), SPORTELLO_API_KEY (a chatbot key),
 * SPORTELLO_WEBHOOK_SECRET (the secret of an endpoint registered at http://127.0.0.1:4100/sportello, with
 * WEBHOOK_ALLOW_PRIVATE=true on the local Sportello), BOT_WEBHOOK_PORT (default 4100). See the README.
 */
import http from "node:http";
import { createInterface } from "node:readline/promises";
import { ApiError, SportelloClient, verifyWebhook, type TranscriptEntry, type WebhookEvent } from "../src/index";

const client = new SportelloClient({ baseUrl: process.env.SPORTELLO_URL ?? "http://localhost:3001", apiKey: process.env.SPORTELLO_API_KEY });
const secret = process.env.SPORTELLO_WEBHOOK_SECRET ?? "";
const port = Number(process.env.BOT_WEBHOOK_PORT ?? 4100);
const userId = `relay-demo-${Date.now().toString(36)}`;

const transcript: TranscriptEntry[] = [];
let sessionId: string | null = null;
/** Who answers the customer now: the bot, or a person (between escalation and hand-back). */
let humanHasIt = false;
const seen = new Set<string>();

function say(who: string, text: string): void {
  console.log(`${who}: ${text}`);
}

/** The bot's whole "intelligence": two canned answers, and a person for anything else. */
function botAnswer(text: string): string | null {
  if (/orari|hour|open/i.test(text)) return "We are open 9:00–18:00, Monday to Friday.";
  if (/ciao|hello|hi\b/i.test(text)) return "Hello! Ask me about our opening hours, or ask for a person.";
  return null;
}

function onWebhook(event: WebhookEvent): void {
  if (event.data.session_id !== sessionId) return;
  switch (event.type) {
    case "session.queued":
      say("sportello", `you are number ${event.data.position} in the queue, about ${event.data.estimated_wait} min`);
      break;
    case "session.assigned":
      humanHasIt = true;
      say("sportello", `${event.data.operator.name} joined`);
      break;
    case "message.created":
      if (event.data.message.sender === "operator") say(event.data.message.operator_name ?? "operator", event.data.message.body);
      break;
    case "session.handed_back":
      humanHasIt = false;
      say("bot", `I'm back${event.data.note ? ` (note from ${event.data.operator?.name ?? "the operator"}: ${event.data.note})` : ""}. Anything else?`);
      break;
    case "session.closed":
    case "session.ticketed":
      humanHasIt = false;
      sessionId = null;
      say("bot", "The conversation with our team has ended. I'm here if you need anything.");
      break;
    default:
      break;
  }
}

// The webhook receiver: raw body, verified, deduplicated on the event id (delivery is at least once).
http
  .createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      verifyWebhook(Buffer.concat(chunks).toString("utf8"), request.headers, secret)
        .then((event) => {
          response.writeHead(204).end();
          if (seen.has(event.id)) return;
          seen.add(event.id);
          onWebhook(event);
        })
        .catch(() => response.writeHead(400).end());
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`webhooks on http://127.0.0.1:${port}/sportello — type a message (Ctrl-D to quit)`));

const input = createInterface({ input: process.stdin });
for await (const line of input) {
  const text = line.trim();
  if (!text) continue;
  transcript.push({ role: "user", text, at: new Date().toISOString() });
  if (sessionId) {
    // A person may own the conversation: relay the customer's line; the bot speaks only when it has it back.
    await client.relayCustomerMessage(sessionId, text);
    if (humanHasIt) continue;
  }
  const answer = botAnswer(text);
  if (answer) {
    transcript.push({ role: "bot", text: answer, at: new Date().toISOString() });
    say("bot", answer);
    if (sessionId) {
      await client.relayBotMessage(sessionId, answer).catch((error: unknown) => {
        // The operator took it back in the meantime: stay quiet.
        if (error instanceof ApiError && error.code === "HUMAN_OWNS_CONVERSATION") humanHasIt = true;
        else throw error;
      });
    }
    continue;
  }
  say("bot", "Let me find a person for you…");
  const result = await client.requestHumanOperator({ userId, question: text, transcript: transcript.slice(-50), confidence: 0.2, intent: "unknown" });
  if (result.type === "ticket_created") {
    say("sportello", result.message);
    continue;
  }
  sessionId = result.sessionId;
  humanHasIt = result.type === "operator_assigned";
}
process.exit(0);
