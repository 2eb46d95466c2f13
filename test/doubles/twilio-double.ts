// A local stand-in for Twilio's REST API (Messages and Media), reached through TWILIO_API_BASE_URL.
import { randomBytes } from "node:crypto";
import { HttpDouble, sendJson, type RecordedRequest } from "./http-double";

export interface TwilioMessage {
  sid: string;
  from: string;
  to: string;
  body?: string;
  contentSid?: string;
  contentVariables?: Record<string, string>;
  statusCallback?: string;
}

export const twilioSid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

/** Messages.json with Basic auth, like Twilio: each accepted message gets an SM sid and status "queued". */
export class TwilioDouble {
  readonly messages: TwilioMessage[] = [];
  private readonly media = new Map<string, { contentType: string; bytes: Buffer }>();

  private constructor(readonly http: HttpDouble, private readonly accountSid: string, private readonly authToken: string) {}

  static async start(accountSid: string, authToken: string): Promise<TwilioDouble> {
    const self: { double?: TwilioDouble } = {};
    const http = await HttpDouble.start((request, response) => {
      const result = self.double!.route(request);
      if ("bytes" in result) {
        response.writeHead(200, { "Content-Type": result.contentType, "Content-Length": String(result.bytes.length) });
        response.end(result.bytes);
      } else if ("redirect" in result) {
        response.writeHead(307, { Location: result.redirect });
        response.end();
      } else sendJson(response, result.status, result.body);
    });
    self.double = new TwilioDouble(http, accountSid, authToken);
    return self.double;
  }

  get url(): string {
    return this.http.url;
  }

  /** Media of an inbound message: its Twilio URL path (under the API) and content. */
  addMedia(messageSid: string, contentType: string, bytes: Buffer): string {
    const mediaSid = twilioSid("ME");
    const path = `/2010-04-01/Accounts/${this.accountSid}/Messages/${messageSid}/Media/${mediaSid}`;
    this.media.set(mediaSid, { contentType, bytes });
    return path;
  }

  private route(request: RecordedRequest): { status: number; body: unknown } | { redirect: string } | { contentType: string; bytes: Buffer } {
    // The CDN Twilio redirects media to: no credentials, and none expected.
    const cdn = /^\/cdn\/(ME[0-9a-f]{32})$/.exec(request.path);
    if (cdn) {
      const item = this.media.get(cdn[1]);
      return item ?? { status: 404, body: {} };
    }
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString("base64")}`;
    if (request.headers.authorization !== expected) {
      return { status: 401, body: { code: 20003, message: "Authentication Error - invalid username", more_info: "https://www.twilio.com/docs/errors/20003", status: 401 } };
    }
    const media = /^\/2010-04-01\/Accounts\/[^/]+\/Messages\/[^/]+\/Media\/(ME[0-9a-f]{32})$/.exec(request.path);
    if (media && request.method === "GET") {
      return this.media.has(media[1]) ? { redirect: `/cdn/${media[1]}` } : { status: 404, body: { code: 20404, message: "Not found", status: 404 } };
    }
    if (media && request.method === "DELETE") {
      return this.media.delete(media[1]) ? { status: 204, body: null } : { status: 404, body: { code: 20404, message: "Not found", status: 404 } };
    }
    if (request.method === "POST" && request.path === `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) {
      const form = Object.fromEntries(new URLSearchParams(request.body));
      const message: TwilioMessage = {
        sid: twilioSid("SM"),
        from: form.From,
        to: form.To,
        body: form.Body,
        contentSid: form.ContentSid,
        contentVariables: form.ContentVariables ? (JSON.parse(form.ContentVariables) as Record<string, string>) : undefined,
        statusCallback: form.StatusCallback,
      };
      this.messages.push(message);
      return {
        status: 201,
        body: { sid: message.sid, account_sid: this.accountSid, from: message.from, to: message.to, body: message.body ?? "", status: "queued", num_segments: "1", direction: "outbound-api" },
      };
    }
    return { status: 404, body: { code: 20404, message: `The requested resource ${request.path} was not found`, status: 404 } };
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
