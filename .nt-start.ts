import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { findFreePort } from "@/scripts/lib/ports";
const h = await startEmbeddedPostgres({ dataDir: "/tmp/nt-pg/data", port: await findFreePort(), database: "scratch", persistent: false });
console.log("URL=" + h.url);
process.on("SIGTERM", async () => { await h.stop(); process.exit(0); });
setInterval(() => {}, 1000);
