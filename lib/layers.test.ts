import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layering rule of docs/architecture.md: dependencies between lib/ folders go one way (use cases → domain core →
// infrastructure), so no two folders import each other. Computed from the static imports ("import … from", "export …
// from", type-only ones included) of every non-test file; a pair that must stay two-way is named below with the
// reason, and the test fails when a listed pair no longer exists, so the list cannot go stale.
const ALLOWED_TWO_WAY: Record<string, string> = {};

const root = path.resolve(__dirname);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+["']@\/lib\/([^/"']+)\//g;
const SIDE_EFFECT_IMPORT = /(?:^|\n)\s*import\s+["']@\/lib\/([^/"']+)\//g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** folder → folder → the files of the first folder that import the second. */
export function folderImports(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(root)) {
    const relative = path.relative(root, file);
    if (!relative.includes(path.sep)) continue; // lib/env.ts and lib/job-definitions.ts: single modules, not folders
    const from = relative.split(path.sep)[0];
    const source = readFileSync(file, "utf8");
    for (const match of [...source.matchAll(IMPORT), ...source.matchAll(SIDE_EFFECT_IMPORT)]) {
      const to = match[1];
      if (to === from) continue;
      const targets = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, targets);
      targets.set(to, [...(targets.get(to) ?? []), `lib/${relative}`]);
    }
  }
  return graph;
}

function twoWayPairs(graph: Map<string, Map<string, string[]>>): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const [a, targets] of graph) {
    for (const [b, files] of targets) {
      const back = graph.get(b)?.get(a);
      if (a < b && back) pairs.set(`${a}|${b}`, `${a} → ${b} (${[...new Set(files)].join(", ")}); ${b} → ${a} (${[...new Set(back)].join(", ")})`);
    }
  }
  return pairs;
}

describe("lib/ layering", () => {
  const pairs = twoWayPairs(folderImports());

  it("has no two lib/ folders importing each other, except the justified ones", () => {
    const unexpected = [...pairs].filter(([pair]) => !(pair in ALLOWED_TWO_WAY)).map(([, detail]) => detail);
    expect(unexpected).toEqual([]);
  });

  it("lists only two-way pairs that still exist", () => {
    expect(Object.keys(ALLOWED_TWO_WAY).filter((pair) => !pairs.has(pair))).toEqual([]);
  });

  it("sees the imports it is checking (the graph is not empty)", () => {
    expect(folderImports().get("chat")?.get("conversations")?.length).toBeGreaterThan(0);
  });
});

describe("app/ reaches the database only through lib/", () => {
  it("imports neither the Prisma client nor the generated types outside tests", () => {
    const app = path.resolve(root, "..", "app");
    const offenders = sourceFiles(app)
      .filter((file) => /from\s+["'](?:@\/lib\/db\/|@prisma\/)/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(path.resolve(root, ".."), file));
    expect(offenders).toEqual([]);
  });
});
