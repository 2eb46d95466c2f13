import "server-only";
import { ApiError } from "@/lib/api/errors";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { actorOf, type Principal } from "@/lib/auth/principal";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/config";
import { loadCannedContext } from "@/lib/canned/canned-context";
import { renderCannedResponse } from "@/lib/canned/render-canned-response";
import {
  type CannedBodies,
  type CannedResponseView,
  type CannedScope,
  type CreateCannedResponseBody,
  type ListCannedResponsesQuery,
  type UpdateCannedResponseBody,
} from "@/lib/schemas/canned-responses";

const cannedSelect = {
  id: true,
  shortcut: true,
  title: true,
  bodies: true,
  scope: true,
  ownerId: true,
  usageCount: true,
  lastUsedAt: true,
  createdAt: true,
  updatedAt: true,
  teamId: true,
  owner: { select: { id: true, name: true } },
  team: { select: { id: true, slug: true, name: true } },
} satisfies Prisma.CannedResponseSelect;
type CannedRow = Prisma.CannedResponseGetPayload<{ select: typeof cannedSelect }>;

/** The caller as a principal (API routes) or as the actor a service was handed (ticket replies). */
type Caller = Principal | Actor;
const operatorIdOf = (caller: Caller) =>
  "kind" in caller ? (caller.kind === "operator" ? caller.operatorId : null) : caller.type === "operator" ? caller.id : null;
const isAdmin = (caller: Caller) => "role" in caller && caller.role === "admin";

/**
 * What a caller may use: their own personal responses, their teams' and the desk-wide ones. Admins also see (and
 * manage) every team's; nobody sees another operator's personal responses, admins included.
 */
function usableWhere(principal: Caller): Prisma.CannedResponseWhereInput {
  const operatorId = operatorIdOf(principal);
  const any: Prisma.CannedResponseWhereInput[] = [{ scope: "everyone" }];
  if (operatorId) any.push({ scope: "personal", ownerId: operatorId });
  if (isAdmin(principal)) any.push({ scope: "team" });
  else if (operatorId) any.push({ scope: "team", team: { members: { some: { operatorId } } } });
  return { OR: any };
}

function canEdit(principal: Principal, row: { scope: CannedScope; ownerId: string | null }): boolean {
  if (row.scope === "personal") return row.ownerId !== null && row.ownerId === operatorIdOf(principal);
  return isAdmin(principal);
}

/** Stored bodies, read back through the contract: a locale dropped from lib/i18n/config.ts is left out. */
function bodiesOf(row: { bodies: Prisma.JsonValue }): CannedBodies {
  const stored = (row.bodies ?? {}) as Record<string, unknown>;
  return Object.fromEntries(LOCALES.flatMap((locale) => (typeof stored[locale] === "string" ? [[locale, stored[locale]]] : []))) as CannedBodies;
}

/** The conversation's locale, else the desk's default, else whichever text there is. */
function bodyFor(bodies: CannedBodies, locale: Locale): { locale: Locale; text: string } {
  for (const candidate of [locale, DEFAULT_LOCALE, ...LOCALES]) {
    const text = bodies[candidate];
    if (text !== undefined) return { locale: candidate, text };
  }
  return { locale, text: "" };
}

function toView(row: CannedRow, principal: Principal): CannedResponseView {
  return {
    id: row.id,
    shortcut: row.shortcut,
    title: row.title,
    bodies: bodiesOf(row),
    scope: row.scope,
    owner: row.owner,
    team: row.team,
    usage_count: row.usageCount,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    can_edit: canEdit(principal, row),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Shortcut matches first (exact, then prefix), then the most used. */
function rank(row: CannedRow, words: string[]): number {
  if (words.length === 0) return 2;
  if (row.shortcut === words.join("")) return 0;
  return row.shortcut.startsWith(words[0]) ? 1 : 2;
}

export async function listCannedResponses(principal: Principal, query: ListCannedResponsesQuery): Promise<CannedResponseView[]> {
  const words = (query.q ?? "").replace(/^\//, "").toLowerCase().split(/\s+/).filter(Boolean);
  const context = query.session_id || query.ticket_id ? await loadCannedContext(principal, { sessionId: query.session_id, ticketId: query.ticket_id }) : null;
  const rows = await prisma.cannedResponse.findMany({
    where: {
      AND: [
        usableWhere(principal),
        ...(query.scope ? [{ scope: query.scope }] : []),
        ...words.map((word) => ({ OR: [{ shortcut: { contains: word } }, { title: { contains: word, mode: "insensitive" as const } }] })),
      ],
    },
    orderBy: [{ usageCount: "desc" }, { shortcut: "asc" }, { id: "asc" }],
    take: 200,
    select: cannedSelect,
  });
  return rows
    .map((row, index) => ({ row, index, rank: rank(row, words) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, query.limit)
    .map(({ row }) => {
      const view = toView(row, principal);
      if (!context) return view;
      const body = bodyFor(view.bodies as CannedBodies, context.locale);
      return { ...view, rendered: { locale: body.locale, ...renderCannedResponse(body.text, context.variables) } };
    });
}

type Holder = { ownerId: string | null; teamId: string | null };

const invalid = (path: string, message: string) => new ApiError("VALIDATION_ERROR", "Invalid request body", { details: [{ path, message }] });

/**
 * Who holds a response of this scope: personal ones a signed-in operator (themselves), team and desk-wide ones only
 * an admin, a team one naming its team by slug or id.
 */
async function holderFor(tx: Tx, principal: Principal, scope: CannedScope, team: string | undefined): Promise<Holder> {
  if (scope !== "personal" && !isAdmin(principal)) throw new ApiError("FORBIDDEN", "Only an admin manages team and desk-wide canned responses");
  if (scope !== "team" && team !== undefined) throw invalid("team", "a team only goes with scope team");
  if (scope === "personal") {
    const ownerId = operatorIdOf(principal);
    if (!ownerId) throw invalid("scope", "an API key has no personal responses: use team or everyone");
    return { ownerId, teamId: null };
  }
  if (scope === "everyone") return { ownerId: null, teamId: null };
  if (team === undefined) throw invalid("team", "scope team needs the team (slug or id)");
  const found = await tx.team.findFirst({ where: { OR: [{ slug: team }, { id: team }] }, select: { id: true } });
  if (!found) throw invalid("team", `no team ${team}`);
  return { ownerId: null, teamId: found.id };
}

/** One shortcut per holder: the same `/refund` twice in one list would make the picker guess. */
async function requireFreeShortcut(tx: Tx, shortcut: string, scope: CannedScope, holder: Holder, exceptId?: string): Promise<void> {
  const clash = await tx.cannedResponse.findFirst({
    where: { shortcut, scope, ...holder, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ApiError("CONFLICT", `The shortcut /${shortcut} is already used in this scope`, { details: { id: clash.id } });
}

async function findEditable(tx: Tx, principal: Principal, id: string): Promise<CannedRow> {
  const row = await tx.cannedResponse.findFirst({ where: { AND: [{ id }, usableWhere(principal)] }, select: cannedSelect });
  // Another operator's personal response is as absent as one that does not exist.
  if (!row) throw new ApiError("NOT_FOUND", "Canned response not found");
  if (!canEdit(principal, row)) throw new ApiError("FORBIDDEN", "Only an admin changes team and desk-wide canned responses");
  return row;
}

export async function createCannedResponse(principal: Principal, input: CreateCannedResponseBody): Promise<CannedResponseView> {
  const row = await prisma.$transaction(async (tx) => {
    const holder = await holderFor(tx, principal, input.scope, input.team);
    await requireFreeShortcut(tx, input.shortcut, input.scope, holder);
    const created = await tx.cannedResponse.create({
      data: { shortcut: input.shortcut, title: input.title, bodies: input.bodies, scope: input.scope, ...holder },
      select: cannedSelect,
    });
    await recordAuditEvent(tx, actorOf(principal, SYSTEM_ACTOR), { action: "canned_response.created", targetType: "canned_response", targetId: created.id, data: { shortcut: created.shortcut, scope: created.scope } });
    return created;
  });
  return toView(row, principal);
}

export async function updateCannedResponse(principal: Principal, id: string, input: UpdateCannedResponseBody): Promise<CannedResponseView> {
  const row = await prisma.$transaction(async (tx) => {
    const current = await findEditable(tx, principal, id);
    const scope = input.scope ?? current.scope;
    const holder =
      scope === current.scope && input.team === undefined ? { ownerId: current.ownerId, teamId: current.teamId } : await holderFor(tx, principal, scope, input.team);
    const shortcut = input.shortcut ?? current.shortcut;
    await requireFreeShortcut(tx, shortcut, scope, holder, id);
    const updated = await tx.cannedResponse.update({
      where: { id },
      data: { shortcut, scope, ...holder, ...(input.title !== undefined ? { title: input.title } : {}), ...(input.bodies ? { bodies: input.bodies } : {}) },
      select: cannedSelect,
    });
    await recordAuditEvent(tx, actorOf(principal, SYSTEM_ACTOR), { action: "canned_response.updated", targetType: "canned_response", targetId: id, data: { fields: Object.keys(input) } });
    return updated;
  });
  return toView(row, principal);
}

export async function deleteCannedResponse(principal: Principal, id: string): Promise<{ id: string; deleted: true }> {
  await prisma.$transaction(async (tx) => {
    const current = await findEditable(tx, principal, id);
    await tx.cannedResponse.delete({ where: { id } });
    await recordAuditEvent(tx, actorOf(principal, SYSTEM_ACTOR), { action: "canned_response.deleted", targetType: "canned_response", targetId: id, data: { shortcut: current.shortcut, scope: current.scope } });
  });
  return { id, deleted: true };
}

/**
 * Counts the responses inserted into a message, in the transaction that stores it (a retried message with the same
 * Idempotency-Key is stored, and counted, once). Each response once per message; ids the writer may not use are
 * ignored rather than failing the message.
 */
export async function recordCannedUses(tx: Tx, caller: Caller | null, ids: string[] | undefined, now = new Date()): Promise<void> {
  if (!caller || !ids?.length) return;
  await tx.cannedResponse.updateMany({
    where: { AND: [{ id: { in: [...new Set(ids)] } }, usableWhere(caller)] },
    data: { usageCount: { increment: 1 }, lastUsedAt: now },
  });
}
