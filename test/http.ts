// Calls route handlers in-process with real Request objects: the whole wrapper (auth, parsing, errors) runs.
import { NextRequest } from "next/server";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  ip?: string;
}

export const ADMIN_KEY = () => process.env.ADMIN_API_KEY!;

export async function call(handler: Handler, options: CallOptions = {}) {
  // The socket address, as scripts/web-server.mjs stamps it for the app (test/setup-db.ts sets the secret).
  const headers: Record<string, string> = { "x-sportello-peer": `${process.env.SPORTELLO_PEER_SECRET} ${options.ip ?? "203.0.113.10"}`, ...options.headers };
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new NextRequest(`http://localhost:3001${options.path ?? "/"}`, { method: options.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, json: json as any, text, bytes };
}

export const adminHeaders = () => ({ authorization: `Bearer ${ADMIN_KEY()}` });
