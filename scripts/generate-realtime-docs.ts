// npm run docs:realtime – rewrites the generated events section of docs/realtime.md from lib/realtime/events.ts.
// `--check` exits 1 when it is out of date instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withRealtimeEvents } from "@/lib/realtime/render-realtime-docs";

const target = path.resolve("docs/realtime.md");
const current = readFileSync(target, "utf8");
const next = withRealtimeEvents(current);
if (process.argv.includes("--check")) {
  if (current !== next) {
    console.error("docs/realtime.md is out of date: run `npm run docs:realtime`.");
    process.exit(1);
  }
  console.log("docs/realtime.md is up to date.");
} else {
  writeFileSync(target, next);
  console.log(`Wrote ${path.relative(process.cwd(), target)}.`);
}
