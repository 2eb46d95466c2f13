// npm run db:seed: demo operators, chats and tickets for trying Sportello locally. Idempotent; refuses production.
// Demo operators sign in with the password printed at the end.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { parseEnv } from "@/lib/env";
import { localDatabase } from "@/scripts/lib/local-database";

const config = parseEnv(process.env);
if (config.NODE_ENV === "production") {
  console.error("db:seed refuses to run with NODE_ENV=production.");
  process.exit(2);
}
// Without DATABASE_URL: the embedded database of `npm start` (reached while it runs, started otherwise).
const local = config.DATABASE_URL ? undefined : await localDatabase(config.DATA_DIR, config.EMBEDDED_PG_PORT);
if (local) process.env.DATABASE_URL = local.url;

const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");

const DEMO_PASSWORD = "sportello-demo-2026";
const demoOperators = [
  { name: "Giulia Rossi", email: "giulia@demo.sportello", role: "operator" as const, maxChats: 1 },
  { name: "Marco Bianchi", email: "marco@demo.sportello", role: "operator" as const, maxChats: 2 },
  { name: "Sara Admin", email: "sara@demo.sportello", role: "admin" as const, maxChats: 3 },
];

const password = await hashPassword(DEMO_PASSWORD);
for (const demo of demoOperators) {
  const operator = await prisma.operator.upsert({
    where: { email: demo.email },
    create: { id: randomUUID(), name: demo.name, email: demo.email, role: demo.role, maxChats: demo.maxChats, emailVerified: true },
    update: {},
  });
  const account = await prisma.authAccount.findFirst({ where: { userId: operator.id, providerId: "credential" } });
  if (!account) {
    await prisma.authAccount.create({ data: { id: randomUUID(), accountId: operator.id, providerId: "credential", userId: operator.id, password } });
  }
}

const demoRequests = [
  { userId: "demo_anna", email: "anna@example.com", question: "Non riesco ad accedere al mio account", priority: "high" as const },
  { userId: "demo_luca", email: "luca@example.com", phone: "+393331112223", question: "Il mio ordine #4471 non è ancora arrivato", priority: "medium" as const },
  { userId: "demo_emma", email: "emma@example.com", question: "Vorrei cambiare il metodo di pagamento", priority: "low" as const },
];
const existing = await prisma.contact.count({ where: { userId: { in: demoRequests.map((r) => r.userId) } } });
if (existing === 0) {
  // Giulia is on duty with one seat, so the demo shows all three outcomes' neighbours: a live chat and a queue.
  // (With no dashboard open she turns "away" after the heartbeat grace period; her chats stay hers.)
  await prisma.operator.update({ where: { email: "giulia@demo.sportello" }, data: { status: "online", maxChats: 1, lastSeenAt: new Date() } });
  for (const request of demoRequests) {
    const result = await requestOperator({ ...request, source: "seed", channel: "web", metadata: { source: "chatbot", demo: true } }, { type: "system", id: null });
    console.log(`  ${request.userId}: ${result.type}`);
  }
}

console.log(`\nDemo operators (password: ${DEMO_PASSWORD}):`);
for (const demo of demoOperators) console.log(`  ${demo.email} (${demo.role})`);
await prisma.$disconnect();
await local?.stop();
