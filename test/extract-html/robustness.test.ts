import { describe, expect, it } from "vitest";
import { extractHtml } from "../../src/extract/html/index.js";
import { analyze, InputError } from "../../src/pipeline/analyze.js";

const para = (i: number) => `<p>Paragraph ${i} of the story, with enough words to count as prose for the extractor, and a full stop.</p>`;

describe("bad input never crashes the HTML extractor", () => {
  it("copes with unclosed and broken markup", () => {
    const html = `<html><body><div class="story"><h1>Broken page<p>First paragraph of a page whose tags never close, with text that reads like prose.<p>Second paragraph <b>bold <i>nested</b> wrongly</i> and more text after it.</div></span></td><p>Tail <a href="x">link`;
    const ex = extractHtml(html);
    expect(ex.text).toContain("First paragraph of a page whose tags never close");
    expect(ex.text).toContain("Second paragraph bold nested wrongly and more text after it.");
  });

  it("handles 100 000 nested elements without recursion", () => {
    const depth = 100_000;
    const html = "<html><body>" + "<div>".repeat(depth) + para(1) + para(2) + "</div>".repeat(depth) + "</body></html>";
    const ex = extractHtml(html);
    expect(ex.text).toContain("Paragraph 1 of the story");
    expect(ex.text).toContain("Paragraph 2 of the story");
  });

  it("handles 100 000 unclosed nested elements", () => {
    const html = "<body>" + "<span><div>".repeat(50_000) + para(1);
    const ex = extractHtml(html);
    expect(ex.text).toContain("Paragraph 1 of the story");
  });

  it("extracts a 20 MB page", () => {
    const parts: string[] = ["<html><body><nav>" + '<a href="/">Home</a>'.repeat(100) + "</nav><article><h1>Big page</h1>"];
    let size = 0;
    let i = 0;
    while (size < 20_000_000) {
      const p = para(i++);
      parts.push(p);
      size += p.length;
    }
    parts.push("</article></body></html>");
    const html = parts.join("");
    const ex = extractHtml(html);
    expect(ex.blocks.length).toBeGreaterThan(100_000);
    expect(ex.text).toContain(`Paragraph ${i - 1} of the story`);
    expect(ex.text).not.toContain("Home");
  }, 30_000);

  it("works on a fragment with no <html> and no <body>", () => {
    const ex = extractHtml(`<h1>Fragment</h1>${para(1)}${para(2)}`);
    expect(ex.blocks.map((b) => b.kind)).toEqual(["title", "paragraph", "paragraph"]);
  });

  it("warns on a frameset page instead of inventing text", () => {
    const ex = extractHtml(`<html><head><title>Frames</title></head><frameset cols="20%,80%"><frame src="menu.html"><frame src="story.html"></frameset></html>`);
    expect(ex.text).toBe("");
    expect(ex.warnings.join(" ")).toMatch(/frameset.*story\.html/);
  });

  it("returns an empty result with a warning for a PDF or an image given as HTML", () => {
    const pdf = extractHtml("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >>");
    expect(pdf.text).toBe("");
    expect(pdf.warnings[0]).toMatch(/PDF/);
    const png = extractHtml("\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR");
    expect(png.text).toBe("");
    expect(png.warnings[0]).toMatch(/PNG/);
  });

  it("gives an empty text with a warning for a page with no content", () => {
    const ex = extractHtml("<html><head><title>Nothing</title></head><body><script>var x = 1;</script></body></html>");
    expect(ex.text).toBe("");
    expect(ex.warnings.join(" ")).toMatch(/no article text/);
  });

  it("through analyze: binary bytes are refused with a clear error", () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01, 0x02, 0x00, 0x00]);
    expect(() => analyze({ bytes })).toThrow(InputError);
  });
});
