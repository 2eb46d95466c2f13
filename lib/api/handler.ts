import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { ApiError, errorBody, fromPrismaError } from "@/lib/api/errors";
import { parseBody, readBodyText } from "@/lib/api/read-body";
import { getPrincipal, isSupervisor, type Principal } from "@/lib/auth/principal";
import { logger } from "@/lib/log/logger";
import { appUrl } from "@/lib/env";
import { SESSION_KEY_HEADER } from "@/lib/auth/customer-key";
import { clientIp } from "@/lib/net/request-address";

export type AuthRequirement = "public" | "operator" | "supervisor" | "admin";

type Infer<S> = S extends ZodType ? z.infer<S> : undefined;

export interface HandlerContext<B, Q, P> {
  request: NextRequest;
  body: B;
  query: Q;
  params: P;
  principal: Principal | null;
  requestId: string;
  /** The client's address: the socket's, or what the proxies in TRUSTED_PROXIES say (never a bare client header). */
  ip: string;
  /** A customer's key to a chat session (`X-Session-Key`), unverified until a use case checks it. */
  customerKey: string | null;
  /** The raw body text, for signature checks (Twilio). */
  rawBody: string;
}

interface RouteOptions<BS, QS, PS> {
  auth?: AuthRequirement;
  body?: BS;
  query?: QS;
  params?: PS;
  /** The handler reads the body itself (a multipart upload, with its own cap): the 64 KB JSON read is skipped. */
  streamBody?: true;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

function validationError(error: z.ZodError, where: string): ApiError {
  return new ApiError("VALIDATION_ERROR", `Invalid ${where}`, {
    details: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  });
}

/**
 * A signed-in operator's cookie rides along on any request the browser makes. A write that carries it must come
 * from Sportello's own pages: a cross-site Origin is refused (SameSite=Lax already keeps the cookie off most
 * cross-site requests; this also covers same-site neighbours and older browsers).
 */
function requireSameOriginForCookieWrites(request: NextRequest, principal: Principal | null): void {
  if (principal?.kind !== "operator" || request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (!origin) return;
  if (origin === new URL(request.url).origin || origin === new URL(appUrl()).origin) return;
  throw new ApiError("FORBIDDEN", "Cross-site request refused: operator actions come from Sportello's own pages");
}

function requireAuth(requirement: AuthRequirement, principal: Principal | null): void {
  if (requirement === "public") return;
  if (!principal) {
    throw new ApiError(
      "UNAUTHORIZED",
      requirement === "admin"
        ? "Authentication required: send an admin API key as `Authorization: Bearer <key>` (create one in the admin panel under API keys, /admin/api-keys, or set ADMIN_API_KEY), or sign in as an admin"
        : "Authentication required: sign in as an operator, or send an admin API key as `Authorization: Bearer <key>` (admin panel → API keys, /admin/api-keys)",
    );
  }
  if (requirement === "admin" && principal.role !== "admin") throw new ApiError("FORBIDDEN", "Admin role required");
  if (requirement === "supervisor" && !isSupervisor(principal)) throw new ApiError("FORBIDDEN", "Supervisor or admin role required");
  if (requirement === "operator" && principal.kind === "api_key" && principal.role !== "admin") {
    throw new ApiError("FORBIDDEN", "An operator session or admin key is required");
  }
}

/**
 * The one wrapper for route handlers: request id, auth, size-capped body reading, zod parsing of params, query and
 * body, error mapping to the one error shape, and one structured log line per request.
 * A handler returns a Response, or data that is sent as 200 JSON as it is.
 */
export function route<BS extends ZodType | undefined = undefined, QS extends ZodType | undefined = undefined, PS extends ZodType | undefined = undefined>(
  options: RouteOptions<BS, QS, PS>,
  handler: (ctx: HandlerContext<Infer<BS>, Infer<QS>, Infer<PS>>) => Promise<Response | object>,
) {
  return async (request: NextRequest, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    let response: Response;
    let principal: Principal | null = null;
    try {
      principal = await getPrincipal(request.headers);
      if (request.headers.get("authorization") && !principal) throw new ApiError("UNAUTHORIZED", "Invalid API key");
      requireAuth(options.auth ?? "public", principal);
      requireSameOriginForCookieWrites(request, principal);

      const rawParams = context?.params ? await context.params : {};
      const params = options.params ? options.params.safeParse(rawParams) : undefined;
      if (params && !params.success) throw new ApiError("NOT_FOUND", "Not found");

      const url = new URL(request.url);
      const query = options.query ? options.query.safeParse(Object.fromEntries(url.searchParams)) : undefined;
      if (query && !query.success) throw validationError(query.error, "query parameters");

      let rawBody = "";
      let body: { success: true; data: unknown } | { success: false; error: z.ZodError } | undefined;
      if (request.method !== "GET" && request.method !== "HEAD" && !options.streamBody) {
        rawBody = await readBodyText(request);
        if (options.body) body = options.body.safeParse(parseBody(rawBody, request.headers.get("content-type")));
      }
      if (body && !body.success) throw validationError(body.error, "request body");

      const result = await handler({
        request,
        body: body?.data as Infer<BS>,
        query: query?.data as Infer<QS>,
        params: params?.data as Infer<PS>,
        principal,
        requestId,
        ip: clientIp(request),
        customerKey: request.headers.get(SESSION_KEY_HEADER),
        rawBody,
      });
      response = result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      response = errorResponse(error, requestId, request);
    }
    response.headers.set("x-request-id", requestId);
    logger.info(
      {
        request_id: requestId,
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        duration_ms: Math.round(performance.now() - started),
        actor: principal ? `${principal.kind}:${principal.kind === "operator" ? principal.operatorId : principal.keyId}` : undefined,
      },
      "request",
    );
    return response;
  };
}

export function errorResponse(error: unknown, requestId: string, request?: Request): Response {
  const apiError = error instanceof ApiError ? error : fromPrismaError(error);
  if (apiError) {
    return NextResponse.json(errorBody(apiError.code, apiError.message, requestId, apiError.details), {
      status: apiError.status,
      headers: apiError.headers,
    });
  }
  logger.error(
    { request_id: requestId, path: request ? new URL(request.url).pathname : undefined, err: error },
    "unhandled error",
  );
  return NextResponse.json(errorBody("INTERNAL_ERROR", "Internal server error", requestId), { status: 500 });
}

/** `{"success":true,"data":...}` for resources. */
export function ok<T>(data: T, status = 200, headers?: HeadersInit): Response {
  return NextResponse.json({ success: true, data }, { status, headers });
}
