// Runs before every route: CORS for the API (origins from ALLOWED_ORIGINS) and who may frame which page.
import { NextResponse, type NextRequest } from "next/server";
import { allowedOrigins } from "@/lib/env";
import { errorBody } from "@/lib/api/errors";
import { allowedMethods } from "@/lib/api/route-methods";

const EMBEDDABLE = [/^\/chat(\/|$)/, /^\/admin\/customer-chat\.html$/, /^\/ticket\//];
const CORS_HEADERS = "content-type, authorization, idempotency-key, x-request-id, x-session-key";

function corsHeaders(origin: string): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": CORS_HEADERS,
    "Access-Control-Expose-Headers": "retry-after, x-request-id, idempotent-replayed",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}

function methodNotAllowed(request: NextRequest, allowed: string[]): NextResponse {
  const requestId = request.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
  return NextResponse.json(errorBody("METHOD_NOT_ALLOWED", `${request.method} is not supported here: use ${allowed.join(", ")}`, requestId), {
    status: 405,
    headers: { Allow: allowed.join(", "), "x-request-id": requestId },
  });
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const origin = request.headers.get("origin");
  const allowed = allowedOrigins();

  if (pathname.startsWith("/webhooks/")) {
    // The guide's webhook URLs are rewrites to /api/webhooks/*: the same 405 rule.
    const methods = allowedMethods(`/api${pathname}`);
    if (methods && !methods.includes(request.method)) return methodNotAllowed(request, methods);
  }

  if (pathname.startsWith("/api/")) {
    const crossOrigin = origin && origin !== request.nextUrl.origin;
    const permitted = crossOrigin && allowed.includes(origin);
    if (request.method === "OPTIONS" && crossOrigin) {
      return permitted ? new NextResponse(null, { status: 204, headers: corsHeaders(origin) }) : new NextResponse(null, { status: 403 });
    }
    // A route that exists but not for this method: 405 in the API's error shape, naming the methods it answers.
    const methods = request.method === "OPTIONS" ? null : allowedMethods(pathname);
    const response = methods && !methods.includes(request.method) ? methodNotAllowed(request, methods) : NextResponse.next();
    if (permitted) for (const [name, value] of Object.entries(corsHeaders(origin))) response.headers.set(name, value);
    return response;
  }

  const response = NextResponse.next();
  // The customer chat may be framed by the sites in ALLOWED_ORIGINS (the embed panel); nothing else may be framed.
  const ancestors = EMBEDDABLE.some((pattern) => pattern.test(pathname)) ? ["'self'", ...allowed].join(" ") : "'self'";
  response.headers.set("Content-Security-Policy", `frame-ancestors ${ancestors}`);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|embed.js).*)"],
};
