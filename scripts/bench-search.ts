// npm run bench:search – full-text search on generated data: 1,000,000 messages, 100,000 tickets (50,000 notes),
// 200,000 contacts, generated with set-based INSERT … SELECT generate_series (no row-by-row inserts), then 200
// mixed first-page queries (messages / tickets / contacts, admin and operator, with and without filters) through
// the search service (lib/search/run-search.ts) against one embedded PostgreSQL 18. Prints p50 and p95.
// Sizes scale with BENCH_SCALE (1 = the issue's sizes). Everything on 127.0.0.1.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { findFreePort } from "@/scripts/lib/ports";

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const MESSAGES = Math.round(1_000_000 * SCALE);
const TICKETS = Math.round(100_000 * SCALE);
const CONTACTS = Math.round(200_000 * SCALE);
const SESSIONS = Math.round(MESSAGES / 10);
const OPERATORS = 40;
const QUERIES = 200;

// Words drawn with a skewed distribution (power of random()): a few are very common, most are rare — like a desk.
const IT_WORDS = `fattura ordine spedizione rimborso pagamento account password accesso carta prodotto consegna ritardo reso cambio taglia colore negozio sconto codice abbonamento rinnovo disdetta contratto bolletta indirizzo numero telefono email problema errore aiuto grazie buongiorno salve cortesia urgente settimana giorno ieri oggi domani mese anno prezzo costo importo addebito bonifico paypal iban ricevuta garanzia riparazione assistenza tecnico installazione modem linea internet fibra velocità app aggiornamento notifica messaggio chat operatore risposta attesa coda perché però città qualità già più può così lunedì venerdì caffè`.split(" ");
const EN_WORDS = `invoice order shipping refund payment account password login card product delivery delay return exchange size colour store discount code subscription renewal cancel contract bill address number phone email problem error help thanks hello please urgent week day yesterday today tomorrow month year price cost amount charge transfer paypal receipt warranty repair support technician install router line internet fibre speed app update notification message chat agent answer waiting queue running tracking parcel courier`.split(" ");
const FIRST = `Giulia Marco Luca Francesca Alessandro Sofia Matteo Chiara Lorenzo Martina Andrea Giorgia Davide Sara Simone Elena Federico Anna Riccardo Laura John Emma Oliver Olivia Harry Amelia Jack Isla Noah Ava José Zoë Renée Nicolò`.split(" ");
const LAST = `Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca Mancini Costa Giordano Rizzo Lombardi Moretti Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Nicolò Caffè`.split(" ");

// The rest of a message: 3,000 made-up words (syllables), so the vocabulary has a long tail like real text instead of
// a hundred words that every message repeats.
const SYLLABLES = "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split(" ");
const FILLER = Array.from({ length: 3000 }, (_, i) => SYLLABLES[i % 55] + SYLLABLES[Math.floor(i / 55) % 55] + SYLLABLES[(i * 7) % 55]);

const sqlArray = (words: string[]) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`;
const pick = (array: string, skew = 3) => `(${array})[1 + floor(power(random(), ${skew}) * array_length(${array}, 1))::int]`;
/** A message: `topical` words from the desk's vocabulary (mildly skewed), the rest from the long tail (skewed). */
const sentence = (array: string, words: number, filler: string, topical = 2) =>
  Array.from({ length: words }, (_, i) => (i < topical ? pick(array, 1.5) : pick(filler, 2))).join(" || ' ' || ");

async function generate(client: pg.Client): Promise<void> {
  const it = sqlArray(IT_WORDS);
  const en = sqlArray(EN_WORDS);
  const first = sqlArray(FIRST);
  const last = sqlArray(LAST);
  const filler = sqlArray(FILLER);
  const step = async (label: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  // Bulk load first, indexes after: building a GIN index once is much faster than growing it row by row. Every GIN
  // index on the searched tables (whatever the migrations define) is dropped here and rebuilt from its definition.
  const gin = await client.query<{ indexname: string; indexdef: string }>(`SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename IN ('messages', 'tickets', 'ticket_notes', 'contacts') AND indexdef ILIKE '% USING gin %'`);
  for (const index of gin.rows) await client.query(`DROP INDEX "${index.indexname}"`);
  await step("operators", `INSERT INTO operators (id, name, email, role, updated_at)
    SELECT 'op_' || g, 'Operator ' || g, 'op' || g || '@bench.local', 'operator', now() FROM generate_series(1, ${OPERATORS}) g`);
  await step("contacts", `INSERT INTO contacts (id, user_id, name, email, phone, created_at, updated_at)
    SELECT 'c_' || g, 'user_' || g, n.f || ' ' || n.l, lower(n.f) || '.' || lower(n.l) || g || '@example.com',
           '+39333' || lpad(g::text, 7, '0'), now() - (g % 1500) * interval '1 day', now()
    FROM generate_series(1, ${CONTACTS}) g
    CROSS JOIN LATERAL (SELECT ${pick(first, 1)} AS f, ${pick(last, 1)} AS l WHERE g > 0) n`);
  await step("sessions", `INSERT INTO chat_sessions (id, contact_id, status, question, metadata, channel, operator_id, queued_at, closed_at, created_at, updated_at, last_seq)
    SELECT 's_' || g, 'c_' || (1 + (g::bigint * 7919) % ${CONTACTS}), (CASE WHEN g % 50 = 0 THEN 'active' ELSE 'closed' END)::"SessionStatus", 'domanda ' || g,
           CASE WHEN g % 5 = 0 THEN '{"locale":"en"}'::jsonb ELSE '{"locale":"it"}'::jsonb END,
           (CASE WHEN g % 4 = 0 THEN 'whatsapp' ELSE 'web' END)::"Channel", 'op_' || (1 + g % ${OPERATORS}),
           now() - (g % 1500) * interval '1 day', now() - (g % 1500) * interval '1 day' + interval '20 minutes',
           now() - (g % 1500) * interval '1 day', now(), 10
    FROM generate_series(1, ${SESSIONS}) g`);
  await step("messages", `INSERT INTO messages (id, session_id, seq, sender, body, channel, language, created_at)
    SELECT 'm_' || g, 's_' || s, 1 + (g % 10), (CASE WHEN g % 2 = 0 THEN 'customer' ELSE 'operator' END)::"MessageSender",
           CASE WHEN s % 5 = 0 THEN ${sentence(en, 9, filler)} ELSE ${sentence(it, 9, filler)} END,
           (CASE WHEN s % 4 = 0 THEN 'whatsapp' ELSE 'web' END)::"Channel", CASE WHEN s % 5 = 0 THEN 'en' ELSE 'it' END,
           now() - (s % 1500) * interval '1 day' + (g % 10) * interval '1 minute'
    FROM generate_series(0, ${MESSAGES - 1}) g CROSS JOIN LATERAL (SELECT 1 + g / 10 AS s) x`);
  await step("tickets", `INSERT INTO tickets (id, number, status, question, contact_id, assignee_id, channel, access_token, due_at, language, created_at, updated_at)
    SELECT 't_' || g, 100000 + g, (ARRAY['open','pending','resolved','closed'])[1 + g % 4]::"TicketStatus",
           CASE WHEN g % 5 = 0 THEN ${sentence(en, 7, filler)} ELSE ${sentence(it, 7, filler)} END,
           'c_' || (1 + (g::bigint * 104729) % ${CONTACTS}), CASE WHEN g % 3 = 0 THEN NULL ELSE 'op_' || (1 + g % ${OPERATORS}) END,
           (CASE WHEN g % 2 = 0 THEN 'email' ELSE 'whatsapp' END)::"Channel", 'tok_' || g, now(), CASE WHEN g % 5 = 0 THEN 'en' ELSE 'it' END,
           now() - (g % 1500) * interval '1 day', now()
    FROM generate_series(1, ${TICKETS}) g`);
  await step("ticket notes", `INSERT INTO ticket_notes (id, ticket_id, body, language, created_at)
    SELECT 'n_' || g, 't_' || (g * 2), ${sentence(it, 8, filler)}, 'it', now() FROM generate_series(1, ${Math.floor(TICKETS / 2)}) g`);
  await step("GIN indexes", gin.rows.map((index) => index.indexdef).join(";\n"));
  await step("VACUUM ANALYZE", "VACUUM ANALYZE");
}

interface Case {
  label: string;
  q: string;
  type: "messages" | "tickets" | "contacts";
  admin: boolean;
  filter?: Record<string, string>;
}

/** 200 queries, deterministic: 60% messages, 25% tickets, 15% contacts; half as an operator; a third filtered. */
function cases(): Case[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const any = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const words = () => {
    const pool = rand() < 0.8 ? IT_WORDS : EN_WORDS;
    const n = 1 + Math.floor(rand() * 3);
    const terms = Array.from({ length: n }, () => any(pool));
    // Half the time the last word is still being typed: a prefix.
    if (rand() < 0.5) terms[n - 1] = terms[n - 1].slice(0, Math.max(3, terms[n - 1].length - 2));
    return terms.join(" ");
  };
  const list: Case[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const r = rand();
    const type = r < 0.6 ? "messages" : r < 0.85 ? "tickets" : "contacts";
    const admin = i % 2 === 0;
    const q = type === "contacts" ? (rand() < 0.7 ? `${any(FIRST)} ${any(LAST).slice(0, 4)}` : `333${Math.floor(rand() * 90000 + 10000)}`) : type === "tickets" && rand() < 0.2 ? `#${100000 + Math.floor(rand() * TICKETS)}` : words();
    const filter: Record<string, string> | undefined = i % 3 === 0 && type !== "contacts" ? any<Record<string, string>>([{ channel: "whatsapp" }, { status: "closed" }, { from: "2025-06-01" }]) : undefined;
    list.push({ label: `${type}${admin ? "" : " (operator)"}${filter ? " filtered" : ""}`, q, type, admin, filter });
  }
  return list;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

// embedded-postgres stops its clusters on SIGHUP/SIGINT/SIGTERM (async-exit-hook). On the shared machine, runs were
// cut short by a stray SIGINT/SIGHUP minutes in: say which signal arrived, and let only SIGTERM stop the run.
for (const signal of ["SIGHUP", "SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => {
    console.error(`bench:search: received ${signal} at ${new Date().toISOString()}${signal === "SIGTERM" ? ", stopping" : ", ignored"}`);
    if (signal === "SIGTERM") void database.stop().finally(() => process.exit(143));
  });
}

// BENCH_DATA_DIR keeps the generated database in that folder and reuses it on the next run (pending migrations are
// applied to it, the data is generated only when the folder holds none of this size), so an experiment on the
// queries or indexes does not pay for the generation again. Without it the data lives in a temporary folder.
const keptDir = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null;
const scratch = keptDir ?? mkdtempSync(path.join(os.tmpdir(), "sportello-bench-search-"));
mkdirSync(scratch, { recursive: true });
chmodSync(scratch, 0o755);
const database = await startEmbeddedPostgres({
  dataDir: path.join(scratch, "pg"),
  port: await findFreePort(),
  database: "bench",
  persistent: keptDir !== null,
  log: process.env.BENCH_PG_LOG ? (line) => console.error("[pg]", line.trim()) : undefined,
});
try {
  await applyMigrations(database.url);
  const client = new pg.Client({ connectionString: database.url });
  // When a generation query fails, the finally block stops the database; the client's "connection terminated" error
  // must not crash the run before the query's own error is printed (it hid an integer overflow at full size).
  client.on("error", () => undefined);
  await client.connect();
  const existing = await client.query<{ n: string }>("SELECT count(*) AS n FROM messages");
  if (Number(existing.rows[0].n) === MESSAGES) {
    console.log(`reusing the ${MESSAGES} messages already generated in ${scratch}`);
    await client.query("ANALYZE");
  } else if (Number(existing.rows[0].n) > 0) {
    throw new Error(`${scratch} holds data of another size (${existing.rows[0].n} messages): remove it or pick another BENCH_DATA_DIR`);
  } else {
    console.log(`generating ${MESSAGES} messages, ${TICKETS} tickets, ${CONTACTS} contacts (set-based)…`);
    await generate(client);
  }
  const sizes = await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS db,
    (SELECT pg_size_pretty(sum(pg_relation_size(indexrelid))) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'messages'::regclass AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'gin')) AS messages_gin`);
  console.log(`  database ${sizes.rows[0].db}, messages GIN index ${sizes.rows[0].messages_gin}`);
  await client.end();

  // The service reads DATABASE_URL through lib/env on first use.
  process.env.DATABASE_URL = database.url;
  const { runSearch } = await import("@/lib/search/run-search");
  const { searchQuery } = await import("@/lib/search/search-schemas");
  const { disconnectPrisma } = await import("@/lib/db/client");
  const all = cases();
  // Warm-up: the pool's connections and the first plans, not measured.
  for (const c of all.slice(0, 10)) await runSearch(searchQuery.parse({ q: c.q, type: c.type }), { admin: true, operatorId: null, teamIds: [] });

  const timings: { label: string; q: string; ms: number; hits: number }[] = [];
  for (const [i, c] of all.entries()) {
    const query = searchQuery.parse({ q: c.q, type: c.type, ...c.filter });
    const viewer = { admin: c.admin, operatorId: c.admin ? null : `op_${1 + (i % OPERATORS)}`, teamIds: [] };
    const started = performance.now();
    const result = await runSearch(query, viewer);
    timings.push({ label: c.label, q: c.q, ms: performance.now() - started, hits: result.items.length });
  }
  // The same queries, newest first (sort=recent).
  const recent: typeof timings = [];
  for (const [i, c] of all.entries()) {
    const query = searchQuery.parse({ q: c.q, type: c.type, sort: "recent", ...c.filter });
    const viewer = { admin: c.admin, operatorId: c.admin ? null : `op_${1 + (i % OPERATORS)}`, teamIds: [] };
    const started = performance.now();
    const result = await runSearch(query, viewer);
    recent.push({ label: c.label, q: c.q, ms: performance.now() - started, hits: result.items.length });
  }
  await disconnectPrisma();

  const report = (label: string, rows: typeof timings) => {
    const sorted = rows.map((t) => t.ms).sort((a, b) => a - b);
    if (sorted.length === 0) return;
    console.log(`${label.padEnd(26)} n=${String(sorted.length).padStart(3)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(6)} ms  max ${sorted.at(-1)!.toFixed(1).padStart(6)} ms`);
  };
  console.log(`\n${QUERIES} first-page queries (limit 20), ${timings.filter((t) => t.hits > 0).length} with results:`);
  report("all", timings);
  for (const type of ["messages", "tickets", "contacts"]) report(type, timings.filter((t) => t.label.startsWith(type)));
  report("as an operator", timings.filter((t) => t.label.includes("operator")));
  report("filtered", timings.filter((t) => t.label.includes("filtered")));
  const slowest = (rows: typeof timings) => {
    for (const t of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 10)) console.log(`  ${t.ms.toFixed(1).padStart(7)} ms  ${t.label}: "${t.q}" (${t.hits} hits)`);
  };
  console.log("slowest:");
  slowest(timings);
  console.log(`\nthe same ${QUERIES} queries with sort=recent (newest first):`);
  report("all", recent);
  for (const type of ["messages", "tickets", "contacts"]) report(type, recent.filter((t) => t.label.startsWith(type)));
  console.log("slowest:");
  slowest(recent);
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, node ${process.version}`);
} finally {
  await database.stop();
  if (!keptDir) rmSync(scratch, { recursive: true, force: true });
}
