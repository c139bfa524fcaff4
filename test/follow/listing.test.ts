import { describe, expect, it } from "vitest";
import { canonicalUrl } from "../../src/follow/canonical.js";
import { feedLinks, parseListing, type Listing } from "../../src/follow/listing.js";

const ok = (l: Listing | { error: string }): Listing => {
  if ("error" in l) throw new Error(l.error);
  return l;
};

describe("canonical URLs", () => {
  it("drops tracking parameters and fragments, sorts the rest, lower-cases the host", () => {
    expect(canonicalUrl("HTTPS://News.Example.COM:443/a/b?utm_source=tw&id=5&fbclid=x&b=2#comments")).toBe("https://news.example.com/a/b?b=2&id=5");
    expect(canonicalUrl("https://example.com/x?utm_medium=rss")).toBe("https://example.com/x");
    expect(canonicalUrl("/news/1?gclid=1", "http://example.com/feed")).toBe("http://example.com/news/1");
  });
  it("keeps what identifies the page", () => {
    expect(canonicalUrl("https://example.com/Article.php?ID=7&page=2")).toBe("https://example.com/Article.php?ID=7&page=2");
  });
  it("refuses what is not http(s)", () => {
    expect(canonicalUrl("mailto:a@b.c")).toBeNull();
    expect(canonicalUrl("javascript:void(0)")).toBeNull();
  });
});

describe("listings", () => {
  const base = "https://outlet.example/feed";

  it("RSS 2.0 items with dates, authors and canonical links", () => {
    const l = ok(
      parseListing(
        `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Outlet</title>
        <item><title>One</title><link>https://outlet.example/n/1?utm_source=rss</link><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate><dc:creator>Олена Петренко</dc:creator></item>
        <item><title>Two</title><link>/n/2</link><author>desk@outlet.example (Іван Коваль)</author></item>
        </channel></rss>`,
        base,
      ),
    );
    expect(l.kind).toBe("rss");
    expect(l.items.map((i) => i.url)).toEqual(["https://outlet.example/n/1", "https://outlet.example/n/2"]);
    expect(l.items[0]).toMatchObject({ title: "One", published: "2026-11-24T08:00:00.000Z", authors: ["Олена Петренко"], publisher: "Outlet" });
    expect(l.items[1].authors).toEqual(["Іван Коваль"]);
    const ids = ok(parseListing(`<rss><channel><item><guid isPermaLink="false">12345</guid></item><item><guid>https://outlet.example/n/9</guid></item></channel></rss>`, base));
    expect(ids.items.map((i) => i.url)).toEqual(["https://outlet.example/n/9"]);
    expect(ids.skipped).toBe(1);
  });

  it("Atom entries", () => {
    const l = ok(
      parseListing(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>E</title><link rel="alternate" href="https://a.example/e1"/><updated>2026-11-20T10:00:00Z</updated><author><name>Anna</name></author></entry></feed>`,
        base,
      ),
    );
    expect(l.kind).toBe("atom");
    expect(l.items[0]).toMatchObject({ url: "https://a.example/e1", authors: ["Anna"], published: "2026-11-20T10:00:00Z" });
  });

  it("JSON Feed", () => {
    const l = ok(
      parseListing(
        JSON.stringify({
          version: "https://jsonfeed.org/version/1.1",
          title: "JF",
          items: [{ id: "1", url: "https://j.example/1#top", title: "T", date_published: "2026-11-24T10:00:00Z", authors: [{ name: "Max" }] }, { id: "2" }],
        }),
        base,
      ),
    );
    expect(l.kind).toBe("jsonfeed");
    expect(l.items).toEqual([{ url: "https://j.example/1", title: "T", published: "2026-11-24T10:00:00Z", authors: ["Max"], publisher: "JF" }]);
    expect(l.skipped).toBe(1);
  });

  it("news sitemap and sitemap index", () => {
    const news = ok(
      parseListing(
        `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>https://s.example/a</loc><news:news><news:publication><news:name>S News</news:name><news:language>uk</news:language></news:publication>
        <news:publication_date>2026-11-24T09:00:00+02:00</news:publication_date><news:title>Заголовок</news:title></news:news></url>
        <url><loc>https://s.example/b</loc><lastmod>2026-11-23</lastmod></url></urlset>`,
        base,
      ),
    );
    expect(news.kind).toBe("sitemap");
    expect(news.items[0]).toMatchObject({ url: "https://s.example/a", title: "Заголовок", publisher: "S News", published: "2026-11-24T09:00:00+02:00" });
    expect(news.items[1]).toMatchObject({ url: "https://s.example/b", published: "2026-11-23" });
    const index = ok(
      parseListing(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://s.example/s1.xml</loc><lastmod>2026-11-24</lastmod></sitemap></sitemapindex>`, base),
    );
    expect(index.kind).toBe("sitemapindex");
    expect(index.sitemaps).toEqual([{ url: "https://s.example/s1.xml", lastmod: "2026-11-24" }]);
  });

  it("repairs a bare ampersand, reports XML that is really broken", () => {
    const l = ok(parseListing(`<rss><channel><title>Q & A</title><item><link>https://q.example/?a=1&b=2</link></item></channel></rss>`, base));
    expect(l.title).toBe("Q & A");
    expect(l.items[0].url).toBe("https://q.example/?a=1&b=2");
    expect(parseListing(`<rss><channel><item><link>https://q.example/1</link></channel></rss>`, base)).toMatchObject({ error: expect.stringMatching(/broken XML/) });
    expect(parseListing(`<html><body>hello</body></html>`, base)).toMatchObject({ error: expect.stringMatching(/not a feed/) });
  });
});

describe("feeds named by an outlet's page", () => {
  const home = `<!doctype html><html><head><title>Outlet</title>
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="application/rss+xml" title="Усі новини" href="/rss/all.xml?utm_source=head">
    <link rel='alternate' type='application/atom+xml' href='https://outlet.example/atom'>
    <link rel="alternate" type="application/json" href="/wp-json/oembed/1.0/embed?url=x">
    <link rel="alternate" hreflang="en" href="/en/"></head><body><a href="/rss/other.xml">RSS</a></body></html>`;

  it("finds RSS/Atom/JSON Feed links in the head, not oEmbed or language alternates", () => {
    expect(feedLinks(home, "https://outlet.example/")).toEqual(["https://outlet.example/rss/all.xml", "https://outlet.example/atom"]);
  });
  it("a page naming feeds is a listing of kind 'page'; a page naming none is not a listing", () => {
    const l = ok(parseListing(home, "https://outlet.example/"));
    expect(l.kind).toBe("page");
    expect(l.sitemaps.map((s) => s.url)).toEqual(["https://outlet.example/rss/all.xml", "https://outlet.example/atom"]);
    expect(parseListing("<!doctype html><html><head></head><body>x</body></html>", "https://o.example/")).toMatchObject({ error: expect.stringMatching(/no feed links/) });
  });
});
