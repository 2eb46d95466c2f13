import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/search/search-cursor";

describe("search cursors", () => {
  it("round-trips a row's position, with and without the block it was ranked in", () => {
    const plain = { rank: "0.060793", createdAt: new Date("2026-03-01T10:00:00.123Z"), id: "m_1" };
    expect(decodeCursor(encodeCursor(plain))).toEqual(plain);
    const inBlock = { ...plain, blockTop: { createdAt: new Date("2026-03-02T08:00:00.000Z"), id: "m_9" } };
    expect(decodeCursor(encodeCursor(inBlock))).toEqual(inBlock);
  });

  it("refuses what it did not hand out", () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(decodeCursor("not a cursor")).toBeNull();
    expect(decodeCursor(forged(["1; DROP TABLE messages", "2026-03-01T10:00:00.000Z", "m_1"]))).toBeNull();
    expect(decodeCursor(forged(["0.5", "2026-03-01T10:00:00.000Z", "m_1", "2026-03-02T08:00:00.000Z"]))).toBeNull();
    expect(decodeCursor(forged(["0.5", "yesterday", "m_1"]))).toBeNull();
  });
});
