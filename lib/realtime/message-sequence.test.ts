import { describe, expect, it } from "vitest";
import { emptyThread, hasGap, lastSeqOf, mergeMessages, type ThreadMessage } from "@/lib/realtime/message-sequence";

const msg = (seq: number, body = `m${seq}`, truncated?: boolean): ThreadMessage => ({
  id: `id${seq}`,
  seq,
  session_id: "s",
  sender: "customer",
  body,
  channel: "web",
  created_at: new Date(0).toISOString(),
  ...(truncated ? { truncated } : {}),
});

describe("mergeMessages", () => {
  it("orders by seq and drops duplicates", () => {
    const state = mergeMessages(mergeMessages(emptyThread, [msg(2), msg(1)]), [msg(2), msg(3)]);
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(state.contiguousSeq).toBe(3);
    expect(lastSeqOf(state)).toBe(3);
  });

  it("stops the contiguous run at a hole and closes it when the backfill arrives", () => {
    const withHole = mergeMessages(emptyThread, [msg(1), msg(2), msg(5)]);
    expect(withHole.contiguousSeq).toBe(2);
    expect(hasGap(withHole, 5)).toBe(true);
    const filled = mergeMessages(withHole, [msg(3), msg(4)]);
    expect(filled.contiguousSeq).toBe(5);
    expect(hasGap(filled, 5)).toBe(false);
  });

  it("treats a truncated event as a hole until the full message is fetched, and never downgrades", () => {
    const truncated = mergeMessages(mergeMessages(emptyThread, [msg(1)]), [msg(2, "short", true)]);
    expect(truncated.contiguousSeq).toBe(1);
    const full = mergeMessages(truncated, [msg(2, "the whole text")]);
    expect(full.contiguousSeq).toBe(2);
    const again = mergeMessages(full, [msg(2, "short", true)]);
    expect(again.messages[0 + 1].body).toBe("the whole text");
  });

  it("starts counting from the base when only recent history was loaded", () => {
    const state = mergeMessages(emptyThread, [msg(41), msg(42)], 40);
    expect(state.contiguousSeq).toBe(42);
    expect(hasGap(state, 43)).toBe(true);
  });

  it("reports a gap for an empty thread behind the server", () => {
    expect(hasGap(emptyThread, 1)).toBe(true);
    expect(hasGap(emptyThread, 0)).toBe(false);
  });
});
