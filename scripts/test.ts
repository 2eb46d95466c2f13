// npm test: the whole suite on a fresh clone. Builds the production app (API end-to-end and browser tests run
// against it), then unit + integration tests on a throwaway embedded PostgreSQL (vitest), then Playwright in
// Debian's Chromium. Prints one closing "N passed, N failed" line.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const bin = (name: string) => path.resolve("node_modules/.bin", name);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

function vitestTotals(file: string): Totals {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightTotals(file: string): Totals & { flaky: number } {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0, flaky: 0 };
  const report = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped, flaky: report.stats.flaky };
}

const env = { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };
const reports = path.resolve(".test-data/reports");
rmSync(reports, { recursive: true, force: true });

console.log("\n▶ building the production app (next build)");
const buildCode = await run(bin("next"), ["build"], { ...env, NODE_ENV: "production" });
if (buildCode !== 0) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

console.log("\n▶ unit, integration and API tests (vitest, real PostgreSQL)");
const vitestCode = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`], env);
const unit = vitestTotals(`${reports}/vitest.json`);

console.log("\n▶ browser tests (Playwright, Chromium)");
const playwrightCode = await run(bin("playwright"), ["test"], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` });
const browser = playwrightTotals(`${reports}/playwright.json`);

const passed = unit.passed + browser.passed;
const failed = unit.failed + browser.failed + (vitestCode !== 0 && unit.failed === 0 ? 1 : 0) + (playwrightCode !== 0 && browser.failed === 0 ? 1 : 0);
const skipped = unit.skipped + browser.skipped;
console.log(
  `\nvitest: ${unit.passed} passed, ${unit.failed} failed · playwright: ${browser.passed} passed, ${browser.failed} failed` +
    (browser.flaky ? ` (${browser.flaky} passed only on retry: flaky)` : ""),
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
