// A local stand-in for Resend's API (POST /emails), reached through the SDK's base URL (RESEND_BASE_URL).
import { randomUUID } from "node:crypto";
import { HttpDouble, sendJson, type RecordedRequest } from "./http-double";

export interface ResendEmail {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  /** As Resend receives them: base64 content, file name, type. */
  attachments?: { filename?: string; content?: string; content_type?: string }[];
}

/**
 * Behaves like Resend where Sportello relies on it: Bearer auth, and the Idempotency-Key: a key seen before gets the
 * first email's id back and nothing is sent again. `emails` is what was actually "sent".
 */
export class ResendDouble {
  readonly emails: ResendEmail[] = [];
  private readonly byKey = new Map<string, string>();

  private constructor(readonly http: HttpDouble, private readonly apiKey: string) {}

  static async start(apiKey: string): Promise<ResendDouble> {
    const self: { double?: ResendDouble } = {};
    const http = await HttpDouble.start((request, response) => {
      const result = self.double!.route(request);
      sendJson(response, result.status, result.body);
    });
    self.double = new ResendDouble(http, apiKey);
    return self.double;
  }

  get url(): string {
    return this.http.url;
  }

  /** Pretends an earlier attempt with this key got through (the sender crashed before recording it). */
  preload(idempotencyKey: string, email: Omit<ResendEmail, "id" | "idempotencyKey">): string {
    const id = randomUUID();
    this.byKey.set(idempotencyKey, id);
    this.emails.push({ id, idempotencyKey, ...email });
    return id;
  }

  private route(request: RecordedRequest): { status: number; body: unknown } {
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
      return { status: 401, body: { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." } };
    }
    if (request.method !== "POST" || request.path !== "/emails") {
      return { status: 404, body: { statusCode: 404, name: "not_found", message: "Route not found" } };
    }
    const key = (request.headers["idempotency-key"] as string | undefined) ?? null;
    if (key && this.byKey.has(key)) return { status: 200, body: { id: this.byKey.get(key) } };
    const payload = JSON.parse(request.body) as { from: string; to: string | string[]; subject: string; text?: string; html?: string; attachments?: ResendEmail["attachments"] };
    const id = randomUUID();
    if (key) this.byKey.set(key, id);
    this.emails.push({ id, idempotencyKey: key, from: payload.from, to: [payload.to].flat(), subject: payload.subject, text: payload.text, html: payload.html, attachments: payload.attachments });
    return { status: 200, body: { id } };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
