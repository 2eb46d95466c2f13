import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/auth/safe-return-path";

describe("safeReturnPath", () => {
  const cases: [label: string, input: string | null | undefined, expected: string][] = [
    ["missing", undefined, "/operator"],
    ["null", null, "/operator"],
    ["empty", "", "/operator"],
    ["a plain path", "/admin", "/admin"],
    ["a path with query and hash", "/admin/tickets?status=open#top", "/admin/tickets?status=open#top"],
    ["an encoded query value", "/admin/tickets?q=a%2Fb", "/admin/tickets?q=a%2Fb"],
    ["a relative path", "admin", "/operator"],
    ["protocol-relative", "//evil.example", "/operator"],
    ["tab between slashes (finding 6)", "/\t/evil.example", "/operator"],
    ["newline (finding 6: used to be a 500)", "/\n/evil.example", "/operator"],
    ["carriage return", "/admin\r\nSet-Cookie: x=1", "/operator"],
    ["NUL", "/admin\u0000", "/operator"],
    ["DEL", "/admin\u007f", "/operator"],
    ["C1 control", "/admin\u0085", "/operator"],
    ["encoded tab", "/%09/evil.example", "/operator"],
    ["encoded newline", "/%0A/evil.example", "/operator"],
    ["backslash", "/\\evil.example", "/operator"],
    ["backslash later in the path", "/admin\\..\\\\evil.example", "/operator"],
    ["encoded backslash", "/%5Cevil.example", "/operator"],
    ["encoded slash", "/%2Fevil.example", "/operator"],
    ["http scheme", "http://evil.example/", "/operator"],
    ["https scheme", "https://evil.example/admin", "/operator"],
    ["javascript scheme", "javascript:alert(1)", "/operator"],
    ["data scheme", "data:text/html,<script>", "/operator"],
    ["malformed escape", "/%E0%A4%A", "/operator"],
    ["dot segments stay on this site", "/admin/../operator", "/operator"],
    ["too long", `/${"a".repeat(3000)}`, "/operator"],
  ];

  it.each(cases)("%s", (_label, input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it("uses the caller's fallback", () => {
    expect(safeReturnPath("//evil.example", "/admin")).toBe("/admin");
  });
});
