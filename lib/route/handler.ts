import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import type { ApiEndpoint, Auth, EndpointDefinition, EndpointInput, RateLimit } from "@/lib/api/endpoint";
import { ApiError, errorBody, fromPrismaError } from "@/lib/api/errors";
import { withIdempotency } from "@/lib/route/idempotency";
import { limitPublicWrite, limitSessionAction } from "@/lib/route/rate-limit";
import { parseBody, readBodyText } from "@/lib/api/read-body";
import { getPrincipal, isSupervisor, type OperatorPrincipal, type Principal } from "@/lib/auth/principal";
import { logger } from "@/lib/log/logger";
import { appUrl } from "@/lib/env";
import { SESSION_KEY_HEADER } from "@/lib/auth/customer-key";
import { clientIp } from "@/lib/net/request-address";
import { verifyTwilioSignature, type TwilioCaller } from "@/lib/whatsapp/verify-twilio-request";

type Infer<S> = S extends ZodType ? z.infer<S> : undefined;

/**
 * The caller an endpoint's auth lets through: a signed-in operator for `operator-session`, anyone for `public`,
 * Twilio with the parameters it signed for `twilio-signature`.
 */
export type Caller<A extends Auth> = A extends "operator-session"
  ? OperatorPrincipal
  : A extends "public"
    ? Principal | null
    : A extends "twilio-signature"
      ? TwilioCaller
      : Principal;

export interface HandlerContext<B, Q, P, A extends Auth = Auth> {
  request: NextRequest;
  body: B;
  query: Q;
  params: P;
  principal: Principal | null;
  /** The caller, narrowed by the endpoint's auth (checked before the handler runs). */
  caller: Caller<A>;
  requestId: string;
  /** The client's address: the socket's, or what the proxies in TRUSTED_PROXIES say (never a bare client header). */
  ip: string;
  /** A customer's key to a chat session (`X-Session-Key`), unverified until a use case checks it. */
  customerKey: string | null;
  /** The raw body text, as read (at most 64 KB). */
  rawBody: string;
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

function requireAuth(requirement: ApiEndpoint["auth"], principal: Principal | null): void {
  // A Twilio webhook is checked once its body is read (resolveCaller); an API key or a session proves nothing there.
  if (requirement === "public" || requirement === "twilio-signature") return;
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
  if (requirement === "operator-session" && principal.kind !== "operator") throw new ApiError("FORBIDDEN", "Sign in as an operator: an API key acts for no one");
}

/** The handler's caller: the principal, or for a Twilio webhook Twilio itself once the signature checks out. */
function resolveCaller(endpoint: ApiEndpoint, request: NextRequest, principal: Principal | null, rawBody: string): Principal | TwilioCaller | null {
  return endpoint.auth === "twilio-signature" ? verifyTwilioSignature(endpoint.twilioWebhook, request.headers, rawBody) : principal;
}

/** A route handler with the definition it was built from (lib/api/route-endpoints.test.ts checks they match). */
export type RouteHandler = ((request: NextRequest, context: RouteContext) => Promise<Response>) & { endpoint: ApiEndpoint };

/** The caller's id for per-caller scopes (idempotency): its API key, its operator id, or its address when anonymous. */
function callerId(principal: Principal | null, ip: string): string {
  if (!principal) return `ip:${ip}`;
  return principal.kind === "operator" ? principal.operatorId : principal.keyId;
}

async function applyRateLimit<P, B>(rateLimit: RateLimit<P, B> | undefined, principal: Principal | null, ip: string, input: EndpointInput<P, B>): Promise<void> {
  if (rateLimit?.bucket === "public-write") await limitPublicWrite(principal, ip, rateLimit.key?.(input));
  else if (rateLimit?.bucket === "session-action") await limitSessionAction(principal, ip);
}

/** What an idempotent request stores and replays: the status and the JSON body. */
async function storable(result: Response | object): Promise<{ status: number; body: object }> {
  return result instanceof Response ? { status: result.status, body: await result.json() } : { status: 200, body: result };
}

/**
 * The one wrapper for route handlers, run by the operation's definition (lib/openapi/<resource>/*): request id, auth,
 * size-capped body reading, zod parsing of params, query and body, the declared rate limit and idempotency, error
 * mapping to the one error shape, and one structured log line per request.
 * A handler returns a Response, or data that is sent as 200 JSON as it is.
 */
export function route<PS extends ZodType | undefined, QS extends ZodType | undefined, BS extends ZodType | undefined, A extends Auth>(
  endpoint: EndpointDefinition<PS, QS, BS, A>,
  handler: (ctx: HandlerContext<Infer<BS>, Infer<QS>, Infer<PS>, A>) => Promise<Response | object>,
): RouteHandler {
  const options = { ...endpoint, body: (endpoint as ApiEndpoint).body?.schema as BS };
  const run = async (request: NextRequest, context: RouteContext): Promise<Response> => {
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

      const query = options.query ? options.query.safeParse(Object.fromEntries(request.nextUrl.searchParams)) : undefined;
      if (query && !query.success) throw validationError(query.error, "query parameters");

      const readsBody = request.method !== "GET" && request.method !== "HEAD" && !options.streamBody;
      const rawBody = readsBody ? await readBodyText(request) : "";
      const caller = resolveCaller(endpoint as ApiEndpoint, request, principal, rawBody) as Caller<A>;
      const body = readsBody && options.body ? options.body.safeParse(parseBody(rawBody, request.headers.get("content-type"))) : undefined;
      if (body && !body.success) throw validationError(body.error, "request body");

      const ip = clientIp(request);
      const input = { params: params?.data, body: body?.data, trusted: principal !== null, who: callerId(principal, ip) } as EndpointInput<PS, BS>;
      await applyRateLimit(endpoint.rateLimit, principal, ip, input);
      const ctx = {
        request,
        body: body?.data as Infer<BS>,
        query: query?.data as Infer<QS>,
        params: params?.data as Infer<PS>,
        principal,
        caller,
        requestId,
        ip,
        customerKey: request.headers.get(SESSION_KEY_HEADER),
        rawBody,
      };
      const result = endpoint.idempotency
        ? await withIdempotency(request, endpoint.idempotency.scope(input), rawBody, async () => storable(await handler(ctx)))
        : await handler(ctx);
      // A plain Response: NextResponse.json builds the Response twice (and a cookie jar) for the same bytes.
      response = result instanceof Response ? result : Response.json(result);
    } catch (error) {
      response = errorResponse(error, requestId, request);
    }
    response.headers.set("x-request-id", requestId);
    // The line is built only when it is written (LOG_LEVEL info or lower).
    if (logger.isLevelEnabled("info")) logger.info(
      {
        request_id: requestId,
        method: request.method,
        path: request.nextUrl.pathname,
        status: response.status,
        duration_ms: Math.round(performance.now() - started),
        actor: principal ? `${principal.kind}:${principal.kind === "operator" ? principal.operatorId : principal.keyId}` : undefined,
      },
      "request",
    );
    return response;
  };
  return Object.assign(run, { endpoint: endpoint as ApiEndpoint });
}

/** Node's error for a request body the client stopped sending (its socket closed). */
function clientClosed(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: string }).code === "ECONNRESET" && error.message === "aborted";
}

export function errorResponse(error: unknown, requestId: string, request?: Request): Response {
  const apiError = error instanceof ApiError ? error : fromPrismaError(error);
  if (apiError) {
    return NextResponse.json(errorBody(apiError.code, apiError.message, requestId, apiError.details), {
      status: apiError.status,
      headers: apiError.headers,
    });
  }
  if (clientClosed(error)) {
    // The client went away mid-request (a page navigated, a tab closed): nobody reads this answer, and it is no fault.
    logger.info({ request_id: requestId, path: request ? new URL(request.url).pathname : undefined }, "client closed the request");
    return NextResponse.json(errorBody("VALIDATION_ERROR", "The request was closed before it was complete", requestId), { status: 400 });
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
