// A local stand-in for a browser vendor's push service (FCM, Mozilla autopush): 127.0.0.1, a free port, every push
// recorded with its raw (encrypted) body; the device's keys decrypt it as the browser would (RFC 8291, aes128gcm).
import { createECDH, randomBytes, type ECDH } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import ece from "http_ece";

export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A device's keys, as a browser's PushSubscription holds them. */
export interface TestDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  decrypt(push: ReceivedPush): unknown;
}

export class PushServiceDouble {
  readonly received: ReceivedPush[] = [];
  /** Paths answered 410 Gone (an unsubscribed device). */
  readonly gone = new Set<string>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<PushServiceDouble> {
    const holder: { double?: PushServiceDouble } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const push = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks) };
        holder.double!.received.push(push);
        res.writeHead(holder.double!.gone.has(push.path) ? 410 : 201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    holder.double = new PushServiceDouble(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.double;
  }

  /** A new device subscribed at this push service. */
  device(name = randomBytes(6).toString("hex")): TestDevice {
    const ecdh: ECDH = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16).toString("base64url");
    return {
      endpoint: `${this.url}/push/${name}`,
      keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth },
      decrypt: (push) => JSON.parse(ece.decrypt(push.body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth }).toString("utf8")),
    };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
