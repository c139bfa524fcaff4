import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSources, type SourceItem } from "../../src/ingest/sources/index.js";
import { warcFile } from "./warc-helper.js";

async function collect(paths: string[]): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const it of readSources(paths)) out.push(it);
  return out;
}

const dir = () => mkdtempSync(join(tmpdir(), "dz-src-"));

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Новини Тест</title>
<item><title>Перша новина</title><link>https://news.test/1</link><pubDate>Wed, 19 Jun 2024 08:30:00 GMT</pubDate>
<description><![CDATA[<p>Уряд ухвалив рішення про <b>бюджет</b>.</p>]]></description></item>
<item><title>Друга новина</title><link>https://news.test/2</link><content:encoded><![CDATA[<p>Міністр заявив про реформу &amp; зміни.</p>]]></content:encoded></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire Test</title>
<entry><title>Leaders sign pact</title><link rel="alternate" href="https://wire.test/a"/><updated>2024-06-19T09:00:00Z</updated>
<summary>The two leaders signed a partnership treaty on Wednesday.</summary></entry></feed>`;

describe("ingest sources", () => {
  it("walks folders recursively and reads text, HTML, JSON lines and JSON files", async () => {
    const d = dir();
    mkdirSync(join(d, "sub", "deeper"), { recursive: true });
    writeFileSync(join(d, "a.txt"), "Короткий текст новини.");
    writeFileSync(join(d, "sub", "b.html"), "<html><body><p>HTML новина</p></body></html>");
    writeFileSync(
      join(d, "sub", "deeper", "c.jsonl"),
      '{"text":"Перший рядок","published":"2024-06-19","publisher":"УНН"}\n\nnot json\n{"html":"<p>Другий</p>","url":"https://u.test/2"}\n{"title":"no body"}\n',
    );
    writeFileSync(join(d, "d.json"), JSON.stringify({ text: "Текст з JSON", lang: "uk", publisher: "Укрінформ" }));
    writeFileSync(join(d, ".hidden.txt"), "skip me");
    const items = await collect([d]);
    const ok = items.filter((i) => i.raw);
    const bad = items.filter((i) => i.error);
    expect(ok).toHaveLength(5);
    expect(bad.map((b) => b.error)).toEqual(["not valid JSON", 'no "text" or "html" field']);
    expect(bad[0].error && (bad[0] as { origin: string }).origin).toMatch(/c\.jsonl:3$/);
    const jl = ok.find((i) => i.raw!.content === "Перший рядок")!.raw!;
    expect(jl.publisher).toBe("УНН");
    expect(jl.published).toBe("2024-06-19");
    expect(jl.kind).toBe("text");
    expect(ok.find((i) => i.raw!.content === "<p>Другий</p>")!.raw!.kind).toBe("html");
    expect(ok.find((i) => i.raw!.origin!.endsWith("d.json"))!.raw!.publisher).toBe("Укрінформ");
    expect(ok.every((i) => /^[0-9a-f]{64}$/.test(i.raw!.sha256))).toBe(true);
  });

  it("reads RSS and Atom items with link, date, title and the feed title as publisher", async () => {
    const d = dir();
    writeFileSync(join(d, "feed.rss"), RSS);
    writeFileSync(join(d, "wire.xml"), ATOM);
    const items = await collect([join(d, "feed.rss"), join(d, "wire.xml")]);
    expect(items.every((i) => i.raw)).toBe(true);
    const [a, b, c] = items.map((i) => i.raw!);
    expect(a).toMatchObject({ url: "https://news.test/1", title: "Перша новина", publisher: "Новини Тест", kind: "html" });
    expect(a.published).toBe("2024-06-19T08:30:00.000Z");
    expect(b).toMatchObject({ kind: "html", url: "https://news.test/2" });
    expect(b.content).toContain("Міністр заявив про реформу");
    expect(c).toMatchObject({ url: "https://wire.test/a", publisher: "Wire Test", published: "2024-06-19T09:00:00Z", kind: "text" });
  });

  it("reports a broken feed as an error and goes on with the next file", async () => {
    const d = dir();
    writeFileSync(join(d, "a-broken.rss"), RSS.slice(0, RSS.length - 40));
    writeFileSync(join(d, "b.txt"), "Текст після зламаної стрічки.");
    const items = await collect([d]);
    expect(items[0].error).toMatch(/broken feed XML/);
    expect(items[1].raw?.origin).toMatch(/b\.txt$/);
  });

  it("skips a file that is not text with a clear error", async () => {
    const d = dir();
    writeFileSync(join(d, "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    const items = await collect([d]);
    expect(items).toHaveLength(1);
    expect(items[0].error).toMatch(/not text/);
  });

  it("reads HTML responses from a .warc.gz and keeps their URLs", async () => {
    const d = dir();
    writeFileSync(
      join(d, "crawl.warc.gz"),
      await warcFile([
        ["https://x.test/a", "<html><body><p>Перша стаття про договір.</p></body></html>"],
        ["https://x.test/b", "<html><body><p>Друга стаття.</p></body></html>"],
      ]),
    );
    const items = await collect([d]);
    expect(items.map((i) => i.raw?.url)).toEqual(["https://x.test/a", "https://x.test/b"]);
    expect(new TextDecoder().decode(items[0].raw!.content as Uint8Array)).toContain("договір");
  });

  it("keeps what precedes a truncated gzip or a corrupt record in a WARC, then reports the error", async () => {
    const d = dir();
    // A first page larger than one read block (pseudo-random words, so gzip cannot shrink it below one).
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const big = Array.from({ length: 14000 }, () => rnd().toString(36)).join(" ");
    const page1 = `<html><body><p>Перша стаття. ${big}</p></body></html>`;
    const whole = await warcFile([
      ["https://x.test/a", page1],
      ["https://x.test/b", `<html><body><p>Друга стаття, яку обріжемо посередині. ${big}</p></body></html>`],
    ]);
    const first = (await warcFile([["https://x.test/a", page1]])).length;
    expect(first).toBeGreaterThan(40 * 1024);
    // Damage well inside the second record (a read block past the first one).
    writeFileSync(join(d, "trunc.warc.gz"), whole.subarray(0, first + 20000));
    const corrupt = Buffer.from(whole);
    corrupt.fill(0x41, first + 20000, first + 20100);
    writeFileSync(join(d, "corrupt.warc.gz"), corrupt);
    for (const f of ["trunc.warc.gz", "corrupt.warc.gz"]) {
      const items = await collect([join(d, f)]);
      expect(items[0].raw?.url).toBe("https://x.test/a");
      expect(items.at(-1)!.error).toMatch(/corrupt or truncated WARC/);
      expect(items.filter((i) => i.raw)).toHaveLength(1);
    }
  });

  it("reports a missing path instead of throwing", async () => {
    const items = await collect(["/nonexistent/dz-path"]);
    expect(items[0].error).toMatch(/ENOENT/);
  });
});
