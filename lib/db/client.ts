// The only Prisma client of the process. Driver adapter: node-postgres.
import { PrismaPg } from "@prisma/adapter-pg";
import { env, isBuildPhase } from "@/lib/env";
import { PrismaClient } from "@/lib/db/generated/client";

const globalForPrisma = globalThis as unknown as { sportelloPrisma?: PrismaClient };

function getClient(): PrismaClient {
  if (globalForPrisma.sportelloPrisma) return globalForPrisma.sportelloPrisma;
  // While `next build` collects page data, modules that build on the client (better-auth) are imported but never
  // query: a placeholder URL lets them construct, and no connection is opened.
  const url = env().DATABASE_URL ?? (isBuildPhase() ? "postgresql://build@127.0.0.1:1/build" : undefined);
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it when it runs the embedded database)");
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10 }),
    // Under a burst every pooled connection may be busy for a moment: wait for one (Prisma's default is 2 s, after
    // which the request fails with a 500) rather than refuse the work.
    transactionOptions: { maxWait: 10_000 },
  });
  // Kept on globalThis so hot reloads and test imports share one pool.
  globalForPrisma.sportelloPrisma = client;
  return client;
}

// Created on first use, so importing a module never needs a database (next build, tooling).
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getClient();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.sportelloPrisma?.$disconnect();
  globalForPrisma.sportelloPrisma = undefined;
}
