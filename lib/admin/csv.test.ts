import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/admin/csv";

describe("csvCell", () => {
  it.each([
    ["plain text", "hello", "hello"],
    ["a comma", "a,b", '"a,b"'],
    ["quotes", 'say "hi"', '"say ""hi"""'],
    ["a newline", "line1\nline2", '"line1\nline2"'],
    ["a formula", "=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["a plus formula", "+1+1", "'+1+1"],
    ["a minus formula", "-2+3", "'-2+3"],
    ["an @ formula", "@SUM(A1)", "'@SUM(A1)"],
    ["a tab-led formula", "\t=1", "'\t=1"],
    ["a number stays a number", -5, "-5"],
    ["null is empty", null, ""],
    ["a date is ISO", new Date("2026-11-25T10:00:00Z"), "2026-11-25T10:00:00.000Z"],
    ["an array joins with ;", ["vip", "billing"], "vip;billing"],
    ["accents are kept", "perché", "perché"],
  ])("%s", (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("ends rows with CRLF", () => {
    expect(csvRow([1, "a", null])).toBe("1,a,\r\n");
  });
});
