// npm run bench:webhooks – 2,000 webhook events over 200 conversations, delivered by the real worker (`npm run
// worker`, its own process as on Render, pg-boss on an embedded PostgreSQL) to a local receiver that verifies every
// signature. Prints delivered, duplicates, out-of-order per conversation, and commit → receipt p50/p99. Everything
// on 127.0.0.1.
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { findFreePort } from "@/scripts/lib/ports";

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);
const EVENTS_PER_CONVERSATION = Number(process.env.BENCH_EVENTS_PER_CONVERSATION ?? 10);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 20);

const scratch = mkdtempSync(path.join(os.tmpdir(), "sportello-bench-"));
chmodSync(scratch, 0o755);
const database = await startEmbeddedPostgres({ dataDir: path.join(scratch, "pg"), port: await findFreePort(), database: "bench", persistent: false });
try {
  await applyMigrations(database.url);
  Object.assign(process.env, { DATABASE_URL: database.url, WEBHOOK_ALLOW_PRIVATE: "true", LOG_LEVEL: "warn", NODE_ENV: "production" });
  const { prisma, disconnectPrisma } = await import("@/lib/db/client");
  const { createWebhookEndpoint } = await import("@/lib/webhooks/manage-webhook-endpoints");
  const { appendMessage } = await import("@/lib/conversations/append-message");
  const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");

  // The receiver: verifies, records the first receipt time per event id, counts duplicates and order per conversation.
  const committedAt = new Map<string, number>();
  const receivedAt = new Map<string, number>();
  const committedWall = new Map<string, number>();
  const receivedWall = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  let duplicates = 0;
  let outOfOrder = 0;
  let badSignatures = 0;
  const verifier: { current?: Webhook } = {};
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const now = performance.now();
      const body = Buffer.concat(chunks).toString("utf8");
      try {
        verifier.current!.verify(body, request.headers as Record<string, string>);
      } catch {
        badSignatures += 1;
        response.writeHead(400).end();
        return;
      }
      const event = JSON.parse(body) as { id: string; data: { session_id: string; message: { seq: number } } };
      if (receivedAt.has(event.id)) duplicates += 1;
      else {
        receivedAt.set(event.id, now);
        receivedWall.set(event.id, Date.now());
        const previous = lastSeq.get(event.data.session_id) ?? 0;
        if (event.data.message.seq < previous) outOfOrder += 1;
        lastSeq.set(event.data.session_id, event.data.message.seq);
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

  const endpoint = await createWebhookEndpoint({ url, events: ["message.created"] }, SYSTEM_ACTOR);
  verifier.current = new Webhook(endpoint.secret);
  const contact = await prisma.contact.create({ data: { userId: "bench-bot-user" } });
  const sessions = Array.from({ length: CONVERSATIONS }, (_, i) => `bench-session-${String(i).padStart(12, "0")}`);
  await prisma.chatSession.createMany({ data: sessions.map((id) => ({ id, contactId: contact.id, status: "active" as const, question: "bench" })) });

  const worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: database.url, WEBHOOK_ALLOW_PRIVATE: "true", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("running")) resolve();
    });
    worker.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
  const started = performance.now();
  // PRODUCERS writers; each conversation's events come one after another (as a chat's messages do).
  let next = 0;
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      for (;;) {
        const index = next++;
        if (index >= sessions.length) return;
        for (let n = 0; n < EVENTS_PER_CONVERSATION; n++) {
          await prisma.$transaction(async (tx) => {
            await appendMessage(tx, { sessionId: sessions[index], sender: "operator", body: `message ${n}` });
          });
          const committed = performance.now();
          const wall = Date.now();
          const rows = await prisma.webhookEvent.findMany({ where: { conversationKey: `session:${sessions[index]}`, seq: n + 1 }, select: { id: true } });
          for (const row of rows) {
            committedAt.set(row.id, committed);
            committedWall.set(row.id, wall);
          }
        }
      }
    }),
  );
  const produced = (performance.now() - started) / 1000;
  const total = CONVERSATIONS * EVENTS_PER_CONVERSATION;
  const deadline = Date.now() + 120_000;
  while (receivedAt.size < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const elapsed = (performance.now() - started) / 1000;

  const latencies = [...committedAt.entries()].filter(([id]) => receivedAt.has(id)).map(([id, at]) => receivedAt.get(id)! - at).sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  console.log(`\n${total} events over ${CONVERSATIONS} conversations, ${PRODUCERS} concurrent writers, one endpoint`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log("| delivered | not received within 120 s | duplicates | out of order | bad signatures | commit → receipt p50 ms | p99 ms | written in s | all received in s |\n|---|---|---|---|---|---|---|---|---|");
  console.log(`| ${receivedAt.size} | ${total - receivedAt.size} | ${duplicates} | ${outOfOrder} | ${badSignatures} | ${pct(50).toFixed(1)} | ${pct(99).toFixed(1)} | ${produced.toFixed(1)} | ${elapsed.toFixed(1)} |`);

  // Where the time goes, from the outbox rows (the worker's clock, ms) and the two ends' wall clocks: commit → claim
  // (NOTIFY, a free lane, the predecessor), claim → receipt (signing and the HTTP request), and how often an event
  // committed while its predecessor was still on its way (then it waits for it: strict order per conversation).
  const rows = await prisma.$queryRaw<{ event_id: string; conversation_key: string; seq: number; claimed: Date; delivered: Date | null; attempts: number }[]>`
    SELECT event_id, conversation_key, seq, last_attempt_at AS claimed, delivered_at AS delivered, attempts FROM webhook_deliveries`;
  const receipt = new Map(rows.map((r) => [`${r.conversation_key}#${r.seq}`, receivedWall.get(r.event_id)]));
  const toClaim: number[] = [];
  const claimToReceipt: number[] = [];
  let behind = 0;
  for (const row of rows) {
    const commit = committedWall.get(row.event_id);
    const received = receivedWall.get(row.event_id);
    if (commit === undefined || received === undefined || row.attempts !== 1) continue;
    toClaim.push(row.claimed.getTime() - commit);
    claimToReceipt.push(received - row.claimed.getTime());
    const previous = receipt.get(`${row.conversation_key}#${row.seq - 1}`);
    if (previous !== undefined && previous > commit) behind += 1;
  }
  const failures = await prisma.$queryRaw<{ outcome: string; count: bigint }[]>`
    SELECT coalesce(error, 'HTTP ' || response_status) AS outcome, count(*) AS count FROM webhook_attempts
     WHERE response_status IS NULL OR response_status NOT BETWEEN 200 AND 299 GROUP BY 1 ORDER BY 2 DESC LIMIT 5`;
  const handedOn = await prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM webhook_deliveries n JOIN webhook_deliveries p
        ON p.endpoint_id = n.endpoint_id AND p.conversation_key = n.conversation_key AND p.seq = n.seq - 1
     WHERE n.last_attempt_at = p.delivered_at`;
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const p99 = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? NaN;
  console.log(`where the time goes (first attempts): commit → claim p50 ${median(toClaim)} ms, p99 ${p99(toClaim)} ms; ` +
    `claim → receipt p50 ${median(claimToReceipt)} ms, p99 ${p99(claimToReceipt)} ms; ` +
    `${behind} of ${toClaim.length} events committed while the conversation's previous event was still on its way, ` +
    `${handedOn[0]?.count ?? 0} claimed by their predecessor's lane as it finished; failed attempts: ` +
    (failures.map((f) => `${f.count} × ${f.outcome}`).join(", ") || "none"));
  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
  server.close();
  await disconnectPrisma();
} finally {
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}
