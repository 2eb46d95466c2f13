// The bundled realtime server in a process of its own, as `npm start` runs it beside the web server: a benchmark's
// clients then do not share an event loop with the server they measure. Started with fork(); the parent sends the
// options, gets {port} back, and sends "stop" to close it.
import { startLocalPusherServer, type LocalPusherServer, type LocalPusherServerOptions } from "@/lib/realtime/local-server/server";

let server: LocalPusherServer | undefined;

process.on("message", (message: { start?: LocalPusherServerOptions; stop?: true }) => {
  if (message.start) {
    startLocalPusherServer(message.start)
      .then((started) => {
        server = started;
        process.send?.({ port: started.port });
      })
      .catch((error: unknown) => {
        process.send?.({ error: String(error) });
        process.exit(1);
      });
  }
  if (message.stop) {
    void (server?.close() ?? Promise.resolve()).then(() => process.exit(0));
  }
});
