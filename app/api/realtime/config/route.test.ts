import { describe, expect, it, vi } from "vitest";

const SECRET = vi.hoisted(() => {
  process.env.PUSHER_APP_ID = "77";
  process.env.PUSHER_KEY = "browser-visible-key";
  process.env.PUSHER_SECRET = "server-only-s3cr3t-0123456789";
  process.env.PUSHER_HOST = "127.0.0.1";
  process.env.PUSHER_PORT = "6001";
  return process.env.PUSHER_SECRET;
});
import { NextRequest } from "next/server";
import { GET } from "@/app/api/realtime/config/route";
import { parseEnv } from "@/lib/env";
import { realtimeClientConfig } from "@/lib/realtime/client-config";

const creds = { PUSHER_APP_ID: "1", PUSHER_KEY: "public-key", PUSHER_SECRET: "very-secret-value" };

describe("realtimeClientConfig", () => {
  it("hosted Pusher: key and cluster, TLS", () => {
    expect(realtimeClientConfig(parseEnv({ ...creds, PUSHER_CLUSTER: "eu" }))).toEqual({
      enabled: true,
      key: "public-key",
      cluster: "eu",
      host: null,
      same_host: false,
      port: null,
      tls: true,
      auth_endpoint: "/api/realtime/auth",
    });
  });

  it("local server on loopback: the browser uses the page's host with the public port", () => {
    const config = realtimeClientConfig(parseEnv({ ...creds, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001", PUSHER_PUBLIC_PORT: "6001", PUSHER_USE_TLS: "false" }));
    expect(config).toMatchObject({ enabled: true, host: null, same_host: true, port: 6001, tls: null });
  });

  it("a public host behind a proxy", () => {
    const config = realtimeClientConfig(
      parseEnv({ ...creds, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001", PUSHER_PUBLIC_HOST: "ws.example.com", PUSHER_PUBLIC_PORT: "443", PUSHER_USE_TLS: "true" }),
    );
    expect(config).toMatchObject({ host: "ws.example.com", same_host: false, port: 443, tls: true });
  });

  it("disabled without credentials", () => {
    expect(realtimeClientConfig(parseEnv({}))).toMatchObject({ enabled: false, key: null });
  });
});

describe("GET /api/realtime/config", () => {
  it("gives the key and never the secret", async () => {
    const response = await GET(new NextRequest("http://localhost:3001/api/realtime/config"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ success: true, data: { enabled: true, key: "browser-visible-key", same_host: true, port: 6001 } });
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/secret/i);
  });
});
