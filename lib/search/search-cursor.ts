// Keyset cursors for search results: the last row's (rank, created_at, id), opaque to clients. Browser-safe.
import { z } from "zod";

const rank = z.string().regex(/^\d+(\.\d+)?$/);
const id = z.string().min(1).max(100);
const cursorShape = z.union([
  z.tuple([rank, z.iso.datetime(), id]),
  // Messages by relevance also carry the newest row of the block the last row was ranked in (lib/search/run-search.ts).
  z.tuple([rank, z.iso.datetime(), id, z.iso.datetime(), id]),
]);

/** A row's position in the ordering: created_at, then id. */
export interface SearchKey {
  createdAt: Date;
  id: string;
}

export interface SearchCursor extends SearchKey {
  /** ts_rank rounded to 6 decimals, as text: compared exactly, so pages never skip or repeat a row. */
  rank: string;
  /** The newest row of the ranked block the cursor is in: the next page ranks the same block again. */
  blockTop?: SearchKey;
}

export function encodeCursor(cursor: SearchCursor): string {
  const base = [cursor.rank, cursor.createdAt.toISOString(), cursor.id];
  const top = cursor.blockTop ? [cursor.blockTop.createdAt.toISOString(), cursor.blockTop.id] : [];
  return Buffer.from(JSON.stringify([...base, ...top])).toString("base64url");
}

/** Null for anything that is not a cursor this API handed out. */
export function decodeCursor(text: string): SearchCursor | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    const [rankText, createdAt, rowId, topCreatedAt, topId] = parsed.data;
    const cursor: SearchCursor = { rank: rankText, createdAt: new Date(createdAt), id: rowId };
    if (topCreatedAt && topId) cursor.blockTop = { createdAt: new Date(topCreatedAt), id: topId };
    return cursor;
  } catch {
    return null;
  }
}
