import { describe, expect, it } from "vitest";
import { composeMaps, compactMap, spanToSource, TextBuilder, toSource } from "../../src/text/offsets.js";
import { normalizeString, normalizeText } from "../../src/text/normalize.js";

/** Maps every offset of `text` through `map` by brute force from the anchors' definition (reference). */
function refToSource(map: number[], offset: number): number {
  let best = 0;
  for (let i = 0; i < map.length; i += 2) if (map[i] <= offset) best = i;
  return map[best + 1] + (offset - map[best]);
}

describe("TextBuilder and toSource", () => {
  it("maps copied pieces back to where they came from", () => {
    const src = "abc [ad] def\nghi";
    const b = new TextBuilder();
    b.copy(src, 0, 3);
    b.insert(" ");
    b.copy(src, 9, 12);
    b.insert("\n\n");
    b.copy(src, 13, 16);
    const { text, map } = b.finish();
    expect(text).toBe("abc def\n\nghi");
    for (const [s, e] of [
      [0, 3],
      [4, 7],
      [9, 12],
    ]) {
      const span = spanToSource(map, s, e);
      expect(src.slice(span.start, span.end)).toBe(text.slice(s, e));
    }
  });

  it("an end offset on a run boundary maps to the end of the run before it, not past removed text", () => {
    const src = "one REMOVED two";
    const b = new TextBuilder();
    b.copy(src, 0, 3);
    b.copy(src, 12, 15);
    const { text, map } = b.finish();
    expect(text).toBe("onetwo");
    expect(toSource(map, 3, true)).toBe(3);
    expect(toSource(map, 3)).toBe(12);
  });

  it("compacts contiguous runs into one anchor", () => {
    expect(compactMap([0, 0, 5, 5, 10, 10])).toEqual([0, 0]);
    expect(compactMap([])).toEqual([0, 0]);
  });
});

describe("composeMaps", () => {
  it("equals mapping through both maps, for random builders", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 10; round++) {
      // inner: source A → text B by random copies and deletions
      const a = Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
      const ib = new TextBuilder();
      let p = 0;
      while (p < a.length) {
        const len = 1 + rnd(20);
        ib.copy(a, p, Math.min(a.length, p + len));
        p += len + rnd(5);
      }
      const inner = ib.finish();
      const ob = new TextBuilder();
      p = 0;
      while (p < inner.text.length) {
        const len = 1 + rnd(15);
        ob.copy(inner.text, p, Math.min(inner.text.length, p + len));
        p += len + rnd(4);
      }
      const outer = ob.finish();
      const composed = composeMaps(outer.map, inner.map);
      for (let c = 0; c < outer.text.length; c++) {
        const viaBoth = refToSource(inner.map, refToSource(outer.map, c));
        expect(toSource(composed, c)).toBe(viaBoth);
        expect(a[toSource(composed, c)]).toBe(outer.text[c]);
      }
    }
  });

  it("stays fast on large maps (linear, not quadratic)", () => {
    const inner: number[] = [];
    const outer: number[] = [];
    for (let i = 0; i < 200_000; i++) inner.push(i * 10, i * 12);
    for (let i = 0; i < 200_000; i++) outer.push(i * 9, i * 10);
    const c = composeMaps(outer, inner);
    expect(c.length).toBeGreaterThan(0);
    expect(toSource(c, 9 * 1000 + 3)).toBe(refToSource(inner, refToSource(outer, 9 * 1000 + 3)));
  });
});

describe("normalisation", () => {
  it("CRLF/CR → LF, odd spaces → space, invisible characters out, NFC, with offsets into the input", () => {
    const input = "Прем\u00adєр-міністр\u00a0заявив:\r\nце\u200b важливо.\rДалі\u2009текст. Киі\u0308в и\u0306";
    const { text, map } = normalizeText(input);
    expect(text).toBe("Прем" + "єр-міністр заявив:\nце важливо.\nДалі текст. Київ й");
    // every character of the clean text maps back to the same (or the normalised form of the) input character
    for (let i = 0; i < text.length; i++) {
      const j = toSource(map, i);
      const src = input[j];
      const expected = text[i] === " " ? /[ \u00a0\u2009]/ : text[i] === "\n" ? /[\r\n]/ : null;
      if (expected) expect(src).toMatch(expected);
      else expect(input.slice(j, j + 2).normalize("NFC").startsWith(text[i])).toBe(true);
    }
    const w = text.indexOf("Київ");
    const s = spanToSource(map, w, w + 4);
    expect(input.slice(s.start, s.end).normalize("NFC")).toBe("Київ");
  });

  it("keeps the author's quote marks, apostrophes and dashes", () => {
    const s = "«Так», – сказав він. „Ні“ — об’єкт, п'ять, \"лапки\"";
    expect(normalizeString(s)).toBe(s);
  });

  it("leaves clean text untouched and returns the same string", () => {
    const s = "Звичайний текст без нічого зайвого.\nДругий рядок.";
    expect(normalizeString(s)).toBe(s);
    expect(normalizeText(s).map).toEqual([0, 0]);
  });
});
