// Issue 9, finding 4, through the real web server (scripts/web-server.mjs in front of `next start`'s build): the
// per-address limits key on the socket, and on X-Forwarded-For only across the proxies TRUSTED_PROXIES names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/test/app-server";
import { createOperator, uniqueUserId } from "@/test/fixtures";

let direct: AppServer;
let behindProxy: AppServer;

beforeAll(async () => {
  const env = { DATABASE_URL: process.env.DATABASE_URL!, ADMIN_API_KEY: process.env.ADMIN_API_KEY!, AUTH_SECRET: process.env.AUTH_SECRET!, RATE_LIMIT_IP_PER_MINUTE: "3" };
  [direct, behindProxy] = await Promise.all([startAppServer(env), startAppServer({ ...env, TRUSTED_PROXIES: "loopback" })]);
  await createOperator({ maxChats: 100 });
}, 120_000);

afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop()]);
});

async function escalations(server: AppServer, headersFor: (i: number) => Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${server.url}/api/chat/request-operator`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headersFor(i) },
      body: JSON.stringify({ user_id: uniqueUserId("addr"), question: "?" }),
    });
    statuses.push(response.status);
  }
  return statuses;
}

describe("the client's address on a real server", () => {
  it("no trusted proxy: rotating X-Forwarded-For or forging the peer stamp does not escape the per-address limit", async () => {
    const rotated = await escalations(direct, (i) => ({ "x-forwarded-for": `203.0.113.${i + 1}`, "x-sportello-peer": `forged 198.51.100.${i}` }));
    expect(rotated.slice(0, 3)).toEqual([200, 200, 200]);
    expect(rotated.slice(3)).toEqual([429, 429]);
  });

  it("behind a trusted proxy: each forwarded client has its own budget, and one client is still limited", async () => {
    expect(await escalations(behindProxy, (i) => ({ "x-forwarded-for": `203.0.113.${i + 10}` }))).toEqual([200, 200, 200, 200, 200]);
    const same = await escalations(behindProxy, () => ({ "x-forwarded-for": "6.6.6.6, 203.0.113.99" }));
    expect(same.slice(3)).toEqual([429, 429]);
  });
});
