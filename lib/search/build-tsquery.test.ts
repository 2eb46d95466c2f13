import { describe, expect, it } from "vitest";
import { buildTsquery, renderSnippet, ticketNumberOf } from "@/lib/search/build-tsquery";

describe("buildTsquery", () => {
  it.each([
    ["fattura", "fattura:*"],
    ["Rimborso  fattu", "rimborso & fattu:*"],
    ["perché non", "perché & non:*"],
    ["a & b | !c", "a & b & c:*"],
    ["'); DROP TABLE x; --", "drop & table & x:*"],
    ["+39 333 123-4567", "393331234567:*"],
    ["mario.rossi@exa", "mario & rossi & exa:*"],
    ["   ", null],
    ["&&&", null],
    ["installazi", "(installazi:* | install:*)"],
    ["rimborso aggiornamen", "rimborso & (aggiornamen:* | aggiorna:*)"],
    ["fatturaz", "(fatturaz:* | fattu:*)"],
    ["12345678", "12345678:*"],
  ])("%j → %j", (input, expected) => {
    expect(buildTsquery(input)).toBe(expected);
  });

  it("keeps at most eight terms", () => {
    expect(buildTsquery("a b c d e f g h i j")).toBe("a & b & c & d & e & f & g & h:*");
  });
});

describe("ticketNumberOf", () => {
  it.each([
    ["1042", 1042],
    ["#1042", 1042],
    ["10 42", null],
    ["fattura", null],
  ])("%j → %j", (input, expected) => expect(ticketNumberOf(input)).toBe(expected));
});

describe("renderSnippet", () => {
  it("escapes the customer's text and adds only our marks", () => {
    expect(renderSnippet("<script>x</script> \u0002fattura\u0003 & co")).toBe("&lt;script&gt;x&lt;/script&gt; <mark>fattura</mark> &amp; co");
  });
});
