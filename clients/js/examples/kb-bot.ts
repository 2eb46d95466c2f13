/**
 * A tiny knowledge-base bot that hands over to a human through Sportello.
 *
 *   npx tsx clients/js/examples/kb-bot.ts "Quali sono gli orari di apertura?"
 *   npx tsx clients/js/examples/kb-bot.ts --lang en --wait "I want to talk to someone about my invoice"
 *
 * Environment: SPORTELLO_URL (default http://localhost:3001), SPORTELLO_API_KEY (optional).
 * Flags: --lang it|en, --user <id>, --email <address>, --wait (poll until an operator joins).
 *
 * The keyword scoring below is deliberately naive: it stands in for whatever your
 * real bot (an LLM, a search index...) reports as its confidence.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import {
  ApiError,
  NetworkError,
  RateLimitError,
  SportelloClient,
  decideEscalation,
  escalationMessage,
  quickReplies,
  type EscalationResult,
  type Locale,
} from "../src/index";

interface Entry {
  id: string;
  /** Word stems: a question word starting with one of these counts as a hit. */
  stems: string[];
  answer: Record<Locale, string>;
}

const KNOWLEDGE_BASE: Entry[] = [
  {
    id: "opening-hours",
    stems: ["orari", "apert", "chius", "hour", "open"],
    answer: {
      it: "Siamo aperti dal lunedì al venerdì, 9:00–18:00, e il sabato 9:00–13:00.",
      en: "We are open Monday to Friday 9:00–18:00 and Saturday 9:00–13:00.",
    },
  },
  {
    id: "shipping",
    stems: ["spedi", "consegn", "traccia", "tracking", "ship", "deliver"],
    answer: {
      it: "Le spedizioni partono entro 24h; il link di tracciamento arriva via email.",
      en: "Orders ship within 24h; the tracking link arrives by email.",
    },
  },
  {
    id: "returns",
    stems: ["reso", "resi", "rimbors", "restitu", "return", "refund"],
    answer: {
      it: "Hai 30 giorni per il reso: avvialo da «I miei ordini». Il rimborso arriva in 5–7 giorni.",
      en: "You have 30 days to return an item: start from “My orders”. Refunds take 5–7 days.",
    },
  },
  {
    id: "password",
    stems: ["password", "accesso", "accedere", "login", "reset"],
    answer: {
      it: "Per reimpostare la password usa «Password dimenticata?» nella pagina di accesso.",
      en: "To reset your password use “Forgot password?” on the sign-in page.",
    },
  },
  {
    id: "payments",
    stems: ["pagament", "pagare", "carta", "paypal", "payment", "pay", "card"],
    answer: {
      it: "Accettiamo carte di credito, PayPal e bonifico.",
      en: "We accept credit cards, PayPal and bank transfer.",
    },
  },
];

interface BotTexts {
  choose: string;
  resolved: string;
  rateLimited: (seconds: number | undefined) => string;
  unreachable: string;
  failed: string;
  chat: string;
  waiting: (position: number | null) => string;
  joined: (name: string) => string;
}

const UI: Record<Locale, BotTexts> = {
  it: {
    choose: "La risposta ti è stata utile?",
    resolved: "Perfetto, buona giornata!",
    rateLimited: (s) => `Troppe richieste: riprova${s === undefined ? " più tardi" : ` tra ${s} secondi`}.`,
    unreachable: "Non riesco a contattare il servizio clienti in questo momento. Riprova tra poco.",
    failed: "Qualcosa è andato storto nel passaggio a un operatore.",
    chat: "Continua qui la chat:",
    waiting: (p) => (p === null ? "In attesa..." : `Sei in posizione ${p} nella coda...`),
    joined: (n) => `${n} è ora in chat con te.`,
  },
  en: {
    choose: "Did this answer help?",
    resolved: "Great, have a nice day!",
    rateLimited: (s) => `Too many requests: try again${s === undefined ? " later" : ` in ${s} seconds`}.`,
    unreachable: "I can't reach customer service right now. Please try again shortly.",
    failed: "Something went wrong while handing you over to an agent.",
    chat: "Continue the chat here:",
    waiting: (p) => (p === null ? "Waiting..." : `You are number ${p} in the queue...`),
    joined: (n) => `${n} joined the chat.`,
  },
};

/** Two stem hits means a confident match, one is a guess, none is a miss. */
function bestMatch(question: string): { entry: Entry | undefined; confidence: number } {
  const words = question
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
  let best: { entry: Entry | undefined; confidence: number } = { entry: undefined, confidence: 0 };
  for (const entry of KNOWLEDGE_BASE) {
    const hits = entry.stems.filter((stem) => words.some((w) => w.startsWith(stem))).length;
    const confidence = Math.min(1, hits / 2);
    if (confidence > best.confidence) best = { entry, confidence };
  }
  return best;
}

async function askChoice(locale: Locale): Promise<"resolved" | "escalate_human" | undefined> {
  const replies = quickReplies(locale);
  console.log(`\n${UI[locale].choose}`);
  replies.forEach((r, i) => console.log(`  ${i + 1}) ${r.label}`));
  // Piped or scripted runs have nobody to answer: show the choices and stop there.
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question("> ")).trim();
    return replies[Number(answer) - 1]?.payload;
  } finally {
    rl.close();
  }
}

async function escalate(
  client: SportelloClient,
  args: { question: string; userId: string; email?: string; locale: Locale; wait: boolean; confidence: number; entryId?: string },
): Promise<void> {
  const ui = UI[args.locale];
  let result: EscalationResult;
  try {
    result = await client.requestHumanOperator({
      userId: args.userId,
      email: args.email,
      question: args.question,
      locale: args.locale,
      metadata: { source: "kb-bot-example", confidence: args.confidence, best_match: args.entryId ?? null },
    });
  } catch (error) {
    if (error instanceof RateLimitError) console.log(ui.rateLimited(error.retryAfterSeconds));
    else if (error instanceof NetworkError) console.log(ui.unreachable);
    else if (error instanceof ApiError) console.log(`${ui.failed} (${error.code}: ${error.message}, request ${error.requestId ?? "?"})`);
    else throw error;
    process.exitCode = 1;
    return;
  }

  console.log(escalationMessage(result, args.locale));
  if (result.type === "ticket_created") return;
  console.log(`${ui.chat} ${result.chatUrl}`);
  if (result.type === "queue" && args.wait) await waitForHuman(client, result.sessionId, args.locale);
}

async function waitForHuman(client: SportelloClient, sessionId: string, locale: Locale): Promise<void> {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort(new Error("interrupted")));
  let lastPosition: number | null | undefined;
  try {
    const session = await client.waitForOperator(sessionId, {
      intervalMs: 3_000,
      signal: controller.signal,
      onUpdate: (s) => {
        if (s.status === "queued" && s.position !== lastPosition) console.log(UI[locale].waiting(s.position));
        lastPosition = s.position;
      },
    });
    if (session.operator) console.log(UI[locale].joined(session.operator.name));
    else if (session.ticketNumber !== null) {
      console.log(
        escalationMessage({ type: "ticket_created", ticketId: session.ticketNumber, ticketNumber: session.ticketNumber, message: "", existing: false }, locale),
      );
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      lang: { type: "string", default: "it" },
      user: { type: "string", default: "kb-bot-demo-user" },
      email: { type: "string" },
      wait: { type: "boolean", default: false },
    },
  });
  const question = positionals.join(" ").trim();
  const locale: Locale = values.lang === "en" ? "en" : "it";
  if (!question) {
    console.error('Usage: npx tsx clients/js/examples/kb-bot.ts [--lang it|en] [--wait] "your question"');
    process.exitCode = 2;
    return;
  }

  const client = new SportelloClient({
    baseUrl: process.env.SPORTELLO_URL ?? "http://localhost:3001",
    apiKey: process.env.SPORTELLO_API_KEY,
  });
  const { entry, confidence } = bestMatch(question);
  const decision = decideEscalation(confidence);
  const escalation = { question, userId: values.user, email: values.email, locale, wait: values.wait, confidence, entryId: entry?.id };

  if (decision === "escalate" || !entry) {
    await escalate(client, escalation);
    return;
  }
  console.log(entry.answer[locale]);
  if (decision === "answer") return;

  const choice = await askChoice(locale);
  if (choice === "resolved") console.log(UI[locale].resolved);
  if (choice === "escalate_human") await escalate(client, escalation);
}

await main();
