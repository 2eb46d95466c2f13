import { describe, expect, it } from "vitest";
import { canTransition, isOverdue, statusAfterCustomerReply, statusTimestamps } from "@/lib/tickets/ticket-lifecycle";

describe("ticket lifecycle", () => {
  it.each([
    ["open", "pending", true],
    ["open", "resolved", true],
    ["open", "closed", true],
    ["pending", "open", true],
    ["pending", "resolved", true],
    ["resolved", "open", true],
    ["resolved", "closed", true],
    ["closed", "open", false],
    ["closed", "resolved", false],
    ["open", "open", true],
  ] as const)("%s → %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it("a customer reply reopens pending and resolved tickets, and is refused on closed ones", () => {
    expect(statusAfterCustomerReply("pending")).toBe("open");
    expect(statusAfterCustomerReply("resolved")).toBe("open");
    expect(statusAfterCustomerReply("open")).toBe("open");
    expect(statusAfterCustomerReply("closed")).toBe("refused");
  });

  it("sets and clears the resolution timestamps", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    expect(statusTimestamps("open", "resolved", now)).toEqual({ resolvedAt: now });
    expect(statusTimestamps("resolved", "open", now)).toEqual({ resolvedAt: null });
    expect(statusTimestamps("resolved", "closed", now)).toEqual({ closedAt: now });
    expect(statusTimestamps("open", "closed", now)).toEqual({ closedAt: now, resolvedAt: now });
  });

  it("is overdue only without a first response, while the desk owes one", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    const past = new Date("2026-11-25T09:00:00Z");
    expect(isOverdue({ status: "open", firstResponseAt: null, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: "open", firstResponseAt: past, dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: "resolved", firstResponseAt: null, dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: "open", firstResponseAt: null, dueAt: new Date("2026-11-25T11:00:00Z") }, now)).toBe(false);
  });
});
