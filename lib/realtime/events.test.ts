import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/realtime/channels";
import { checkRealtimePayload, REALTIME_EVENTS } from "@/lib/realtime/events";
import { withRealtimeEvents } from "@/lib/realtime/render-realtime-docs";

describe("the realtime contract", () => {
  it("has a schema for every event name the server uses, and each example fits its schema", () => {
    for (const name of Object.values(EVENTS)) expect(REALTIME_EVENTS).toHaveProperty([name]);
    for (const [name, spec] of Object.entries(REALTIME_EVENTS)) {
      expect(spec.examples.length, name).toBeGreaterThan(0);
      for (const example of spec.examples) expect(checkRealtimePayload({ name, data: example })).toBeNull();
    }
  });

  it("refuses a payload outside the contract and an unknown event", () => {
    expect(checkRealtimePayload({ name: "session.updated", data: { session_id: "s", status: "lost" } })).toMatch(/session\.updated/);
    expect(checkRealtimePayload({ name: "session.unassigned", data: { session_id: "s" } })).toMatch(/reason/);
    expect(checkRealtimePayload({ name: "operator.alert", data: { kind: "ticket_assigned", ticket_id: "t" } })).toMatch(/ticket_number/);
    expect(checkRealtimePayload({ name: "session.gone", data: {} })).toMatch(/unknown realtime event/);
  });

  it("is what docs/realtime.md documents (run `npm run docs:realtime` after changing lib/realtime/events.ts)", () => {
    const current = readFileSync(path.resolve("docs/realtime.md"), "utf8");
    expect(current === withRealtimeEvents(current), "docs/realtime.md is out of date: run `npm run docs:realtime`").toBe(true);
  });
});
