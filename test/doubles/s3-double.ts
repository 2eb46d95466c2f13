// A local stand-in for an S3-compatible bucket, reached through the AWS SDK's `endpoint` with path-style URLs
// (S3_ENDPOINT + S3_FORCE_PATH_STYLE): PutObject, GetObject, HeadObject and DeleteObject on /{bucket}/{key}.
import { HttpDouble, type RecordedRequest } from "./http-double";

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * Behaves like S3 where Sportello relies on it: requests must be SigV4-signed with the configured access key (the
 * signature itself is not recomputed), objects live per bucket and key, a missing key is 404 NoSuchKey, DELETE of a
 * missing key is 204 as on S3. `objects` is the bucket's content ("bucket/key" → object).
 */
export class S3Double {
  readonly objects = new Map<string, StoredObject>();

  private constructor(readonly http: HttpDouble, private readonly accessKeyId: string) {}

  static async start(accessKeyId: string): Promise<S3Double> {
    const self: { double?: S3Double } = {};
    const http = await HttpDouble.start((request, response) => {
      const result = self.double!.route(request);
      response.writeHead(result.status, result.headers ?? {});
      response.end(request.method === "HEAD" ? undefined : result.body);
    });
    self.double = new S3Double(http, accessKeyId);
    return self.double;
  }

  get url(): string {
    return this.http.url;
  }

  private route(request: RecordedRequest): { status: number; headers?: Record<string, string>; body?: Buffer | string } {
    const authorization = String(request.headers.authorization ?? "");
    if (!authorization.startsWith(`AWS4-HMAC-SHA256 Credential=${this.accessKeyId}/`)) {
      return { status: 403, headers: { "Content-Type": "application/xml" }, body: xmlError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.") };
    }
    const path = decodeURIComponent(new URL(request.path, "http://s3.local").pathname).replace(/^\//, "");
    const slash = path.indexOf("/");
    if (slash <= 0 || slash === path.length - 1) return { status: 400, headers: { "Content-Type": "application/xml" }, body: xmlError("InvalidRequest", "path-style /bucket/key expected") };
    const stored = this.objects.get(path);
    switch (request.method) {
      case "PUT":
        this.objects.set(path, { bytes: request.raw, contentType: String(request.headers["content-type"] ?? "binary/octet-stream") });
        return { status: 200, headers: { ETag: `"${request.raw.length}"` } };
      case "GET":
      case "HEAD":
        if (!stored) return { status: 404, headers: { "Content-Type": "application/xml" }, body: xmlError("NoSuchKey", "The specified key does not exist.") };
        return { status: 200, headers: { "Content-Type": stored.contentType, "Content-Length": String(stored.bytes.length) }, body: stored.bytes };
      case "DELETE":
        this.objects.delete(path);
        return { status: 204 };
      default:
        return { status: 405, headers: { "Content-Type": "application/xml" }, body: xmlError("MethodNotAllowed", "The specified method is not allowed against this resource.") };
    }
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
