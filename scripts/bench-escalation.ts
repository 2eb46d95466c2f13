// npm run bench:escalation – POST /api/chat/request-operator on the production build, driven by autocannon with a
// chatbot API key (50 connections), side by side with a bare node:http + pg server doing the same SQL work.
// Prints req/s, p50, p99, the ratio, and the CPU milliseconds each request costs the web server and PostgreSQL (from
// /proc: unlike req/s, barely moved by other load). Needs a production build (`npx next build`). All on 127.0.0.1.
// BENCH_STATEMENTS=1 BENCH_PG_LOG=1: instead, log every SQL statement one escalation sends.
// Then the deep-queue case (issue 12): one escalation at a time with 9,000 sessions waiting across three teams
// against an empty queue, through the app and as the bare SQL function. BENCH_CASES=deep runs only that case.
import http from "node:http";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { findFreePort } from "@/scripts/lib/ports";
import { ownCpuMs, postgresCpuMs, processCpuMs } from "@/scripts/lib/process-cpu";
import { startAppServer } from "@/test/app-server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
// BENCH_CPU_PROF=<folder>: the app's web server writes a V8 CPU profile there (node --cpu-prof) when it stops.
const CPU_PROF = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
const CONNECTIONS = 50;
const API_KEY_CACHE_TTL_MS = 5_000;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

// Every request escalates a new user (across runs too): the queued outcome, not "your conversation is open".
let n = 0;

async function drive(url: string, apiKey: string, sequential?: number): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: sequential ? 1 : CONNECTIONS,
    ...(sequential ? { amount: sequential } : { duration: DURATION }),
    requests: [
      {
        method: "POST",
        path: "/api/chat/request-operator",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ user_id: `bench_${process.pid}_${n++}`, question: "Ho bisogno di aiuto con il mio ordine", priority: n % 7 === 0 ? "high" : "medium", metadata: { source: "bench" } }),
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

// Named arguments, as lib/routing/request-operator.ts calls it.
const ESCALATE_SQL = `SELECT * FROM sportello_escalate(
  p_contact_id => $1, p_session_id => $2, p_priority => $3::"Priority", p_question => $4, p_metadata => $5::jsonb,
  p_source => 'chatbot', p_channel => 'web'::"Channel", p_after_hours => false, p_max_queue => 10000, p_message_id => $6,
  p_system_message_id => $7, p_joined_text => ' è ora in chat.', p_audit_id => $8, p_actor_type => 'api_key', p_actor_id => $9,
  p_alert_id => $10, p_alert_recipient => NULL, p_alert_payload => '{}'::jsonb, p_now => now()::timestamp(3), p_trusted => true,
  p_contact_email => $11, p_contact_phone => $12, p_team_id => $13, p_skills => $14::text[], p_external_id => NULL,
  p_media => NULL::jsonb)`;

/** The same SQL work as the app's escalation, with no framework: the ceiling to compare against. */
function bareServer(pool: pg.Pool, apiKeyHash: string): http.Server {
  const keyCache = new Map<string, { rowCount: number; rows: { id: string }[]; expires: number }>();
  return http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const client = await pool.connect();
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { user_id: string; question: string; priority: string; metadata: unknown };
      const key = (req.headers.authorization ?? "").slice(7);
      // The app looks a key up once per API_KEY_CACHE_TTL_MS (5 s) per instance (lib/auth/api-keys.ts): so does this.
      const hash = createHash("sha256").update(key).digest("hex");
      let keyRow = keyCache.get(hash);
      if (!keyRow || keyRow.expires <= Date.now()) {
        const found = await client.query("SELECT id, rate_limit_per_minute FROM api_keys WHERE hash = $1 AND revoked_at IS NULL", [hash]);
        keyRow = { rowCount: found.rowCount ?? 0, rows: found.rows, expires: Date.now() + API_KEY_CACHE_TTL_MS };
        if (keyRow.rowCount > 0) keyCache.set(hash, keyRow);
      }
      if (keyRow.rowCount === 0 || hash !== apiKeyHash) throw new Error("bad key");
      await client.query(
        "INSERT INTO rate_limits(key, points, expire) VALUES ($1, 1, $2) ON CONFLICT(key) DO UPDATE SET points = CASE WHEN rate_limits.expire <= $3 THEN 1 ELSE rate_limits.points + 1 END, expire = CASE WHEN rate_limits.expire <= $3 THEN $2 ELSE rate_limits.expire END RETURNING points, expire",
        [`barekey:${keyRow.rows[0].id}`, Date.now() + 60_000, Date.now()],
      );
      await client.query("SELECT value FROM settings WHERE key = 'escalation_rules'");
      // The app resolves the session's team first (lib/routing/resolve-team.ts): the default team here.
      const team = await client.query(
        "SELECT id, slug, name, business_hours, max_queue_length, max_queue_wait_minutes FROM teams WHERE id = $1 LIMIT 1",
        ["default"],
      );
      // The app's contact upsert (lib/contacts/upsert-contact.ts) for a trusted caller with no email or phone, and the
      // webhook-listener check (lib/routing/record-escalation.ts). On this request's one connection: a second one
      // taken from the pool while holding the first would starve the pool under load.
      const [contact] = await Promise.all([
        client.query(
          `INSERT INTO contacts AS c (id, user_id, email, phone, name, created_at, updated_at) VALUES ($1, $2, NULL, NULL, NULL, now(), now())
           ON CONFLICT (user_id) DO UPDATE SET email = coalesce(EXCLUDED.email, c.email), phone = coalesce(EXCLUDED.phone, c.phone),
             name = coalesce(EXCLUDED.name, c.name), updated_at = EXCLUDED.updated_at
           RETURNING id, user_id, email, phone, name, email_verified_at, phone_verified_at, merged_into_id`,
          [randomBytes(12).toString("hex"), body.user_id],
        ),
        client.query("SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE active AND events && $1::text[]) AS listening", [["session.queued", "session.assigned", "message.created", "ticket.created"]]),
      ]);
      const id = randomBytes(18).toString("base64url");
      const decision = await client.query(
        ESCALATE_SQL,
        [contact.rows[0].id, id, body.priority, body.question, JSON.stringify(body.metadata), randomBytes(12).toString("hex"), randomBytes(12).toString("hex"), randomBytes(12).toString("hex"), keyRow.rows[0].id, randomBytes(12).toString("hex"), contact.rows[0].email, contact.rows[0].phone, team.rows[0].id, []],
      );
      const position = { rows: [{ position: Number(decision.rows[0].queue_position) }] };
      const cap = { rows: [{ seats: decision.rows[0].seats_online }] };
      const seats = Math.max(Number(cap.rows[0].seats ?? 0), 1);
      // The promise the app records for a queued customer (lib/routing/queue.ts recordPromise).
      const promised = Math.max(1, Math.ceil((Number(position.rows[0].position) * 5) / seats));
      await client.query(
        `UPDATE chat_sessions SET promised_wait_minutes = coalesce(promised_wait_minutes, $2::int), model_wait_minutes = coalesce(model_wait_minutes, $3::float8),
           current_promise_minutes = $2::int, promise_due_at = now()::timestamp(3) + make_interval(mins => $2::int) WHERE id = $1 AND status = 'queued'`,
        [id, promised, (Number(position.rows[0].position) * 5) / seats],
      );
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ success: true, type: "queue", session_id: id, position: Number(position.rows[0].position), estimated_wait: Math.max(1, Math.ceil((Number(position.rows[0].position) * 5) / seats)), chat_url: `http://localhost/admin/customer-chat.html?session=${id}` }));
    } catch (error) {
      res.writeHead(500).end(String(error));
    } finally {
      client.release();
    }
  });
}

async function seed(url: string): Promise<{ key: string; hash: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Operators online but every seat taken: each request queues (the heaviest outcome: position + estimate).
  await client.query("INSERT INTO operators(id, name, email, status, max_chats, updated_at) VALUES ('bench-op', 'Bench', 'bench@localhost', 'online', 1, now())");
  await client.query("INSERT INTO contacts(id, user_id, updated_at) VALUES ('bench-contact', 'bench-busy', now())");
  await client.query("INSERT INTO chat_sessions(id, contact_id, status, question, operator_id, assigned_at, updated_at) VALUES ('bench-busy-session-000000', 'bench-contact', 'active', 'busy', 'bench-op', now(), now())");
  // Every request must take the queue path, not the queue-full ticket path.
  await client.query(`INSERT INTO settings(key, value, updated_at) VALUES ('escalation_rules', '{"max_queue_length": 10000}', now())`);
  const key = `spk_${randomBytes(24).toString("base64url")}`;
  const hash = createHash("sha256").update(key).digest("hex");
  await client.query("INSERT INTO api_keys(id, name, prefix, hash, role, rate_limit_per_minute) VALUES ('bench-key', 'bench', $1, $2, 'chatbot', 10000000)", [key.slice(0, 10), hash]);
  await client.end();
  return { key, hash };
}

/** Back to the seeded state between runs, once requests still in flight from the last run have finished. */
async function reset(url: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("TRUNCATE notifications, tickets, messages, chat_sessions, contacts, audit_events, rate_limits, idempotency_records CASCADE");
  await client.query("INSERT INTO contacts(id, user_id, updated_at) VALUES ('bench-contact', 'bench-busy', now())");
  await client.query("INSERT INTO chat_sessions(id, contact_id, status, question, operator_id, assigned_at, updated_at) VALUES ('bench-busy-session-000000', 'bench-contact', 'active', 'busy', 'bench-op', now(), now())");
  await client.query("VACUUM ANALYZE");
  await client.end();
}

const DEEP_QUEUE = 9_000;
const DEEP_TEAMS = ["default", "bench-a", "bench-b"];
const DEEP_REQUESTS = Number(process.env.BENCH_DEEP_REQUESTS ?? 300);

/** Two more teams (the bench operator, busy, in all three) and 9,000 sessions waiting across the three. */
async function seedDeepQueue(url: string, waiting: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    `INSERT INTO teams(id, name, slug, updated_at) SELECT t, t, t, now() FROM unnest($1::text[]) t ON CONFLICT DO NOTHING`,
    [DEEP_TEAMS.filter((t) => t !== "default")],
  );
  await client.query(`INSERT INTO team_members(team_id, operator_id) SELECT t, 'bench-op' FROM unnest($1::text[]) t ON CONFLICT DO NOTHING`, [DEEP_TEAMS]);
  if (waiting > 0) {
    await client.query(`INSERT INTO contacts(id, user_id, updated_at) SELECT 'deep-c-' || g, 'deep-u-' || g, now() FROM generate_series(1, $1::int) g`, [waiting]);
    await client.query(
      `INSERT INTO chat_sessions(id, contact_id, status, priority, question, team_id, queued_at, updated_at)
       SELECT 'deep-s-' || lpad(g::text, 18, '0'), 'deep-c-' || g, 'queued', (ARRAY['low', 'medium', 'high', 'urgent'])[1 + g % 4]::"Priority",
              'deep queue', ($2::text[])[1 + g % 3], now() - make_interval(secs => g), now()
         FROM generate_series(1, $1::int) g`,
      [waiting, DEEP_TEAMS],
    );
  }
  await client.query("VACUUM ANALYZE");
  await client.end();
}

/** The escalation function alone, one call at a time, each rolled back so the queue stays at its depth. */
async function escalateCalls(url: string, calls: number): Promise<{ p50: number; p90: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const hex = () => randomBytes(12).toString("hex");
    await client.query("BEGIN");
    const contact = await client.query("INSERT INTO contacts(id, user_id, updated_at) VALUES ($1, $2, now()) RETURNING id", [hex(), `deep-call-${i}`]);
    const started = performance.now();
    await client.query(ESCALATE_SQL, [contact.rows[0].id, randomBytes(18).toString("base64url"), i % 7 === 0 ? "high" : "medium", "deep", "{}", hex(), hex(), hex(), "bench-key", hex(), null, null, "default", []]);
    times.push(performance.now() - started);
    await client.query("ROLLBACK");
  }
  await client.end();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(calls * 0.5)], p90: times[Math.floor(calls * 0.9)] };
}

async function deepQueueCase(appUrl: string, key: string, url: string): Promise<void> {
  const results: { label: string; http: Figures; sql: { p50: number; p90: number } }[] = [];
  for (const [label, waiting] of [["empty queue", 0], [`${DEEP_QUEUE.toLocaleString("en")} waiting across 3 teams`, DEEP_QUEUE]] as const) {
    await reset(url);
    await seedDeepQueue(url, waiting);
    await drive(appUrl, key, 50); // warm-up of this state's plans and caches
    await reset(url);
    await seedDeepQueue(url, waiting);
    const http = await drive(appUrl, key, DEEP_REQUESTS);
    const sql = await escalateCalls(url, DEEP_REQUESTS);
    results.push({ label, http, sql });
  }
  const [empty, deep] = results;
  console.log(`\nDeep queue: ${DEEP_REQUESTS} escalations one at a time (queued outcome, default team), app and bare SQL function`);
  console.log("| queue | app req/s | app p50 ms | app p99 ms | function p50 ms | function p90 ms | errors / non-2xx |\n|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.label} | ${r.http.rps.toFixed(0)} | ${r.http.p50} | ${r.http.p99} | ${r.sql.p50.toFixed(2)} | ${r.sql.p90.toFixed(2)} | ${r.http.errors} / ${r.http.non2xx} |`);
  }
  // One request at a time: the time per request is the whole cost of one escalation.
  console.log(`\ndeep / empty: app ${(empty.http.rps / deep.http.rps).toFixed(2)}× the time per request; function ${(deep.sql.p50 / empty.sql.p50).toFixed(2)}× at p50 (target ≤ 1.5×)`);
}

/** CPU milliseconds per request spent by the server, by PostgreSQL and by this process (autocannon) during `work`. */
async function cpuPerRequest(serverPid: number | null, work: () => Promise<Figures>): Promise<{ figures: Figures; server: number; postgres: number; bench: number }> {
  const before = { server: serverPid ? processCpuMs(serverPid) : 0, postgres: postgresCpuMs(pgDataDir), bench: ownCpuMs() };
  const figures = await work();
  const per = (ms: number) => ms / Math.max(1, figures.total);
  return {
    figures,
    server: per((serverPid ? processCpuMs(serverPid) : 0) - before.server),
    postgres: per(postgresCpuMs(pgDataDir) - before.postgres),
    bench: per(ownCpuMs() - before.bench),
  };
}

async function mainComparison(app: { url: string; pid: number; stop: () => Promise<void> }, key: string, hash: string): Promise<void> {
  await drive(app.url, key).catch(() => undefined); // warm-up: JIT, pools, Next's route compilation cache
  await reset(database.url);
  console.log("driving the app…");
  const appCpu = await cpuPerRequest(app.pid, () => drive(app.url, key));
  const appFigures = appCpu.figures;
  await deepQueueCase(app.url, key, database.url);
  await app.stop();
  await reset(database.url);

  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const bare = bareServer(pool, hash);
  const barePort = await findFreePort();
  await new Promise<void>((resolve) => bare.listen(barePort, "127.0.0.1", resolve));
  await drive(`http://127.0.0.1:${barePort}`, key).catch(() => undefined);
  await reset(database.url);
  console.log("driving the bare server…");
  // The bare server runs in this process, beside autocannon: its share is this process's CPU less autocannon's
  // (taken per request from the app's run, where autocannon was alone here).
  const bareCpu = await cpuPerRequest(null, () => drive(`http://127.0.0.1:${barePort}`, key));
  const bareFigures = bareCpu.figures;
  bare.close();
  await pool.end();

  const row = (name: string, f: Figures) =>
    `| ${name} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p99} | ${f.total} | ${f.errors} | ${f.non2xx} |`;
  console.log(`\nPOST /api/chat/request-operator, ${CONNECTIONS} connections, ${DURATION} s, outcome: queued`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log("| server | req/s | p50 ms | p99 ms | requests | errors | non-2xx |\n|---|---|---|---|---|---|---|");
  console.log(row("Sportello (next start)", appFigures));
  console.log(row("bare node:http + pg", bareFigures));
  console.log(`\nratio: ${(appFigures.rps / bareFigures.rps).toFixed(2)}× the bare server (target ≥ 0.8×), p99 ${(appFigures.p99 / bareFigures.p99).toFixed(2)}× the bare server's (target ≤ 1.5×)`);
  // CPU per request does not depend much on what else the machine runs, unlike req/s: the same work costs the same.
  const bareServerMs = Math.max(0, bareCpu.bench - appCpu.bench);
  console.log("\nCPU milliseconds per request (from /proc):\n| server | web server | PostgreSQL | load generator |\n|---|---|---|---|");
  console.log(`| Sportello | ${appCpu.server.toFixed(2)} | ${appCpu.postgres.toFixed(2)} | ${appCpu.bench.toFixed(2)} |`);
  console.log(`| bare | ${bareServerMs.toFixed(2)} (this process less the load generator) | ${bareCpu.postgres.toFixed(2)} | – |`);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "sportello-bench-"));
chmodSync(scratch, 0o755);
const pgDataDir = path.join(scratch, "pg");
const database = await startEmbeddedPostgres({ dataDir: pgDataDir, port: await findFreePort(), database: "bench", persistent: false, log: process.env.BENCH_PG_LOG ? (line) => console.error("[pg]", line.trim()) : undefined });
try {
  await applyMigrations(database.url);
  const { key, hash } = await seed(database.url);

  console.log("starting the app (next start)…");
  const app = await startAppServer({ DATABASE_URL: database.url, ADMIN_API_KEY: randomBytes(24).toString("hex"), AUTH_SECRET: randomBytes(24).toString("hex"), LOG_LEVEL: "warn", ...(CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROF}` } : {}) });
  if (process.env.BENCH_STATEMENTS) {
    // What one escalation sends to PostgreSQL: every statement of one request (after three warm-up requests) is
    // logged on stderr, between two marker lines (run with BENCH_PG_LOG=1 to see them).
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("ALTER SYSTEM SET log_statement = 'all'");
    await admin.query("SELECT pg_reload_conf()");
    await admin.end();
    for (let i = 0; i < 3; i++) await drive(app.url, key, 1);
    console.error("[pg] ---- one request ----");
    await drive(app.url, key, 1);
    console.error("[pg] ---- end ----");
    await app.stop();
  } else if (process.env.BENCH_CASES === "deep") {
    await deepQueueCase(app.url, key, database.url);
    await app.stop();
  } else {
    await mainComparison(app, key, hash);
  }
} finally {
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}
