import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

type Db = Tx | typeof prisma;

/**
 * 1-based position among waiting sessions: higher priority first (the enum's declared order low < urgent), then
 * arrival, then id as a tiebreak so two sessions never share a place.
 */
export async function queuePosition(db: Db, sessionId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ position: bigint | null }[]>`
    SELECT (SELECT count(*) FROM chat_sessions o
             WHERE o.status = 'queued'
               AND (o.priority > s.priority
                    OR (o.priority = s.priority AND (o.queued_at, o.id) < (s.queued_at, s.id)))) + 1 AS position
      FROM chat_sessions s
     WHERE s.id = ${sessionId} AND s.status = 'queued'`;
  return rows[0]?.position == null ? null : Number(rows[0].position);
}

export interface Capacity {
  operatorsOnline: number;
  seatsOnline: number;
  activeSessions: number;
}

export async function capacity(db: Db): Promise<Capacity> {
  const rows = await db.$queryRaw<{ operators: bigint; seats: bigint | null; active: bigint }[]>`
    SELECT count(*) AS operators,
           sum(max_chats) AS seats,
           (SELECT count(*) FROM chat_sessions WHERE status = 'active') AS active
      FROM operators
     WHERE status = 'online' AND active`;
  const row = rows[0];
  return { operatorsOnline: Number(row.operators), seatsOnline: Number(row.seats ?? 0), activeSessions: Number(row.active) };
}

const HANDLE_SAMPLE = 50;
const MIN_SAMPLES = 5;

/** Average minutes from assignment to close over the most recent chats, or the configured default until there are enough. */
export async function averageHandleMinutes(db: Db): Promise<{ minutes: number; measured: boolean }> {
  const rows = await db.$queryRaw<{ avg_seconds: number | null; samples: bigint }[]>`
    SELECT avg(extract(epoch FROM closed_at - assigned_at))::float8 AS avg_seconds, count(*) AS samples
      FROM (SELECT assigned_at, closed_at FROM chat_sessions
             WHERE status = 'closed' AND assigned_at IS NOT NULL AND closed_at > now() - interval '7 days'
             ORDER BY closed_at DESC LIMIT ${HANDLE_SAMPLE}) recent`;
  const { avg_seconds, samples } = rows[0];
  if (Number(samples) < MIN_SAMPLES || avg_seconds == null || !Number.isFinite(avg_seconds)) {
    return { minutes: env().DEFAULT_HANDLE_MINUTES, measured: false };
  }
  return { minutes: Math.max(avg_seconds / 60, 0.5), measured: true };
}

const HANDLE_CACHE_MS = 15_000;
let handleCache: { minutes: number; at: number } | undefined;

/**
 * The measured handle time, recomputed at most every 15 s per instance: it is a statistic over the last 50 chats,
 * so a few seconds of staleness changes no estimate, and the escalation path stays one query lighter.
 */
export async function cachedHandleMinutes(now = Date.now()): Promise<number> {
  if (!handleCache || now - handleCache.at > HANDLE_CACHE_MS) {
    handleCache = { minutes: (await averageHandleMinutes(prisma)).minutes, at: now };
  }
  return handleCache.minutes;
}

/**
 * Whole minutes until a seat is likely to free for the customer at `position`: every seat online turns over once per
 * average handle time. At least 1, never NaN; with no seats online the estimate assumes one.
 */
export function estimateWaitMinutes(position: number, handleMinutes: number, seatsOnline: number): number {
  const seats = Math.max(seatsOnline, 1);
  const minutes = Math.ceil((position * handleMinutes) / seats);
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 1;
}

export async function queueLengthByPriority(db: Db): Promise<Record<"low" | "medium" | "high" | "urgent", number>> {
  const rows = await db.chatSession.groupBy({ by: ["priority"], where: { status: "queued" }, _count: { _all: true } });
  const result = { low: 0, medium: 0, high: 0, urgent: 0 };
  for (const row of rows) result[row.priority] = row._count._all;
  return result;
}
