import { beforeEach, describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/chat/escalation-rules/route";
import { prisma } from "@/lib/db/client";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { DEFAULT_RULES } from "@/lib/schemas/escalation-rules";
import { adminHeaders, call } from "@/test/http";
import { createOperator } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { clearTables } from "@/test/db";

beforeEach(async () => {
  await clearTables("settings", "audit_events");
});

describe("/api/chat/escalation-rules", () => {
  it("serves the defaults to operators, and admins replace them with an audit of what changed", async () => {
    const operator = await createOperator();
    const cookie = await signInOperator(operator);
    const got = await call(GET, { headers: { cookie } });
    expect(got.status).toBe(200);
    expect(got.json.data).toEqual(DEFAULT_RULES);
    expect((await call(GET)).status).toBe(401);

    const next = {
      ...DEFAULT_RULES,
      max_queue_wait_minutes: 15,
      sla_hours: { ...DEFAULT_RULES.sla_hours, urgent: 2 },
      business_hours: { ...DEFAULT_RULES.business_hours, enabled: true, holidays: ["2026-12-25"] },
    };
    expect((await call(PUT, { method: "PUT", headers: { cookie }, body: next })).status).toBe(403);

    const admin = await createOperator({ role: "admin" });
    const saved = await call(PUT, { method: "PUT", headers: { cookie: await signInOperator(admin) }, body: next });
    expect(saved.status).toBe(200);
    expect(await getEscalationRules()).toEqual(next);
    const audit = await prisma.auditEvent.findMany({ where: { action: "rules.updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "operator", actorId: admin.id, targetId: "escalation_rules" });
    expect(Object.keys((audit[0].data as { changes: object }).changes).sort()).toEqual(["business_hours", "max_queue_wait_minutes", "sla_hours"]);
  });

  const bad = (patch: object) => ({ ...DEFAULT_RULES, ...patch });
  it.each([
    ["a zero queue wait", bad({ max_queue_wait_minutes: 0 })],
    ["an unanswered timeout under 10 s", bad({ unanswered_assignment_seconds: 5 })],
    ["a negative SLA", bad({ sla_hours: { ...DEFAULT_RULES.sla_hours, low: -1 } })],
    ["an unknown time zone", bad({ business_hours: { ...DEFAULT_RULES.business_hours, timezone: "Mars/Olympus" } })],
    ["an interval that ends before it starts", bad({ business_hours: { ...DEFAULT_RULES.business_hours, days: { ...DEFAULT_RULES.business_hours.days, mon: [["18:00", "09:00"]] } } })],
    ["a malformed holiday", bad({ business_hours: { ...DEFAULT_RULES.business_hours, holidays: ["25/12/2026"] } })],
    ["a missing rule", { max_queue_wait_minutes: 10 }],
  ])("PUT /api/chat/escalation-rules – %s → 400", async (_label, body) => {
    const response = await call(PUT, { method: "PUT", headers: adminHeaders(), body });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("VALIDATION_ERROR");
    expect(await prisma.setting.count()).toBe(0);
  });
});
