// Keyset cursors for search results: the last row's (rank, created_at, id), opaque to clients. Browser-safe.
import { z } from "zod";

const cursorShape = z.tuple([z.string().regex(/^\d+(\.\d+)?$/), z.iso.datetime(), z.string().min(1).max(100)]);

export interface SearchCursor {
  /** ts_rank rounded to 6 decimals, as text: compared exactly, so pages never skip or repeat a row. */
  rank: string;
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

/** Null for anything that is not a cursor this API handed out. */
export function decodeCursor(text: string): SearchCursor | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { rank: parsed.data[0], createdAt: new Date(parsed.data[1]), id: parsed.data[2] } : null;
  } catch {
    return null;
  }
}
