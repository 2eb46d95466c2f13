// Teams under concurrency (issue 12): 200 escalations over three teams through two real app processes sharing one
// database. No operator above capacity (an operator shared by the three teams counts once), no session assigned
// twice, and each team's queue positions exactly 1..n.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { queuePosition } from "@/lib/routing/queue";
import { startAppServer, type AppServer } from "@/test/app-server";
import { createOperator, uniqueUserId } from "@/test/fixtures";

let servers: AppServer[] = [];

beforeAll(async () => {
  const env = { DATABASE_URL: process.env.DATABASE_URL!, ADMIN_API_KEY: process.env.ADMIN_API_KEY!, AUTH_SECRET: process.env.AUTH_SECRET! };
  servers = await Promise.all([startAppServer(env), startAppServer(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

const SLUGS = ["billing", "tech", "sales"];

describe("two app instances, three teams", () => {
  it("200 concurrent escalations over 3 teams: capacity held across teams, every session once, positions 1..n per team", async () => {
    const teams = await Promise.all(SLUGS.map((slug) => prisma.team.create({ data: { name: slug, slug } })));
    // One operator per team (2 seats each) and one shared by all three (3 seats across them): 9 seats in all.
    const own = await Promise.all(teams.map(() => createOperator({ maxChats: 2 })));
    const shared = await createOperator({ maxChats: 3 });
    await prisma.teamMember.deleteMany({});
    await prisma.teamMember.createMany({
      data: [...teams.map((team, i) => ({ teamId: team.id, operatorId: own[i].id })), ...teams.map((team) => ({ teamId: team.id, operatorId: shared.id }))],
    });

    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const team = SLUGS[i % 3];
        const response = await fetch(`${servers[i % 2].url}/api/chat/request-operator`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_KEY}` },
          body: JSON.stringify({ user_id: uniqueUserId("teams"), question: "Serve aiuto", priority: "medium", team }),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { type: string; session_id: string; position?: number; operator?: { id: string } };
        return { ...body, team };
      }),
    );

    const assigned = results.filter((r) => r.type === "operator_assigned");
    expect(assigned).toHaveLength(9);
    expect(new Set(results.map((r) => r.session_id)).size).toBe(200);
    const overCapacity = await prisma.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM operators o WHERE (SELECT count(*) FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active') > o.max_chats`;
    expect(overCapacity).toEqual([]);
    expect(await prisma.chatSession.count({ where: { operatorId: shared.id, status: "active" } })).toBe(3);
    // Each assignment the callers were told about is the one stored, and went to a member of the session's team.
    for (const r of assigned) {
      const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: r.session_id }, select: { operatorId: true, status: true, team: { select: { slug: true } } } });
      expect(session).toMatchObject({ operatorId: r.operator!.id, status: "active", team: { slug: r.team } });
    }

    for (const slug of SLUGS) {
      const queued = results.filter((r) => r.type === "queue" && r.team === slug);
      const n = queued.length;
      expect(n).toBeGreaterThan(0);
      expect(queued.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      const stored = await Promise.all(queued.map((r) => queuePosition(prisma, r.session_id)));
      expect(stored.sort((a, b) => a! - b!)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    expect(results.filter((r) => r.type === "queue")).toHaveLength(191);
  }, 120_000);

  it("shows the session's team and its per-team position through either instance", async () => {
    const head = await prisma.chatSession.findFirstOrThrow({ where: { status: "queued", team: { slug: "tech" } }, orderBy: [{ queuedAt: "asc" }, { id: "asc" }] });
    const admin = { authorization: `Bearer ${process.env.ADMIN_API_KEY}` };
    const view = await (await fetch(`${servers[1].url}/api/chat/sessions/${head.id}`, { headers: admin })).json();
    expect(view.data).toMatchObject({ status: "queued", position: 1, team: { slug: "tech", name: "tech" } });
  });
});
