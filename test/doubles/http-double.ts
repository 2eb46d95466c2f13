// A local HTTP stand-in for a third-party API: 127.0.0.1, a free port, every request recorded, failures scriptable.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes, for binary uploads. */
  raw: Buffer;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

export class HttpDouble {
  readonly requests: RecordedRequest[] = [];
  private readonly scripted: { match: (r: RecordedRequest) => boolean; response: ScriptedResponse }[] = [];
  private readonly gates: Promise<void>[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(route: Route): Promise<HttpDouble> {
    const self: { double?: HttpDouble } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        const request: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body: raw.toString("utf8"), raw };
        void self.double!.handle(request, res, route);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    self.double = new HttpDouble(server, `http://127.0.0.1:${port}`);
    return self.double;
  }

  private async handle(request: RecordedRequest, response: ServerResponse, route: Route): Promise<void> {
    this.requests.push(request);
    const gate = this.gates.shift();
    if (gate) await gate;
    const index = this.scripted.findIndex((s) => s.match(request));
    if (index >= 0) {
      const [{ response: scripted }] = this.scripted.splice(index, 1);
      sendJson(response, scripted.status, scripted.body ?? {}, scripted.headers);
      return;
    }
    try {
      await route(request, response);
    } catch (error) {
      sendJson(response, 500, { message: String(error) });
    }
  }

  /** The next `count` requests that `match` get this response instead of the normal one. */
  failNext(count: number, response: ScriptedResponse, match: (r: RecordedRequest) => boolean = () => true): void {
    for (let i = 0; i < count; i++) this.scripted.push({ match, response });
  }

  /** Forgets recorded requests and scripted responses (between tests). */
  reset(): void {
    this.requests.length = 0;
    this.scripted.length = 0;
    this.gates.length = 0;
  }

  /** Holds the next request until the returned function is called. */
  holdNext(): () => void {
    let release!: () => void;
    this.gates.push(new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
