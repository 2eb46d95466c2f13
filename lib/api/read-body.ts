import "server-only";
import { ApiError } from "@/lib/api/errors";

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a request's or a response's body, refusing more than `limit` bytes (declared or actual) without buffering
 * the rest: the stream is cancelled as soon as it goes over.
 */
export async function readCapped(message: Request | Response, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const declared = Number(message.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  if (!message.body) return Buffer.alloc(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a request body as text, refusing more than `limit` bytes. */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readCapped(request, limit, () => tooLarge(limit))).toString("utf8");
}

function tooLarge(limit: number): ApiError {
  return new ApiError("PAYLOAD_TOO_LARGE", `Request body exceeds ${limit / 1024} KB`);
}

/** Parses a JSON or form body; a form body (Twilio webhooks, HTML forms) becomes an object of strings. */
export function parseBody(text: string, contentType: string | null): unknown {
  if (text.trim() === "") return {};
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("INVALID_JSON", "Request body is not valid JSON");
  }
}
