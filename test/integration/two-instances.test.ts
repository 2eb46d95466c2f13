// The escalation invariants across two real app processes sharing one database.
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

describe("two app instances, one database", () => {
  it("200 concurrent escalations against 10 free seats: exactly 10 assigned, 190 queued at 1..190", async () => {
    for (let i = 0; i < 5; i++) await createOperator({ maxChats: 2 });
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await fetch(`${servers[i % 2].url}/api/chat/request-operator`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${process.env.ADMIN_API_KEY}` },
          body: JSON.stringify({ user_id: uniqueUserId("multi"), question: "Serve aiuto", priority: "medium" }),
        });
        expect(response.status).toBe(200);
        return (await response.json()) as { type: string; session_id: string; position?: number };
      }),
    );
    expect(results.filter((r) => r.type === "operator_assigned")).toHaveLength(10);
    const queued = results.filter((r) => r.type === "queue");
    expect(queued).toHaveLength(190);
    expect(queued.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.session_id)).size).toBe(200);

    const overCapacity = await prisma.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM operators o WHERE (SELECT count(*) FROM chat_sessions s WHERE s.operator_id = o.id AND s.status = 'active') > o.max_chats`;
    expect(overCapacity).toEqual([]);
    const positions = await Promise.all(queued.map((r) => queuePosition(prisma, r.session_id)));
    expect(new Set(positions).size).toBe(190);
  }, 120_000);

  it("a seat freed on one instance goes to the head of the queue seen by the other", async () => {
    const active = await prisma.chatSession.findFirstOrThrow({ where: { status: "active" } });
    const head = await prisma.chatSession.findFirstOrThrow({ where: { status: "queued" }, orderBy: [{ priority: "desc" }, { queuedAt: "asc" }, { id: "asc" }] });
    const admin = { authorization: `Bearer ${process.env.ADMIN_API_KEY}` };
    const closed = await fetch(`${servers[0].url}/api/chat/sessions/${active.id}/close`, { method: "POST", headers: { "content-type": "application/json", ...admin }, body: "{}" });
    expect(closed.status).toBe(200);
    const view = await (await fetch(`${servers[1].url}/api/chat/sessions/${head.id}`, { headers: admin })).json();
    expect(view.data.status).toBe("active");
    expect(view.data.operator.id).toBe(active.operatorId);
  });
});
