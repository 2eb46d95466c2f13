// /api/auth/* – better-auth: sign-in, sign-out, session, password reset (invites and first-admin setup links)
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { AUTH_CLIENT_IP_HEADER, clientIp } from "@/lib/net/request-address";

const handlers = toNextJsHandler(auth);

/** better-auth's rate limits key on the client's address: the one clientIp() resolves, never a client's header. */
function withClientIp(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.set(AUTH_CLIENT_IP_HEADER, clientIp(request));
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : request.body;
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal, ...(body ? { duplex: "half" } : {}) } as RequestInit);
}

export const GET = (request: Request) => handlers.GET(withClientIp(request));
export const POST = (request: Request) => handlers.POST(withClientIp(request));
