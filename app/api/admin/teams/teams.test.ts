// /api/admin/teams, teams and skills on /api/chat/operators, and team/skills on request-operator, through the route
// handlers (auth, zod, errors) against the real database.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { clearTables } from "@/test/db";
import { GET as listTeams, POST as createTeam } from "@/app/api/admin/teams/route";
import { DELETE as deleteTeam, GET as getTeam, PATCH as patchTeam } from "@/app/api/admin/teams/[id]/route";
import { POST as createOperatorRoute } from "@/app/api/chat/operators/route";
import { PATCH as patchOperator } from "@/app/api/chat/operators/[id]/route";
import { POST as escalateRoute } from "@/app/api/chat/request-operator/route";
import { GET as getSession } from "@/app/api/chat/sessions/[id]/route";
import { POST as createKey } from "@/app/api/admin/api-keys/route";
import { adminHeaders, call } from "@/test/http";
import { createOperator, uniqueUserId } from "@/test/fixtures";

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "api_keys", "audit_events", "auth_verifications", "rate_limits", "idempotency_records", "embed_sites");
  await prisma.team.deleteMany({ where: { id: { not: "default" } } });
});

const post = (body: unknown) => call(createTeam, { body, headers: adminHeaders() });
const patch = (id: string, body: unknown) => call(patchTeam, { method: "PATCH", body, params: { id }, headers: adminHeaders() });
const escalate = (body: Record<string, unknown>) =>
  call(escalateRoute, { body: { user_id: uniqueUserId(), question: "Aiuto con la fattura", ...body }, headers: adminHeaders() });

describe("POST /api/admin/teams", () => {
  it("creates a team → 201 {data:{id, slug, …}}, audited; the list has the default team first", async () => {
    const operator = await createOperator();
    const created = await post({ name: "Billing", slug: "Billing", max_queue_length: 20, max_queue_wait_minutes: 15, fallback_team: "default", fallback_after_minutes: 5, members: [operator.id] });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({
      id: expect.any(String),
      slug: "billing",
      name: "Billing",
      is_default: false,
      business_hours: null,
      max_queue_length: 20,
      max_queue_wait_minutes: 15,
      fallback_team: { id: "default", slug: "default" },
      fallback_after_minutes: 5,
      members: [{ id: operator.id }],
      queued: 0,
    });
    expect(await prisma.auditEvent.count({ where: { action: "team.created", targetId: created.json.data.id } })).toBe(1);
    const list = await call(listTeams, { headers: adminHeaders() });
    expect(list.json.data.map((t: { slug: string }) => t.slug)).toEqual(["default", "billing"]);
    expect(list.json.data[0]).toMatchObject({ is_default: true, members: [{ id: operator.id }] });
    expect((await call(getTeam, { params: { id: created.json.data.id }, headers: adminHeaders() })).json.data.slug).toBe("billing");
  });

  it.each([
    ["missing name", { slug: "a" }, "VALIDATION_ERROR"],
    ["bad slug", { name: "A", slug: "a b" }, "VALIDATION_ERROR"],
    ["unknown fallback team", { name: "A", slug: "a", fallback_team: "ghost", fallback_after_minutes: 5 }, "VALIDATION_ERROR"],
    ["fallback without minutes", { name: "A", slug: "a", fallback_team: "default" }, "VALIDATION_ERROR"],
    ["minutes without fallback", { name: "A", slug: "a", fallback_after_minutes: 5 }, "VALIDATION_ERROR"],
    ["negative queue length", { name: "A", slug: "a", max_queue_length: -1 }, "VALIDATION_ERROR"],
    ["bad business hours", { name: "A", slug: "a", business_hours: { enabled: true } }, "VALIDATION_ERROR"],
    ["unknown member", { name: "A", slug: "a", members: ["op_ghost"] }, "VALIDATION_ERROR"],
  ])("%s → 400", async (_name, body, code) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ success: false, error: { code } });
    expect(await prisma.team.count()).toBe(1);
  });

  it("a taken slug → 409; without admin rights → 401/403", async () => {
    expect((await post({ name: "A", slug: "a" })).status).toBe(201);
    expect((await post({ name: "Other", slug: "a" })).status).toBe(409);
    expect((await call(createTeam, { body: { name: "B", slug: "b" } })).status).toBe(401);
    const key = await call(createKey, { body: { name: "bot" }, headers: adminHeaders() });
    expect((await call(listTeams, { headers: { authorization: `Bearer ${key.json.data.key}` } })).status).toBe(403);
  });
});

describe("PATCH and DELETE /api/admin/teams/{id}", () => {
  it("changes limits, hours and members; refuses a fallback chain that leads back", async () => {
    const a = (await post({ name: "A", slug: "a" })).json.data;
    const b = (await post({ name: "B", slug: "b", fallback_team: "a", fallback_after_minutes: 3 })).json.data;
    const operator = await createOperator();
    const hours = { enabled: true, timezone: "Europe/Rome", days: { mon: [["09:00", "13:00"]], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: ["2026-12-25"] };
    const changed = await patch(a.id, { max_queue_length: 7, business_hours: hours, members: [operator.id] });
    expect(changed.status).toBe(200);
    expect(changed.json.data).toMatchObject({ max_queue_length: 7, business_hours: hours, members: [{ id: operator.id }] });
    const cycle = await patch(a.id, { fallback_team: b.slug, fallback_after_minutes: 2 });
    expect(cycle.status).toBe(400);
    expect(cycle.json.error.details).toMatchObject({ field: "fallback_team" });
    expect((await patch(a.id, { business_hours: null })).json.data.business_hours).toBeNull();
    expect((await patch(a.id, {})).status).toBe(400);
    expect((await patch("nope", { name: "x" })).status).toBe(404);
  });

  it("deleting a team moves its waiting sessions to the default team in their order; the default team stays", async () => {
    const team = (await post({ name: "Gone", slug: "gone" })).json.data;
    const member = await createOperator({ maxChats: 1 });
    await patch(team.id, { members: [member.id] });
    await escalate({ team: "gone" });
    const waiting = await escalate({ team: "gone" });
    expect(waiting.json).toMatchObject({ type: "queue", position: 1 });
    const removed = await call(deleteTeam, { method: "DELETE", params: { id: team.id }, headers: adminHeaders() });
    expect(removed.status).toBe(200);
    expect(removed.json.data).toMatchObject({ deleted: true, moved_sessions: 2 });
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: waiting.json.session_id } })).toMatchObject({ teamId: "default" });
    const refused = await call(deleteTeam, { method: "DELETE", params: { id: "default" }, headers: adminHeaders() });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("INVALID_STATE");
  });
});

describe("teams and skills on operators", () => {
  it("POST and PATCH /api/chat/operators take teams (slugs) and skills; routing follows at once", async () => {
    await post({ name: "Tech", slug: "tech" });
    const created = await call(createOperatorRoute, { body: { name: "Ada", email: "ada@test.com", teams: ["tech"], skills: ["EN", "it", "en"] }, headers: adminHeaders() });
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ skills: ["en", "it"], teams: [{ slug: "tech" }] });
    const plain = await call(createOperatorRoute, { body: { name: "Bea", email: "bea@test.com" }, headers: adminHeaders() });
    expect(plain.json.data.teams).toEqual([expect.objectContaining({ slug: "default" })]);

    const id = created.json.data.id;
    await patchOp(id, { status: "online", max_chats: 1 });
    const waiting = await escalate({ team: "tech", skills: ["billing"] });
    expect(waiting.json).toMatchObject({ type: "ticket_created", reason: "no_operators" });
    const queuedNeedsIt = await escalate({ team: "tech", skills: ["it"] });
    expect(queuedNeedsIt.json).toMatchObject({ type: "operator_assigned", operator: { id } });

    const moved = await patchOp(id, { teams: ["default", "tech"], skills: ["billing"] });
    expect(moved.status).toBe(200);
    expect(moved.json.data).toMatchObject({ skills: ["billing"], teams: [{ slug: "default" }, { slug: "tech" }] });
    const unknown = await patchOp(id, { teams: ["ghost"] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toMatchObject({ field: "teams", unknown: ["ghost"] });
    expect((await patchOp(id, { skills: ["not a tag!"] })).status).toBe(400);
  });
});

const patchOp = (id: string, body: unknown) => call(patchOperator, { method: "PATCH", body, params: { id }, headers: adminHeaders() });

describe("request-operator with team and skills", () => {
  it("an unknown team → 400 in the error shape; the session view shows the team", async () => {
    const unknown = await escalate({ team: "ghost" });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ success: false, error: { code: "VALIDATION_ERROR", details: { field: "team" } } });
    expect((await escalate({ skills: "en" })).status).toBe(400);

    await post({ name: "Supporto tecnico", slug: "tech" });
    const operator = await createOperator({ maxChats: 1 });
    await prisma.teamMember.create({ data: { teamId: (await prisma.team.findUniqueOrThrow({ where: { slug: "tech" } })).id, operatorId: operator.id } });
    const assigned = await escalate({ team: "tech" });
    expect(assigned.json).toMatchObject({ type: "operator_assigned", operator: { id: operator.id } });
    const queued = await escalate({ team: "tech", skills: [] });
    expect(queued.json).toMatchObject({ type: "queue", position: 1, estimated_wait: 5 });
    const view = await call(getSession, { params: { id: queued.json.session_id }, headers: adminHeaders() });
    expect(view.json.data).toMatchObject({ status: "queued", position: 1, team: { slug: "tech", name: "Supporto tecnico" }, skills: [] });
  });
});

describe("a team per WhatsApp number and per embedding site", () => {
  it("a WhatsApp message to a team's number opens the conversation in that team; other numbers, the default team", async () => {
    const { receiveInboundWhatsapp } = await import("@/lib/chat/receive-inbound-message");
    const team = (await post({ name: "Assistenza IT", slug: "it-desk", whatsapp_number: "+390212345678" })).json.data;
    expect(team.whatsapp_number).toBe("+390212345678");
    await createOperator({ maxChats: 5 });
    const sid = () => `SM${Math.random().toString(16).slice(2).padEnd(32, "0").slice(0, 32)}`;
    const toTeam = await receiveInboundWhatsapp({ MessageSid: sid(), From: "whatsapp:+393331112222", To: "whatsapp:+390212345678", Body: "ciao", NumMedia: 0 }, []);
    const toDesk = await receiveInboundWhatsapp({ MessageSid: sid(), From: "whatsapp:+393331113333", To: "whatsapp:+14155238886", Body: "ciao", NumMedia: 0 }, []);
    if (toTeam.kind !== "escalated" || toDesk.kind !== "escalated") throw new Error("expected escalations");
    // Nobody is in it-desk yet: a ticket in that team; the desk's number reaches the default team's operator.
    expect(toTeam.type).toBe("ticket_created");
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: toTeam.ticketId! } })).teamId).toBe(team.id);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: toDesk.sessionId! } })).teamId).toBe("default");
    expect((await post({ name: "Other", slug: "other", whatsapp_number: "+390212345678" })).status).toBe(409);
  });

  it("an embedding site's team serves the visitors it signs", async () => {
    const { teamOfEntryPoint } = await import("@/lib/routing/resolve-team");
    const team = (await post({ name: "Shop", slug: "shop" })).json.data;
    const site = await prisma.embedSite.create({ data: { name: "Shop", origin: "https://shop.example.com", secret: "spes_x", teamId: team.id } });
    expect(await teamOfEntryPoint(prisma, { embedSiteId: site.id })).toBe(team.id);
    await prisma.embedSite.update({ where: { id: site.id }, data: { teamId: null } });
    expect(await teamOfEntryPoint(prisma, { embedSiteId: site.id })).toBeNull();
  });
});

describe("stats filtered by team", () => {
  it("GET /api/chat/stats?team= and GET /api/admin/metrics?team= count that team only; an unknown team → 400", async () => {
    const { GET: stats } = await import("@/app/api/chat/stats/route");
    const { GET: metrics } = await import("@/app/api/admin/metrics/route");
    const tech = (await post({ name: "Tech", slug: "tech" })).json.data;
    const operator = await createOperator({ maxChats: 1 });
    await patch(tech.id, { members: [operator.id] });
    await escalate({ team: "tech" });
    await escalate({ team: "tech" });
    await escalate({ team: "tech", priority: "urgent" });
    await escalate({}); // the default team: the same operator is in it (joined on creation), now busy
    const all = await call(stats, { path: "/api/chat/stats" });
    const techOnly = await call(stats, { path: "/api/chat/stats?team=tech" });
    expect(all.json.data.queue_length).toBe(3);
    expect(techOnly.json.data).toMatchObject({ queue_length: 2, queue_by_priority: { urgent: 1, medium: 1 }, seats_online: 1, active_sessions: 1 });
    expect((await call(stats, { path: "/api/chat/stats?team=ghost" })).status).toBe(400);
    const techMetrics = await call(metrics, { path: `/api/admin/metrics?range=24h&team=${tech.id}`, headers: adminHeaders() });
    expect(techMetrics.json.data).toMatchObject({ team: tech.id, live: { queue_length: 2, active_sessions: 1 } });
    expect(techMetrics.json.data.series.reduce((sum: number, p: { sessions: number }) => sum + p.sessions, 0)).toBe(3);
  });
});
