import { brotliCompressSync, gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { decodeBody, FetchError, Fetcher, parseRetryAfter } from "../../src/fetch/client.js";
import { send, startServer, type TestServer } from "./server.js";

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A fetcher with test-sized limits: no waiting between requests unless a test asks for it. */
const fetcher = (o: ConstructorParameters<typeof Fetcher>[0] = {}) =>
  new Fetcher({ intervalMs: 0, backoffMs: 20, timeoutMs: 2000, ...o });

describe("fetching a page", () => {
  it("follows redirects and reports the final URL", async () => {
    server = await startServer({
      "/old": (_q, r) => (r.writeHead(301, { location: "/moved" }), r.end()),
      "/moved": (_q, r) => (r.writeHead(302, { location: "/page?x=1" }), r.end()),
      "/page?x=1": send("<p>here</p>"),
    });
    const res = await fetcher().fetch(`${server.base}/old`);
    expect(res.status).toBe(200);
    expect(res.finalUrl).toBe(`${server.base}/page?x=1`);
    expect(res.redirects).toHaveLength(2);
    expect(new TextDecoder().decode(res.bytes)).toBe("<p>here</p>");
  });

  it("gives up on a redirect loop", async () => {
    server = await startServer({ "/a": (_q, r) => (r.writeHead(302, { location: "/b" }), r.end()), "/b": (_q, r) => (r.writeHead(302, { location: "/a" }), r.end()) });
    await expect(fetcher({ maxRedirects: 4 }).fetch(`${server.base}/a`)).rejects.toMatchObject({ kind: "redirects" });
  });

  it("undoes gzip and brotli content encodings", async () => {
    const text = "Зеленський заявив, що переговори тривають. ".repeat(50);
    server = await startServer({
      "/gz": send(gzipSync(text), { "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip" }),
      "/br": send(brotliCompressSync(Buffer.from(text)), { "content-type": "text/plain; charset=utf-8", "content-encoding": "br" }),
    });
    const f = fetcher();
    expect(decodeBody(await f.fetch(`${server.base}/gz`)).text).toBe(text);
    expect(decodeBody(await f.fetch(`${server.base}/br`)).text).toBe(text);
    expect(server.requests[0].headers["accept-encoding"]).toMatch(/br/);
  });

  it("sends its User-Agent", async () => {
    server = await startServer({ "/": send("ok") });
    await fetcher({ userAgent: "TestBot/2.0 (+mailto:ops@example.org)" }).fetch(`${server.base}/`);
    expect(server.requests.find((r) => r.path === "/")!.headers["user-agent"]).toBe("TestBot/2.0 (+mailto:ops@example.org)");
  });
});

describe("conditional GET", () => {
  it("an unchanged resource costs a 304 with no body (ETag and Last-Modified)", async () => {
    const lm = "Tue, 24 Nov 2026 10:00:00 GMT";
    server = await startServer({
      "/feed": (q, r) => {
        if (q.headers["if-none-match"] === '"v1"' || q.headers["if-modified-since"] === lm) {
          r.writeHead(304);
          r.end();
        } else {
          r.writeHead(200, { etag: '"v1"', "last-modified": lm, "content-type": "application/rss+xml" });
          r.end("<rss/>");
        }
      },
    });
    const f = fetcher();
    const first = await f.fetch(`${server.base}/feed`);
    expect(first.etag).toBe('"v1"');
    const second = await f.fetch(`${server.base}/feed`, { etag: first.etag, lastModified: first.lastModified });
    expect(second.notModified).toBe(true);
    expect(second.bytes.length).toBe(0);
    const third = await f.fetch(`${server.base}/feed`, { lastModified: lm });
    expect(third.notModified).toBe(true);
  });
});

describe("retries", () => {
  it("retries 5xx with backoff and succeeds", async () => {
    server = await startServer({ "/flaky": (_q, r, n) => (n < 3 ? (r.writeHead(503), r.end()) : (r.writeHead(200), r.end("fine"))) });
    const res = await fetcher().fetch(`${server.base}/flaky`);
    expect(res.attempts).toBe(3);
    expect(server.count("/flaky")).toBe(3);
  });

  it("fails with the status after the last retry; 5xx is not permanent, 404 is and is not retried", async () => {
    server = await startServer({ "/down": send("no", {}, 500) });
    const err = await fetcher({ retries: 2 }).fetch(`${server.base}/down`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err).toMatchObject({ kind: "http", status: 500, permanent: false });
    expect(server.count("/down")).toBe(3);
    const gone = await fetcher().fetch(`${server.base}/missing`).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, permanent: true });
    expect(server.count("/missing")).toBe(1);
  });

  it("waits as long as Retry-After says before asking again", async () => {
    server = await startServer({
      "/busy": (_q, r, n) => (n === 1 ? (r.writeHead(429, { "retry-after": "1" }), r.end()) : (r.writeHead(200), r.end("ok"))),
    });
    const res = await fetcher().fetch(`${server.base}/busy`);
    expect(res.status).toBe(200);
    const [a, b] = server.requests.filter((r) => r.path === "/busy");
    expect(b.at - a.at).toBeGreaterThanOrEqual(950);
  });

  it("does not wait in place for a long Retry-After: fails saying when to come back", async () => {
    server = await startServer({ "/later": send("", { "retry-after": "3600" }, 503) });
    const err = await fetcher({ maxRetryAfterMs: 5000 }).fetch(`${server.base}/later`).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 503, retryAfterMs: 3600_000 });
    expect(server.count("/later")).toBe(1);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    const now = Date.parse("2026-11-25T10:00:00Z");
    expect(parseRetryAfter("Wed, 25 Nov 2026 10:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("limits", () => {
  it("times out a slow response", async () => {
    server = await startServer({ "/slow": (_q, r) => void setTimeout(() => (r.writeHead(200), r.end("late")), 3000) });
    const err = await fetcher({ timeoutMs: 200, retries: 0 }).fetch(`${server.base}/slow`).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "timeout", permanent: false });
  });

  it("times out a body that trickles", async () => {
    server = await startServer({
      "/trickle": (_q, r) => {
        r.writeHead(200, { "content-type": "text/plain" });
        const t = setInterval(() => r.write("."), 50);
        r.on("close", () => clearInterval(t));
      },
    });
    const err = await fetcher({ timeoutMs: 300, retries: 0 }).fetch(`${server.base}/trickle`).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "timeout" });
  });

  it("stops reading a 50 MB response at the size limit and closes the connection", async () => {
    let written = 0;
    server = await startServer({
      "/huge": (_q, r) => {
        r.writeHead(200, { "content-type": "text/html" });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const total = 50 * 1024 * 1024;
        const pump = () => {
          while (written < total && !r.destroyed) {
            written += chunk.length;
            if (!r.write(chunk)) return void r.once("drain", pump);
          }
          r.end();
        };
        pump();
      },
      "/declared": (_q, r) => {
        r.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
        r.write("x");
      },
    });
    const f = fetcher({ maxBytes: 1024 * 1024, retries: 0 });
    const err = await f.fetch(`${server.base}/huge`).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: "too-large", permanent: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(written).toBeLessThan(20 * 1024 * 1024);
    await expect(f.fetch(`${server.base}/declared`)).rejects.toMatchObject({ kind: "too-large" });
  });
});

describe("charset", () => {
  const uk = "<html><head><title>Новини</title></head><body><p>Прем'єр-міністр України заявив, що уряд підготував нові рішення щодо енергетики.</p></body></html>";

  it("decodes by the header's charset", async () => {
    server = await startServer({ "/cp": send(iconv.encode(uk, "windows-1251"), { "content-type": "text/html; charset=windows-1251" }) });
    const d = decodeBody(await fetcher().fetch(`${server.base}/cp`));
    expect(d.charset).toBe("windows-1251");
    expect(d.text).toBe(uk);
  });

  it("decides by content when the label is evidently wrong, both ways", async () => {
    server = await startServer({
      "/lies-utf8": send(iconv.encode(uk, "windows-1251"), { "content-type": "text/html; charset=utf-8" }),
      "/lies-1251": send(Buffer.from(uk, "utf8"), { "content-type": "text/html; charset=windows-1251" }),
    });
    const f = fetcher();
    const a = decodeBody(await f.fetch(`${server.base}/lies-utf8`));
    expect(a.charset).toBe("windows-1251");
    expect(a.text).toBe(uk);
    expect(a.warnings.join(" ")).toMatch(/does not match/);
    const b = decodeBody(await f.fetch(`${server.base}/lies-1251`));
    expect(b.charset).toBe("utf-8");
    expect(b.text).toBe(uk);
  });

  it("uses an XML prolog's encoding when the header has none", async () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Стрічка новин</title></channel></rss>`;
    server = await startServer({ "/rss": send(iconv.encode(xml, "windows-1251"), { "content-type": "application/xml" }) });
    expect(decodeBody(await fetcher().fetch(`${server.base}/rss`)).text).toContain("Стрічка новин");
  });
});

describe("politeness", () => {
  it("never fetches a path robots.txt forbids, and reads robots.txt once", async () => {
    server = await startServer({
      "/robots.txt": send("User-agent: *\nDisallow: /private/\n\nUser-agent: Dzherelo\nDisallow: /private/\nDisallow: /drafts\n", { "content-type": "text/plain" }),
      "/private/a": send("secret"),
      "/drafts/1": send("draft"),
      "/public": send("ok"),
    });
    const f = fetcher();
    await expect(f.fetch(`${server.base}/private/a`)).rejects.toMatchObject({ kind: "robots", permanent: true });
    await expect(f.fetch(`${server.base}/drafts/1`)).rejects.toMatchObject({ kind: "robots" });
    expect((await f.fetch(`${server.base}/public`)).status).toBe(200);
    expect(server.count("/private/a") + server.count("/drafts/1")).toBe(0);
    expect(server.count("/robots.txt")).toBe(1);
  });

  it("does not follow a redirect into a forbidden path", async () => {
    server = await startServer({
      "/robots.txt": send("User-agent: *\nDisallow: /private/\n", { "content-type": "text/plain" }),
      "/go": (_q, r) => (r.writeHead(302, { location: "/private/x" }), r.end()),
      "/private/x": send("secret"),
    });
    await expect(fetcher().fetch(`${server.base}/go`)).rejects.toMatchObject({ kind: "robots" });
    expect(server.count("/private/x")).toBe(0);
  });

  it("follows a redirect to robots.txt (http → https, another path)", async () => {
    server = await startServer({
      "/robots.txt": (_q, r) => (r.writeHead(301, { location: "/static/robots.txt" }), r.end()),
      "/static/robots.txt": send("User-agent: *\nDisallow: /x\n", { "content-type": "text/plain" }),
      "/x": send("no"),
    });
    await expect(fetcher().fetch(`${server.base}/x`)).rejects.toMatchObject({ kind: "robots" });
    expect(server.count("/x")).toBe(0);
  });

  it("a robots.txt that answers 5xx means: fetch nothing there for now", async () => {
    server = await startServer({ "/robots.txt": send("", {}, 503), "/page": send("ok") });
    // Not for good: the page is tried again on a later poll (a permanent failure would be marked seen and lost).
    await expect(fetcher({ retries: 0 }).fetch(`${server.base}/page`)).rejects.toMatchObject({
      kind: "robots",
      permanent: false,
      message: expect.stringMatching(/robots\.txt of .* could not be read \(HTTP 503\)/),
    });
    expect(server.count("/page")).toBe(0);
  });

  it("keeps to N requests per host per second and M at once, as measured by the server", async () => {
    server = await startServer({ "/p": (_q, r) => void setTimeout(() => (r.writeHead(200), r.end("ok")), 30) });
    const f = new Fetcher({ intervalMs: 100, concurrency: 2, backoffMs: 20 }); // at most 10 per second
    await Promise.all(Array.from({ length: 12 }, (_, i) => f.fetch(`${server!.base}/p?i=${i}`)));
    const times = server.requests.filter((r) => r.path.startsWith("/p?")).map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(12);
    // Arrival times carry the loaded machine's event-loop jitter (one request seen late, the next on time): each
    // gap keeps well clear of none at all, and the 11 gaps together span the 1.1 s the interval asks for.
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(60);
    expect(times[times.length - 1] - times[0]).toBeGreaterThanOrEqual(1000);
    for (let i = 0; i < times.length; i++) expect(times.filter((t) => t >= times[i] && t < times[i] + 1000).length).toBeLessThanOrEqual(10);
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
  });

  it("honours a robots.txt Crawl-delay", async () => {
    server = await startServer({ "/robots.txt": send("User-agent: *\nCrawl-delay: 0.3\n", { "content-type": "text/plain" }), "/q": send("ok") });
    const f = fetcher();
    await Promise.all([1, 2, 3].map((i) => f.fetch(`${server!.base}/q?${i}`)));
    const t = server.requests.filter((r) => r.path.startsWith("/q")).map((r) => r.at).sort((a, b) => a - b);
    expect(t[2] - t[0]).toBeGreaterThanOrEqual(550);
  });
});
