import "server-only";
import { prisma } from "@/lib/db/client";

/** Dashboards beat every 30 s; browsers throttle hidden tabs to about once a minute, so 90 s of silence means gone. */
export const HEARTBEAT_INTERVAL_SECONDS = 30;
export const AWAY_AFTER_SECONDS = 90;

export interface HeartbeatResult {
  status: "online" | "away" | "offline";
  last_seen_at: string;
}

/** Records that one of the operator's dashboard tabs is still open. */
export async function recordHeartbeat(operatorId: string, now: Date = new Date()): Promise<HeartbeatResult> {
  const operator = await prisma.operator.update({
    where: { id: operatorId },
    data: { lastSeenAt: now },
    select: { status: true, lastSeenAt: true },
  });
  return { status: operator.status, last_seen_at: (operator.lastSeenAt ?? now).toISOString() };
}
