import { readFileSync } from "node:fs";
import { Script } from "node:vm";
import { gzipSync } from "node:zlib";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";

// Site owners paste embed.js into every page: it must stay tiny, dependency-free and
// parse in any browser that runs ES2017, with no build step to catch mistakes.
const source = readFileSync(new URL("../../public/embed.js", import.meta.url), "utf8");

describe("public/embed.js", () => {
  it("is at most 10 KB gzipped", () => {
    const gzipped = gzipSync(Buffer.from(source, "utf8"), { level: 9 }).byteLength;
    expect(gzipped).toBeLessThanOrEqual(10_240);
  });

  it("has no import, export or require", () => {
    const code = stripComments(source);
    expect(code).not.toMatch(/\bimport\s*[\s{("'*]/);
    expect(code).not.toMatch(/\bexport\s/);
    expect(code).not.toMatch(/\brequire\s*\(/);
  });

  it("is pure ASCII, so it survives host pages that are not UTF-8", () => {
    // Served without a charset, a classic script is decoded with the host page's encoding.
    expect(source).toMatch(/^[\x00-\x7F]*$/);
  });

  it("parses as a classic script", () => {
    expect(() => new Script(source, { filename: "embed.js" })).not.toThrow();
  });

  it("uses nothing newer than ES2017 (no ?., ??, object spread...)", () => {
    const messages = new Linter().verify(source, [
      { languageOptions: { ecmaVersion: 2017, sourceType: "script" }, rules: {} },
    ]);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });

  it("is a single IIFE so it leaks nothing but window.Sportello", () => {
    const code = stripComments(source).trim();
    expect(code.startsWith("(function () {")).toBe(true);
    expect(code.endsWith("})();")).toBe(true);
  });
});

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}
