import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliIn } from "../corpus/helpers.js";
import { send, startServer, type TestServer } from "../fetch/server.js";

// The CLI runs in this process (the test server answers from this event loop; no start-up cost per command).
process.env.DZHERELO_WORKERS = "1";
process.env.DZHERELO_USER_AGENT = "DzhereloTest/1.0";
const cli = cliIn;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="uk"><head><meta charset="windows-1251"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;

describe("dzherelo analyze / ingest / follow with URLs", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "dz-follow-cli-"));
    const when = new Date(Date.now() - 3600_000).toUTCString();
    const { default: iconv } = await import("iconv-lite");
    server = await startServer({
      "/robots.txt": send("User-agent: *\nDisallow: /admin\n", { "content-type": "text/plain" }),
      "/rss.xml": send(
        `<rss><channel><title>Тестове видання</title>
          <item><title>a</title><link>/news/a?utm_source=rss</link><pubDate>${when}</pubDate></item>
          <item><title>b</title><link>/news/b</link><pubDate>${when}</pubDate></item>
          <item><title>c</title><link>/admin/c</link><pubDate>${when}</pubDate></item></channel></rss>`,
        { "content-type": "application/rss+xml" },
      ),
      // A windows-1251 page whose header claims UTF-8: decoded by its content.
      "/news/a": send(iconv.encode(page("Мер Києва заявив про нові укриття", "Мер Києва заявив, що в місті збудують двадцять нових укриттів до кінця року."), "windows-1251"), {
        "content-type": "text/html; charset=utf-8",
      }),
      "/news/b": send(page("Рада ухвалила закон про освіту", "Верховна Рада ухвалила закон про освіту в другому читанні, повідомили в парламенті."), {
        "content-type": "text/html; charset=utf-8",
      }),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("analyze URL fetches the page and analyses it", async () => {
    const r = await cli(["analyze", `${server.base}/news/a?utm_medium=x`, "--json"]);
    expect(r.stderr).toBe("");
    const a = JSON.parse(r.stdout);
    expect(a.title).toBe("Мер Києва заявив про нові укриття");
    expect(a.url).toBe(`${server.base}/news/a`);
    expect(a.text).toContain("двадцять нових укриттів");
    expect(server.requests.find((q) => q.path.startsWith("/news/a"))!.headers["user-agent"]).toBe("DzhereloTest/1.0");
  });

  it("analyze URL reports a page robots.txt forbids, without fetching it", async () => {
    const r = await cli(["analyze", `${server.base}/admin/c`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/robots\.txt .* disallows \/admin\/c/);
    expect(server.count("/admin/c")).toBe(0);
  });

  it("ingest FEED-URL stores the feed's articles", async () => {
    const db = join(dir, "ingest.db");
    const r = await cli(["ingest", `${server.base}/rss.xml`, "--db", db, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 2, failed: 1, corpus: { articles: 2 } });
    expect(r.stderr).toMatch(/admin\/c: .*robots/);
  });

  it("follow --once stores new articles, a second run fetches nothing new, --status reports health", async () => {
    const db = join(dir, "follow.db");
    const list = join(dir, "sources.txt");
    writeFileSync(list, `# outlets\n${server.base}/rss.xml\n`);
    const pagesBefore = server.requests.filter((q) => q.path.startsWith("/news/")).length;
    const first = await cli(["follow", list, "--once", "--db", db, "--rate", "20"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/rss\.xml: rss, 3 listed, 3 new: stored 2, duplicates 0, failed 1/);
    expect(server.requests.filter((q) => q.path.startsWith("/news/")).length).toBe(pagesBefore + 2);
    const second = await cli(["follow", list, "--once", "--db", db]);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(""); // not due yet: nothing polled, nothing fetched
    const status = await cli(["follow", list, "--status", "--json", "--db", db]);
    const h = JSON.parse(status.stdout.trim());
    expect(h).toMatchObject({ url: `${server.base}/rss.xml`, kind: "rss", errors: 0, articles: 2, articlesPerDay: 2 });
    expect(h.lastSuccess).toBeTruthy();
  });
});
