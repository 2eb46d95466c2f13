// One definition per API operation: method, path, auth, the zod schemas of params, query and body, the success
// response, and the rate limit and idempotency the wrapper applies. route() (lib/route/handler.ts) runs a handler by
// it and build-openapi documents it, so the two cannot drift. Plain data and zod: no server-only imports, so the
// docs generator and tests load every definition.
import type { z } from "zod";
import type { ErrorCode } from "@/lib/api/errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
/**
 * Who may call: anyone; a signed-in operator or an admin API key; a supervisor or admin; an admin (session or key);
 * a signed-in operator only (`operator-session`: for what belongs to a person, such as their own status or device);
 * or Twilio (`twilio-signature`: X-Twilio-Signature over the webhook's public URL and the form body).
 */
export type Auth = "public" | "operator" | "supervisor" | "admin" | "operator-session" | "twilio-signature";
/** Twilio's two webhooks, each signed over its own public URL: inbound messages and delivery status callbacks. */
export type TwilioWebhook = "inbound" | "status";
export type Examples = Record<string, { summary: string; value: unknown }>;
export type Named = { name: string; schema: z.ZodType };

/** What a successful response carries: `{success, data}` for resources, the value as is for flat answers. */
export type Payload =
  | ({ kind: "data"; list?: boolean } & Named)
  | ({ kind: "flat" } & Named)
  | { kind: "oneOf"; variants: Named[]; discriminator?: string; envelope: boolean };

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** The parsed request a rate-limit key or an idempotency scope is taken from. */
export interface EndpointInput<P, B> {
  params: Infer<P>;
  body: Infer<B>;
  /** The caller sent a valid API key or is signed in. */
  trusted: boolean;
  /** The caller's id for per-caller scopes: its API key, its operator id, or `ip:<address>` when anonymous. */
  who: string;
}

/**
 * `public-write`: escalations, tickets and the customer's public pages, per client IP and per `key` for anonymous
 * callers, per key for a chatbot's API key. `session-action`: anonymous chat actions, per client IP.
 */
export type RateLimit<P, B> =
  | { bucket: "public-write"; key?(input: EndpointInput<P, B>): string | undefined }
  | { bucket: "session-action" };

/** A Twilio-signed endpoint names the webhook whose public URL the signature covers. */
type AuthFields<A extends Auth> = A extends "twilio-signature" ? { auth: A; twilioWebhook: TwilioWebhook } : { auth: A; twilioWebhook?: undefined };

type EndpointCore<P, Q, B, A extends Auth = Auth> = AuthFields<A> & {
  method: HttpMethod;
  /** The route's path with `{param}` segments, e.g. /api/chat/sessions/{id}/claim. */
  path: string;
  params?: P;
  query?: Q;
  body?: B extends z.ZodType ? { name: string; schema: B; examples?: Examples } : undefined;
  /** The handler reads the body itself (a multipart upload, with its own cap): the 64 KB JSON read is skipped. */
  streamBody?: true;
  rateLimit?: RateLimit<P, B>;
  /** Accepts the Idempotency-Key header: a retry within `scope` gets the first response back. */
  idempotency?: { scope(input: EndpointInput<P, B>): string };
};

interface DocumentedFields {
  internal?: undefined;
  tag: string;
  summary: string;
  description?: string;
  success: { status: number; description: string; payload?: Payload; examples?: Examples };
  /** Besides those every endpoint of its kind can return (validation, auth, not found, rate limit, 500). */
  errors?: ErrorCode[];
  /** Other statuses that carry the success schema (e.g. 503 for health). */
  alsoReturns?: { status: number; description: string }[];
  /** Other paths documented with this operation that this route answers (a rewrite, or a route re-exporting it). */
  alsoAt?: { path: string; summary: string }[];
}

interface InternalFields {
  /** Why the operation is left out of the public contract (it serves Sportello's own pages or a provider). */
  internal: string;
}

export type EndpointDefinition<P = z.ZodType | undefined, Q = z.ZodType | undefined, B = z.ZodType | undefined, A extends Auth = Auth> = EndpointCore<P, Q, B, A> &
  (DocumentedFields | InternalFields);

export type ApiEndpoint = EndpointCore<z.ZodObject | undefined, z.ZodObject | undefined, z.ZodType> & (DocumentedFields | InternalFields);
export type DocumentedEndpoint = ApiEndpoint & DocumentedFields;

export function defineEndpoint<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends Auth = Auth,
>(endpoint: EndpointDefinition<P, Q, B, A>): EndpointDefinition<P, Q, B, A> {
  return endpoint;
}

export function isDocumented(endpoint: ApiEndpoint): endpoint is DocumentedEndpoint {
  return endpoint.internal === undefined;
}
