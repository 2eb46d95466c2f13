import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

type Db = Tx | typeof prisma;

/**
 * 1-based position among the sessions waiting in the same team's queue: higher priority first (the enum's declared
 * order low < urgent), then arrival, then id as a tiebreak so two sessions never share a place.
 */
export async function queuePosition(db: Db, sessionId: string): Promise<number | null> {
  const rows = await db.$queryRaw<{ position: bigint | null }[]>`
    SELECT (SELECT count(*) FROM chat_sessions o
             WHERE o.team_id = s.team_id AND o.status = 'queued'
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

/** Seats online: the whole desk's, or with `teamId` those of the team's members (what its queue waits for). */
export async function capacity(db: Db, teamId?: string): Promise<Capacity> {
  if (teamId) {
    const rows = await db.$queryRaw<{ operators: bigint; seats: bigint | null; active: bigint }[]>`
      SELECT count(*) AS operators,
             sum(o.max_chats) AS seats,
             (SELECT count(*) FROM chat_sessions WHERE team_id = ${teamId} AND status = 'active') AS active
        FROM team_members m JOIN operators o ON o.id = m.operator_id
       WHERE m.team_id = ${teamId} AND o.status = 'online' AND o.active`;
    const row = rows[0];
    return { operatorsOnline: Number(row.operators), seatsOnline: Number(row.seats ?? 0), activeSessions: Number(row.active) };
  }
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

/**
 * Average minutes from assignment to close over the most recent chats (of one team with `teamId`: a team's queue
 * moves at its own pace), or the configured default until there are enough.
 */
export async function averageHandleMinutes(db: Db, teamId?: string): Promise<{ minutes: number; measured: boolean }> {
  const rows = await db.$queryRaw<{ avg_seconds: number | null; samples: bigint }[]>`
    SELECT avg(extract(epoch FROM closed_at - assigned_at))::float8 AS avg_seconds, count(*) AS samples
      FROM (SELECT assigned_at, closed_at FROM chat_sessions
             WHERE status = 'closed' AND assigned_at IS NOT NULL AND closed_at > now() - interval '7 days'
               AND (${teamId ?? null}::text IS NULL OR team_id = ${teamId ?? null}::text)
             ORDER BY closed_at DESC LIMIT ${HANDLE_SAMPLE}) recent`;
  const { avg_seconds, samples } = rows[0];
  if (Number(samples) < MIN_SAMPLES || avg_seconds == null || !Number.isFinite(avg_seconds)) {
    return { minutes: env().DEFAULT_HANDLE_MINUTES, measured: false };
  }
  return { minutes: Math.max(avg_seconds / 60, 0.5), measured: true };
}

const CORRECTION_SAMPLE = 50;
const CORRECTION_BOUNDS = [0.5, 3] as const;

/**
 * How far the queue model has been off lately: the waits customers actually got over the model's figures for them,
 * summed over the last 50 served in 7 days (1 until there are 5). A ratio of sums, so a few short waits cannot
 * swing it; bounded, so one stuck queue cannot make every promise absurd.
 */
export async function waitCorrection(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db.$queryRaw<{ waited: number | null; modelled: number | null; samples: bigint }[]>`
    SELECT sum(waited_seconds / 60.0)::float8 AS waited, sum(model_wait_minutes)::float8 AS modelled, count(*) AS samples
      FROM (SELECT waited_seconds, model_wait_minutes FROM chat_sessions
             WHERE waited_seconds IS NOT NULL AND model_wait_minutes > 0
               AND assigned_at > ${now}::timestamp(3) - interval '7 days' AND assigned_at <= ${now}::timestamp(3)
             ORDER BY assigned_at DESC LIMIT ${CORRECTION_SAMPLE}) recent`;
  const { waited, modelled, samples } = rows[0];
  if (Number(samples) < MIN_SAMPLES || !waited || !modelled || !Number.isFinite(waited / modelled)) return 1;
  return Math.min(CORRECTION_BOUNDS[1], Math.max(CORRECTION_BOUNDS[0], waited / modelled));
}

/** The queue model's inputs: the recent handle time, and the measured correction applied to it. */
export interface WaitModel {
  handleMinutes: number;
  correction: number;
}

const HANDLE_CACHE_MS = 15_000;
const modelCache = new Map<string, { model: WaitModel; at: number }>();

/**
 * The wait model (of one team's queue with `teamId`: its own handle times; until it has 5 closed chats, the desk's),
 * recomputed at most every 15 s per instance: both figures are statistics over the last 50 chats, so a few seconds
 * of staleness changes no estimate, and the escalation path stays two queries lighter.
 */
export async function cachedWaitModel(now = Date.now(), teamId?: string): Promise<WaitModel> {
  const key = teamId ?? "";
  const cached = modelCache.get(key);
  if (cached && now - cached.at <= HANDLE_CACHE_MS) return cached.model;
  const [teamHandle, deskHandle, correction] = await Promise.all([
    teamId ? averageHandleMinutes(prisma, teamId) : undefined,
    averageHandleMinutes(prisma),
    waitCorrection(prisma),
  ]);
  const handle = teamHandle?.measured ? teamHandle : deskHandle;
  const model = { handleMinutes: handle.minutes, correction };
  modelCache.set(key, { model, at: now });
  return model;
}

/** Minutes per place in the queue and seat, as promised: the measured handle time times the measured correction. */
export async function cachedHandleMinutes(now = Date.now(), teamId?: string): Promise<number> {
  const model = await cachedWaitModel(now, teamId);
  return model.handleMinutes * model.correction;
}

/**
 * Records the wait promised to a newly queued session: the first promise stays (it is what the customer was told),
 * the current one and its due time move with later updates (see recordPromiseChanges).
 */
export async function recordPromise(db: Db, sessionId: string, position: number, seatsOnline: number, now: Date = new Date(), teamId?: string): Promise<number> {
  const model = await cachedWaitModel(now.getTime(), teamId);
  const promised = estimateWaitMinutes(position, model.handleMinutes * model.correction, seatsOnline);
  const modelMinutes = (position * model.handleMinutes) / Math.max(seatsOnline, 1);
  await db.$executeRaw`
    UPDATE chat_sessions
       SET promised_wait_minutes = coalesce(promised_wait_minutes, ${promised}::int),
           model_wait_minutes = coalesce(model_wait_minutes, ${modelMinutes}::float8),
           current_promise_minutes = ${promised}::int,
           promise_due_at = ${now}::timestamp(3) + make_interval(mins => ${promised}::int)
     WHERE id = ${sessionId} AND status = 'queued'`;
  return promised;
}

/** A waiting session's place in its team's queue now, and what its page was last told. */
export interface QueuePlace {
  id: string;
  teamId: string;
  position: number;
  toldPosition: number | null;
  promisedMinutes: number | null;
  webhookWait: number | null;
}

/**
 * Every waiting session's place, numbered 1..n per team by priority then arrival (as queuePosition numbers one),
 * with `teamIds` only those teams' queues.
 */
export async function queuePlaces(db: Db, teamIds?: string[]): Promise<QueuePlace[]> {
  const rows = await db.$queryRaw<{ id: string; team_id: string; position: bigint; told_position: number | null; current_promise_minutes: number | null; webhook_wait: number | null }[]>`
    SELECT id, team_id, row_number() OVER (PARTITION BY team_id ORDER BY priority DESC, queued_at, id) AS position,
           told_position, current_promise_minutes, webhook_wait
      FROM chat_sessions
     WHERE status = 'queued' AND (${teamIds ?? null}::text[] IS NULL OR team_id = ANY(${teamIds ?? null}::text[]))`;
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    position: Number(r.position),
    toldPosition: r.told_position,
    promisedMinutes: r.current_promise_minutes,
    webhookWait: r.webhook_wait,
  }));
}

/** How many sessions wait, over every team (the counters the escalation reads). */
export async function waitingCount(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ waiting: bigint | null }[]>`SELECT sum(waiting) AS waiting FROM queue_counts`;
  return Number(rows[0]?.waiting ?? 0);
}

/**
 * Records the places and waits the pages are about to be told, where either moved: the current promise (and its due
 * time) only where the wait changed. Returns the sessions that moved, with the new due time where the wait changed;
 * a session another instance has just told the same figures is not returned, so it is told once.
 */
export async function recordToldPlaces(db: Db, places: { id: string; position: number; minutes: number }[], now: Date = new Date()): Promise<Map<string, string | null>> {
  if (places.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; due: Date | null }[]>`
    WITH moved AS (
      SELECT s.id, e.position, e.minutes, s.current_promise_minutes IS DISTINCT FROM e.minutes AS new_promise
        FROM chat_sessions s
        JOIN unnest(${places.map((p) => p.id)}::text[], ${places.map((p) => p.position)}::int[], ${places.map((p) => p.minutes)}::int[])
             AS e(id, position, minutes) ON s.id = e.id
       WHERE s.status = 'queued'
         AND (s.told_position IS DISTINCT FROM e.position OR s.current_promise_minutes IS DISTINCT FROM e.minutes)
         FOR UPDATE OF s
    )
    UPDATE chat_sessions s
       SET told_position = m.position,
           current_promise_minutes = m.minutes,
           promise_due_at = CASE WHEN m.new_promise THEN ${now}::timestamp(3) + make_interval(mins => m.minutes) ELSE s.promise_due_at END
      FROM moved m
     WHERE s.id = m.id
    RETURNING s.id, CASE WHEN m.new_promise THEN s.promise_due_at END AS due`;
  return new Map(rows.map((r) => [r.id, r.due ? r.due.toISOString() : null]));
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

export async function queueLengthByPriority(db: Db, teamId?: string): Promise<Record<"low" | "medium" | "high" | "urgent", number>> {
  const rows = await db.chatSession.groupBy({ by: ["priority"], where: { status: "queued", ...(teamId ? { teamId } : {}) }, _count: { _all: true } });
  const result = { low: 0, medium: 0, high: 0, urgent: 0 };
  for (const row of rows) result[row.priority] = row._count._all;
  return result;
}

/** Per team: the seats online and the minutes per place, for numbering several teams' queues at once. */
export async function teamQueueModels(db: Db, teamIds: string[], now = Date.now()): Promise<Map<string, { seatsOnline: number; handleMinutes: number }>> {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return new Map();
  const [seats, handles] = await Promise.all([
    db.$queryRaw<{ team_id: string; seats: bigint | null }[]>`
      SELECT m.team_id, sum(o.max_chats) AS seats
        FROM team_members m JOIN operators o ON o.id = m.operator_id
       WHERE m.team_id = ANY(${unique}::text[]) AND o.status = 'online' AND o.active
       GROUP BY m.team_id`,
    Promise.all(unique.map((id) => cachedHandleMinutes(now, id))),
  ]);
  const seatsByTeam = new Map(seats.map((r) => [r.team_id, Number(r.seats ?? 0)]));
  return new Map(unique.map((id, i) => [id, { seatsOnline: seatsByTeam.get(id) ?? 0, handleMinutes: handles[i] }]));
}

/** Numbers a list in service order (priority, then arrival) 1..n within each team. */
export function positionsPerTeam<T extends { teamId: string }>(sessions: T[]): (T & { position: number })[] {
  const next = new Map<string, number>();
  return sessions.map((s) => {
    const position = (next.get(s.teamId) ?? 0) + 1;
    next.set(s.teamId, position);
    return { ...s, position };
  });
}
