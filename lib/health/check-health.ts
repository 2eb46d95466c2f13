import "server-only";
import { prisma } from "@/lib/db/client";
import { pusherServer } from "@/lib/realtime/server";
import { providerHealth } from "@/lib/health/provider-health";

export type CheckStatus = "ok" | "failing" | "configured" | "not_configured";

export interface HealthReport {
  status: "ok" | "degraded";
  checks: Record<string, CheckStatus>;
  failed: string[];
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function databaseCheck(): Promise<CheckStatus> {
  try {
    await withTimeout(prisma.$queryRaw`SELECT 1`, 3_000);
    return "ok";
  } catch {
    return "failing";
  }
}

async function realtimeCheck(): Promise<CheckStatus> {
  const pusher = pusherServer();
  if (!pusher) return "not_configured";
  try {
    const response = await withTimeout(pusher.get({ path: "/channels", params: { filter_by_prefix: "presence-" } }), 3_000);
    return response.status === 200 ? "ok" : "failing";
  } catch {
    return "failing";
  }
}

/**
 * Database and realtime are required: failing → 503. Email and WhatsApp providers are reported (configured /
 * not_configured / failing) but a provider outage does not take the desk down: the outbox keeps notifications.
 */
export async function checkHealth(): Promise<HealthReport> {
  const [database, realtime, providers] = await Promise.all([databaseCheck(), realtimeCheck(), providerHealth()]);
  const checks: Record<string, CheckStatus> = { database, realtime, ...providers };
  const failed = ["database", "realtime"].filter((name) => checks[name] === "failing");
  return { status: failed.length ? "degraded" : "ok", checks, failed };
}
