import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { analyze, InputError } from "../../src/pipeline/analyze.js";

describe("analyze on awkward input", () => {
  it("empty input gives an empty Article with a warning, not a crash", () => {
    const a = analyze({ bytes: new Uint8Array() });
    expect(a.text).toBe("");
    expect(a.blocks).toEqual([]);
    expect(a.sentences).toEqual([]);
    expect(a.warnings.join(" ")).toMatch(/no article text/);
  });

  it("binary junk is refused with an InputError", () => {
    const junk = new Uint8Array(2048);
    let x = 99;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    junk[10] = 0;
    expect(() => analyze({ bytes: junk })).toThrow(InputError);
  });

  it("a 50 MB input is refused with an InputError, not analysed for minutes", () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    for (let i = 100; i < big.length; i += 100) big[i] = 0x0a;
    expect(() => analyze({ bytes: big })).toThrow(InputError);
  });

  it("KOI8-U bytes go through the whole pipeline with the charset recorded", () => {
    const text = "Київ отримав нові системи ППО, повідомив міністр оборони. Їхні об'єкти ґрунтовно захищені.\n\nРеклама\n\nЄдність партнерів залишається ключовою.";
    const a = analyze({ bytes: iconv.encode(text, "koi8-u") });
    expect(a.input.charset).toBe("koi8-u");
    expect(a.lang).toBe("uk");
    expect(a.text).toBe(text.replace("\n\nРеклама", ""));
    expect(a.removed.map((r) => r.kind)).toEqual(["ad"]);
  });
});
