import { describe, expect, it } from "vitest";
import { whatsappWindow } from "@/lib/whatsapp/whatsapp-window";

const now = new Date("2026-03-10T12:00:00Z");

describe("whatsappWindow", () => {
  it("is closed when the customer never wrote", () => {
    expect(whatsappWindow(null, now)).toEqual({ open: false, closesAt: null, secondsLeft: 0 });
  });

  it("is open for 24 hours after the last inbound message, counting down", () => {
    const window = whatsappWindow(new Date("2026-03-10T02:00:00Z"), now);
    expect(window).toEqual({ open: true, closesAt: new Date("2026-03-11T02:00:00Z"), secondsLeft: 14 * 3600 });
  });

  it("is closed from the 24th hour on, and reports when it closed", () => {
    expect(whatsappWindow("2026-03-09T12:00:00Z", now)).toEqual({ open: false, closesAt: new Date("2026-03-10T12:00:00Z"), secondsLeft: 0 });
    expect(whatsappWindow(new Date("2026-03-01T00:00:00Z"), now).open).toBe(false);
  });
});
