import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes, prescanMetaCharset } from "../../src/ingest/decode.js";
import { looksLikeHtml } from "../../src/ingest/detect.js";

const UK =
  "Президент України заявив, що Київ отримає нові системи ППО. Їхні об'єкти ґрунтовно захищені, а єдність партнерів " +
  "залишається ключовою. Міністр оборони наголосив, що постачання триватиме й надалі.";
const RU =
  "Президент России заявил, что Москва не исключает военно-технического сотрудничества. Это объяснили экспертам, " +
  "которые ещё год назад предупреждали об этом.";
const DE = "Der Bürgermeister erklärte, dass die Brücke über den Fluß geschlossen wird. Die Straße bleibt für Fußgänger offen.";

describe("decodeBytes", () => {
  it("detects windows-1251 Ukrainian text (typographic apostrophe included)", () => {
    const typographic = UK.replace("об'єкти", "об’єкти");
    expect(decodeBytes(iconv.encode(typographic, "windows-1251")).text).toBe(typographic);
    const d = decodeBytes(iconv.encode(UK, "windows-1251"));
    expect(d.charset).toBe("windows-1251");
    expect(d.text).toBe(UK);
    expect(d.warnings.join(" ")).toMatch(/guessed/);
  });

  it("detects KOI8-U and decodes і ї є ґ right", () => {
    const d = decodeBytes(iconv.encode(UK, "koi8-u"));
    expect(d.charset).toBe("koi8-u");
    expect(d.text).toBe(UK);
    expect(d.text).toMatch(/Їхні/);
    expect(d.text).toMatch(/ґрунтовно/);
  });

  it("detects Russian in windows-1251 and KOI8", () => {
    expect(decodeBytes(iconv.encode(RU, "windows-1251")).text).toBe(RU);
    expect(decodeBytes(iconv.encode(RU, "koi8-r")).text).toBe(RU);
  });

  it("detects windows-1252 in English with a few accented words", () => {
    const en = "The mayor met the café owners and the naïve protesters on Monday, the council said in a statement.";
    expect(decodeBytes(iconv.encode(en, "windows-1252")).text).toBe(en);
  });

  it("detects windows-1252 Western text", () => {
    const d = decodeBytes(iconv.encode(DE, "windows-1252"));
    expect(d.charset).toBe("windows-1252");
    expect(d.text).toBe(DE);
  });

  it("decodes UTF-8 (with and without BOM) and UTF-16 with a BOM", () => {
    expect(decodeBytes(new TextEncoder().encode(UK))).toMatchObject({ text: UK, charset: "utf-8", bom: false, warnings: [] });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(UK)]);
    expect(decodeBytes(withBom)).toMatchObject({ text: UK, charset: "utf-8", bom: true });
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(UK, "utf16le")]);
    expect(decodeBytes(le)).toMatchObject({ text: UK, charset: "utf-16le", bom: true });
    const beBody = Buffer.from(UK, "utf16le").swap16();
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, ...beBody]))).toMatchObject({ text: UK, charset: "utf-16be", bom: true });
  });

  it("warns on invalid UTF-8 and never throws", () => {
    const good = new TextEncoder().encode(UK);
    const bad = new Uint8Array([...good.subarray(0, 40), 0xff, 0xc3, ...good.subarray(40)]);
    const d = decodeBytes(bad);
    expect(d.charset).toBe("utf-8");
    expect(d.warnings.join(" ")).toMatch(/invalid UTF-8 at byte 40/);
    expect(d.text).toContain("\ufffd");
    // a sequence cut at the very end
    const withCyrillicEnd = new TextEncoder().encode(UK + " Київ");
    const cut = decodeBytes(withCyrillicEnd.subarray(0, withCyrillicEnd.length - 1));
    expect(cut.warnings.length).toBe(1);
  });

  it("uses <meta charset> and http-equiv in HTML, and a declared charset", () => {
    const html = `<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>т</title></head><body><p>${UK}</p></body></html>`;
    const d = decodeBytes(iconv.encode(html, "windows-1251"));
    expect(d.charset).toBe("windows-1251");
    expect(d.warnings).toEqual([]);
    expect(d.text).toContain(UK);
    const html2 = `<html><head><meta charset="koi8-u"></head><body><p>${UK}</p></body></html>`;
    expect(decodeBytes(iconv.encode(html2, "koi8-u")).text).toContain(UK);
    expect(decodeBytes(iconv.encode(UK, "koi8-u"), { declared: "KOI8-U" })).toMatchObject({ text: UK, charset: "koi8-u" });
    expect(prescanMetaCharset(new TextEncoder().encode('<!-- <meta charset="x"> --><meta charset=utf-8>'))).toBe("utf-8");
  });

  it("a page that declares windows-1251 but is UTF-8 decodes as UTF-8, with a warning", () => {
    const html = `<html><head><meta charset="windows-1251"></head><body><p>${UK}</p></body></html>`;
    const d = decodeBytes(new TextEncoder().encode(html));
    expect(d.charset).toBe("utf-8");
    expect(d.text).toContain(UK);
    expect(d.warnings.length).toBe(1);
  });

  it("empty input and binary junk do not crash", () => {
    expect(decodeBytes(new Uint8Array())).toMatchObject({ text: "", charset: "utf-8" });
    const junk = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) & 0x7fffffff) >> 16;
    const d = decodeBytes(junk);
    expect(typeof d.text).toBe("string");
  });
});

describe("looksLikeHtml", () => {
  it("recognises HTML by content", () => {
    expect(looksLikeHtml("<!DOCTYPE html><html><body>x</body></html>")).toBe(true);
    expect(looksLikeHtml("  <div class=a><p>Текст</p><p>Ще</p></div>")).toBe(true);
    expect(looksLikeHtml("<p>Короткий фрагмент</p>")).toBe(true);
  });
  it("does not take plain text for HTML", () => {
    expect(looksLikeHtml(UK)).toBe(false);
    expect(looksLikeHtml("Тег <b> робить текст жирним, а 3 < 5 > 2.")).toBe(false);
    expect(looksLikeHtml("")).toBe(false);
  });
});
