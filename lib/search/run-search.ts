import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { Prisma, SessionStatus, TicketStatus } from "@/lib/db/generated/client";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, buildTsquery, renderSnippet, ticketNumberOf } from "@/lib/search/build-tsquery";
import { decodeCursor, encodeCursor, type SearchCursor, type SearchKey } from "@/lib/search/search-cursor";
import type { ContactHit, MessageHit, SearchQuery, SearchResult, TicketHit } from "@/lib/search/search-schemas";
import { contactVisible, messageOwnedBy, messageVisible, ticketVisible, type Viewer } from "@/lib/search/visibility";
import { endOfRange } from "@/lib/tickets/list-tickets";

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

// The query in both languages, OR-ed: one GIN probe finds Italian and English rows alike, each stemmed its own way.
const bilingual = (text: string) => Prisma.sql`(to_tsquery('sportello_it', ${text}) || to_tsquery('sportello_en', ${text}))`;

// Rank normalisation 1 (÷ 1 + log length): a long message that mentions the words once does not outrank a short one
// about them.
/** The first sort key: ts_rank rounded (so cursors compare exactly), or a constant when sorting by recency. */
const rankOf = (query: SearchQuery, vector: string) =>
  query.sort === "recent" ? Prisma.sql`0::numeric` : Prisma.sql`round(ts_rank(${Prisma.raw(vector)}, q.query, 1)::numeric, 6)`;

const and = (parts: Prisma.Sql[]) => (parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`);

function afterCursor(cursor: SearchCursor | null, createdAt: string, id: string): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  return Prisma.sql`(rank, ${Prisma.raw(createdAt)}, ${Prisma.raw(id)}) < (${cursor.rank}::numeric, ${cursor.createdAt}::timestamp, ${cursor.id})`;
}

function dateRange(query: SearchQuery, column: string): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (query.from) parts.push(Prisma.sql`${Prisma.raw(column)} >= ${query.from}::timestamp`);
  if (query.to) parts.push(Prisma.sql`${Prisma.raw(column)} < ${endOfRange(query.to)}::timestamp`);
  return parts;
}

interface Ranked {
  id: string;
  rank: string;
  created_at: Date;
}

function page<R extends Ranked, H>(rows: R[], limit: number, toHit: (row: R) => H) {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(toHit),
    next_cursor: more && last ? encodeCursor({ rank: last.rank, createdAt: last.created_at, id: last.id }) : null,
  };
}

interface MessageRow extends Ranked {
  session_id: string | null;
  ticket_id: string | null;
  ticket_number: number | null;
  sender: string;
  channel: string;
  status: string | null;
  language: string;
  contact_id: string | null;
  contact_name: string | null;
  headline: string;
}

/**
 * How many matches are ranked together. Ranking reads every match's vector, and a word in one message of ten has
 * 100,000 matches in a million messages: by relevance, messages are ranked in blocks of this many matches, newest
 * block first (the first page holds the best of the newest RANKED_BLOCK matches, and paging goes on into the older
 * blocks, so the whole history stays reachable). A query with fewer matches is one block: plain relevance.
 */
export const RANKED_BLOCK = 1000;

const keyBelow = (key: SearchKey, inclusive: boolean) =>
  Prisma.sql`m.created_at <= ${key.createdAt}::timestamp AND (m.created_at, m.id) ${Prisma.raw(inclusive ? "<=" : "<")} (${key.createdAt}::timestamp, ${key.id})`;

const SESSION_STATUSES: readonly string[] = Object.values(SessionStatus);
const TICKET_STATUSES: readonly string[] = Object.values(TicketStatus);

/**
 * The status of the message's conversation, else of its ticket. Compared as the enums (not as text) so the planner
 * knows from its statistics how many rows pass ("closed" is most of them) and picks the plan to match.
 */
function messageStatusIs(status: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (SESSION_STATUSES.includes(status)) parts.push(Prisma.sql`s.status = ${status}::"SessionStatus"`);
  if (TICKET_STATUSES.includes(status)) parts.push(Prisma.sql`(s.id IS NULL AND t.status = ${status}::"TicketStatus")`);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " OR ")})` : Prisma.sql`FALSE`;
}

/**
 * The newest `take` messages that match and that the viewer may see: (id, created_at, search_vector), newest first.
 * Visibility and the operator and team filters are conditions on the row's keys (messageVisible), which the GIN
 * index over (search_vector, visible_to) evaluates with the words: no session or ticket is read to decide. The LEFT
 * JOINs, which only the status filter uses, are removed by the planner otherwise.
 */
function visibleMatches(text: string, query: SearchQuery, viewer: Viewer, extra: Prisma.Sql[], take: number): Prisma.Sql {
  // Matched with the redundant prefixes of the typed word dropped (same rows, fewer posting lists to read: see
  // sportello_fewer_prefixes); ranked and highlighted with the whole query.
  const filters: Prisma.Sql[] = [Prisma.sql`m.search_vector @@ sportello_fewer_prefixes(${bilingual(text)})`, messageVisible(viewer), ...dateRange(query, "m.created_at"), ...extra];
  if (query.channel) filters.push(Prisma.sql`m.channel = ${query.channel}::"Channel"`);
  if (query.status) filters.push(messageStatusIs(query.status));
  if (query.operator) filters.push(messageOwnedBy({ operatorId: query.operator }));
  if (query.team) filters.push(messageOwnedBy({ teamId: query.team }));
  // For everyone who sees everything, walking messages_created_at_idx backwards and testing each row is the fast way
  // to the newest matches of a common word, and the planner picks it when the estimates say so. An operator (or an
  // admin's operator or team filter) narrows to a share that is correlated with the words (an operator's
  // conversations are in one language, say): that walk can cross the whole table without finding a row, so those
  // queries sort an expression the index cannot give ("+ 0 seconds"), and the planner takes the GIN matches, which
  // the keys have already cut down to the viewer's.
  const byIndex = viewer.admin && !query.operator && !query.team;
  return Prisma.sql`SELECT m.id, m.created_at, m.search_vector
    FROM messages m LEFT JOIN chat_sessions s ON s.id = m.session_id LEFT JOIN tickets t ON t.id = m.ticket_id
    WHERE ${and(filters)}
    ORDER BY ${Prisma.raw(byIndex ? "m.created_at" : "m.created_at + interval '0 seconds'")} DESC, m.id DESC LIMIT ${take}`;
}

/** The page's rows (CTE `page`: id, created_at, rank) with what a hit shows. */
const messageColumns = (text: string) => Prisma.sql`
  SELECT p.id, m.session_id, m.ticket_id, t.number AS ticket_number, m.sender::text AS sender, m.channel::text AS channel,
         coalesce(s.status::text, t.status::text) AS status, m.language, p.created_at, p.rank::text AS rank,
         coalesce(s.contact_id, t.contact_id) AS contact_id, c.name AS contact_name,
         ts_headline(sportello_search_config(m.language), m.body, ${bilingual(text)}, ${HEADLINE_OPTIONS}) AS headline
  FROM page p JOIN messages m ON m.id = p.id
  LEFT JOIN chat_sessions s ON s.id = m.session_id LEFT JOIN tickets t ON t.id = m.ticket_id
  LEFT JOIN contacts c ON c.id = coalesce(s.contact_id, t.contact_id)`;

const toMessageHit = (r: MessageRow): MessageHit => ({
  type: "message",
  id: r.id,
  session_id: r.session_id,
  ticket_id: r.ticket_id,
  ticket_number: r.ticket_number,
  sender: r.sender,
  channel: r.channel,
  status: r.status,
  language: r.language,
  contact: r.contact_id ? { id: r.contact_id, name: r.contact_name } : null,
  created_at: r.created_at.toISOString(),
  snippet: renderSnippet(r.headline),
});

/** Newest first: the newest matches after the cursor, straight from the index order (no ranking). */
async function recentMessages(text: string, query: SearchQuery, viewer: Viewer, cursor: SearchCursor | null) {
  const rows = await prisma.$queryRaw<MessageRow[]>`
    WITH page AS (SELECT id, created_at, 0::numeric AS rank FROM (${visibleMatches(text, query, viewer, cursor ? [keyBelow(cursor, false)] : [], query.limit + 1)}) v)
    ${messageColumns(text)}
    ORDER BY p.created_at DESC, p.id DESC`;
  return page(rows, query.limit, toMessageHit);
}

interface BlockRow extends Partial<MessageRow> {
  block_size: number;
  top_at: Date | null;
  top_id: string | null;
  bottom_at: Date | null;
  bottom_id: string | null;
}

/**
 * By relevance, in blocks of RANKED_BLOCK matches (see there). A block is fixed by its newest row, which the cursor
 * carries, so the next page ranks the same rows again and new messages never shift a walk that has started; when a
 * block runs out, the page goes on with the best of the next, older block.
 */
async function rankedMessages(text: string, query: SearchQuery, viewer: Viewer, cursor: SearchCursor | null) {
  const want = query.limit + 1;
  const rows: (MessageRow & { blockTop: SearchKey })[] = [];
  let bound: Prisma.Sql[] = cursor?.blockTop ? [keyBelow(cursor.blockTop, true)] : [];
  let after = cursor ? Prisma.sql`(rank, created_at, id) < (${cursor.rank}::numeric, ${cursor.createdAt}::timestamp, ${cursor.id})` : Prisma.sql`TRUE`;
  for (;;) {
    const block = await prisma.$queryRaw<BlockRow[]>`
      WITH block AS MATERIALIZED (${visibleMatches(text, query, viewer, bound, RANKED_BLOCK)}),
      ranked AS (SELECT id, created_at, round(ts_rank(search_vector, ${bilingual(text)}, 1)::numeric, 6) AS rank FROM block),
      page AS (SELECT * FROM ranked WHERE ${after} ORDER BY rank DESC, created_at DESC, id DESC LIMIT ${want - rows.length}),
      edges AS (
        SELECT count(*)::int AS block_size,
               (array_agg(created_at ORDER BY created_at DESC, id DESC))[1] AS top_at, (array_agg(id ORDER BY created_at DESC, id DESC))[1] AS top_id,
               (array_agg(created_at ORDER BY created_at, id))[1] AS bottom_at, (array_agg(id ORDER BY created_at, id))[1] AS bottom_id
        FROM block
      )
      SELECT edges.*, hit.* FROM edges LEFT JOIN (${messageColumns(text)}) hit ON TRUE
      ORDER BY hit.rank::numeric DESC, hit.created_at DESC, hit.id DESC`;
    const edges = block[0];
    if (!edges?.top_at || !edges.top_id || !edges.bottom_at || !edges.bottom_id) break;
    const blockTop = { createdAt: edges.top_at, id: edges.top_id };
    for (const row of block) if (row.id) rows.push({ ...(row as MessageRow), blockTop });
    if (rows.length >= want || edges.block_size < RANKED_BLOCK) break;
    bound = [keyBelow({ createdAt: edges.bottom_at, id: edges.bottom_id }, false)];
    after = Prisma.sql`TRUE`;
  }
  const more = rows.length > query.limit;
  const kept = rows.slice(0, query.limit);
  const last = kept.at(-1);
  return {
    items: kept.map(toMessageHit),
    next_cursor: more && last ? encodeCursor({ rank: last.rank, createdAt: last.created_at, id: last.id, blockTop: last.blockTop }) : null,
  };
}

interface TicketRow extends Ranked {
  number: number;
  status: string;
  channel: string;
  session_id: string | null;
  assignee_id: string | null;
  contact_id: string;
  contact_name: string | null;
  headline: string;
}

async function searchTickets(text: string, raw: string, query: SearchQuery, viewer: Viewer, cursor: SearchCursor | null) {
  const number = ticketNumberOf(raw);
  const filters: Prisma.Sql[] = [ticketVisible(viewer), ...dateRange(query, "t.created_at")];
  if (query.channel) filters.push(Prisma.sql`t.channel = ${query.channel}::"Channel"`);
  if (query.status) filters.push(Prisma.sql`t.status::text = ${query.status}`);
  if (query.operator) filters.push(Prisma.sql`t.assignee_id = ${query.operator}`);
  if (query.team) filters.push(Prisma.sql`t.team_id = ${query.team}`);
  // Subject and internal notes by full text, the number exactly (ranked first): three index probes, one list.
  const rows = await prisma.$queryRaw<TicketRow[]>`
    WITH q AS (SELECT ${bilingual(text)} AS query),
    matched AS (
      SELECT t.id, ${rankOf(query, "t.search_vector")} AS r FROM tickets t CROSS JOIN q WHERE t.search_vector @@ q.query
      UNION ALL
      SELECT n.ticket_id, ${rankOf(query, "n.search_vector")} FROM ticket_notes n CROSS JOIN q WHERE n.search_vector @@ q.query
      UNION ALL
      SELECT t.id, ${query.sort === "recent" ? 0 : 1}::numeric FROM tickets t WHERE t.number = ${number ?? -1}
    ),
    hits AS (
      SELECT t.id, t.number, t.status::text AS status, t.channel::text AS channel, t.session_id, t.assignee_id, t.contact_id,
             t.language, t.question, t.created_at, best.rank
      FROM (SELECT id, max(r) AS rank FROM matched GROUP BY id) best
      JOIN tickets t ON t.id = best.id
      WHERE ${and(filters)}
    )
    SELECT h.id, h.number, h.status, h.channel, h.session_id, h.assignee_id, h.contact_id, c.name AS contact_name,
           h.created_at, h.rank::text AS rank,
           ts_headline(sportello_search_config(h.language),
             h.question || coalesce((SELECT ' … ' || string_agg(n.body, ' … ') FROM ticket_notes n WHERE n.ticket_id = h.id AND n.search_vector @@ q.query), ''),
             q.query, ${HEADLINE_OPTIONS}) AS headline
    FROM (SELECT * FROM hits WHERE ${afterCursor(cursor, "created_at", "id")} ORDER BY rank DESC, created_at DESC, id DESC LIMIT ${query.limit + 1}) h
    CROSS JOIN q LEFT JOIN contacts c ON c.id = h.contact_id
    ORDER BY h.rank DESC, h.created_at DESC, h.id DESC`;
  return page(rows, query.limit, (r): TicketHit => ({
    type: "ticket",
    id: r.id,
    number: r.number,
    status: r.status,
    channel: r.channel,
    session_id: r.session_id,
    assignee_id: r.assignee_id,
    contact: { id: r.contact_id, name: r.contact_name },
    created_at: r.created_at.toISOString(),
    snippet: renderSnippet(r.headline),
  }));
}

interface ContactRow extends Ranked {
  name: string | null;
  email: string | null;
  phone: string | null;
  headline: string;
}

async function searchContacts(text: string, query: SearchQuery, viewer: Viewer, cursor: SearchCursor | null) {
  const filters: Prisma.Sql[] = [contactVisible(viewer), ...dateRange(query, "c.created_at")];
  if (query.team) {
    filters.push(Prisma.sql`(EXISTS (SELECT 1 FROM chat_sessions ts WHERE ts.contact_id = c.id AND ts.team_id = ${query.team})
      OR EXISTS (SELECT 1 FROM tickets tt WHERE tt.contact_id = c.id AND tt.team_id = ${query.team}))`);
  }
  // Merged tombstones point at the contact that lives on; erased contacts have nothing left to find.
  const rows = await prisma.$queryRaw<ContactRow[]>`
    WITH q AS (SELECT to_tsquery('sportello_simple', ${text}) AS query),
    hits AS (
      SELECT c.id, c.name, c.email, c.phone, c.created_at, ${rankOf(query, "c.search_vector")} AS rank
      FROM contacts c CROSS JOIN q
      WHERE c.search_vector @@ q.query AND c.merged_into_id IS NULL AND c.erased_at IS NULL AND ${and(filters)}
    )
    SELECT h.id, h.name, h.email, h.phone, h.created_at, h.rank::text AS rank,
           ts_headline('sportello_simple', concat_ws(' · ', h.name, h.email, h.phone), q.query, ${HEADLINE_OPTIONS}) AS headline
    FROM (SELECT * FROM hits WHERE ${afterCursor(cursor, "created_at", "id")} ORDER BY rank DESC, created_at DESC, id DESC LIMIT ${query.limit + 1}) h
    CROSS JOIN q
    ORDER BY h.rank DESC, h.created_at DESC, h.id DESC`;
  return page(rows, query.limit, (r): ContactHit => ({
    type: "contact",
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    created_at: r.created_at.toISOString(),
    snippet: renderSnippet(r.headline),
  }));
}

/**
 * Full-text search over the whole history (no time window), ranked, with highlighted snippets, filters and keyset
 * pagination. What the viewer may not see is excluded inside the query (lib/search/visibility.ts), so pages and
 * cursors never reveal it.
 */
export async function runSearch(query: SearchQuery, viewer: Viewer): Promise<SearchResult> {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw new ApiError("VALIDATION_ERROR", "Invalid cursor");
  const text = buildTsquery(query.q);
  if (!text) return { type: query.type, items: [], next_cursor: null };
  const result =
    query.type === "tickets"
      ? await searchTickets(text, query.q, query, viewer, cursor)
      : query.type === "contacts"
        ? await searchContacts(text, query, viewer, cursor)
        : query.sort === "recent"
          ? await recentMessages(text, query, viewer, cursor)
          : await rankedMessages(text, query, viewer, cursor);
  return { type: query.type, ...result };
}
