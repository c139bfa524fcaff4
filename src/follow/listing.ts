/**
 * What a followed source lists: the items of an RSS/Atom feed (parsed by src/ingest/sources/feed.ts), a JSON
 * Feed, a news or standard sitemap, or the child sitemaps of a sitemap index. The kind is told by content, not
 * by URL or Content-Type, which outlets often get wrong.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { feedDate, parseFeedXml } from "../ingest/sources/feed.js";
import { canonicalUrl } from "./canonical.js";

/** "page": an outlet's HTML page that names its feeds (`<link rel="alternate" type="application/rss+xml">`). */
export type ListingKind = "rss" | "rdf" | "atom" | "jsonfeed" | "sitemap" | "sitemapindex" | "page";

/** One article a source lists. */
export interface ListedItem {
  /** Canonical URL (tracking parameters dropped). */
  url: string;
  title: string | null;
  published: string | null;
  authors: string[];
  /** Publisher named by the listing (feed title, news:publication name). */
  publisher: string | null;
}

export interface Listing {
  kind: ListingKind;
  title: string | null;
  items: ListedItem[];
  /** Child sitemaps of a sitemap index (with their lastmod when given), or the feeds a page names. */
  sitemaps: Array<{ url: string; lastmod: string | null }>;
  /** Entries skipped (no usable http(s) link). */
  skipped: number;
}

const sitemapParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === "url" || name === "sitemap",
});

type Node = Record<string, unknown>;
const str = (v: unknown): string | null => {
  if (typeof v === "string") return v.trim() || null;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === "object") return str((v as Node)["#text"]);
  return null;
};

/**
 * Real feeds often carry a bare '&' in a link or title, which makes the whole document invalid XML. Escaping
 * ampersands that do not start an entity is the one repair that cannot change meaning.
 */
export function repairXml(xml: string): string {
  return xml.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, "&amp;");
}

/** Parses a fetched listing (decoded text) found at `baseUrl`; an error message when it is none of the kinds. */
export function parseListing(text: string, baseUrl: string): Listing | { error: string } {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{")) return parseJsonFeed(text, baseUrl);
  const root = /<(rss|feed|rdf:RDF|urlset|sitemapindex)\b/i.exec(head.replace(/<!--[\s\S]*?-->/g, ""));
  if (!root) {
    const feeds = /<html\b|<!doctype html/i.test(head) ? feedLinks(text, baseUrl) : [];
    if (feeds.length) return { kind: "page", title: null, items: [], sitemaps: feeds.map((url) => ({ url, lastmod: null })), skipped: 0 };
    return { error: "not a feed or sitemap (no rss, feed, urlset or sitemapindex element, no feed links)" };
  }
  let xml = text;
  if (XMLValidator.validate(xml) !== true) {
    const repaired = repairXml(xml);
    const v = XMLValidator.validate(repaired);
    if (v !== true) return { error: `broken XML (line ${v.err.line}: ${v.err.msg})` };
    xml = repaired;
  }
  const tag = root[1].toLowerCase();
  if (tag === "urlset" || tag === "sitemapindex") return parseSitemap(xml, baseUrl);
  const feed = parseFeedXml(xml);
  if ("error" in feed) return feed;
  const out: Listing = { kind: feed.kind, title: feed.title, items: [], sitemaps: [], skipped: 0 };
  for (const e of feed.entries) {
    // A link may be relative to the feed; an id used as the link only counts when it is a full URL (a guid
    // like "12345" is not a path on the feed's site).
    const fromId = e.url !== null && e.url === e.id && !/^https?:\/\//i.test(e.url);
    const url = e.url && !fromId ? canonicalUrl(e.url, baseUrl) : null;
    if (!url) {
      out.skipped++;
      continue;
    }
    out.items.push({ url, title: e.title, published: e.published, authors: e.authors, publisher: feed.title });
  }
  return out;
}

function parseSitemap(xml: string, baseUrl: string): Listing | { error: string } {
  let doc: Node;
  try {
    doc = sitemapParser.parse(xml) as Node;
  } catch (err) {
    return { error: `broken sitemap XML: ${(err as Error).message}` };
  }
  const out: Listing = { kind: "sitemap", title: null, items: [], sitemaps: [], skipped: 0 };
  const index = doc.sitemapindex as Node | undefined;
  if (index) {
    out.kind = "sitemapindex";
    for (const s of (index.sitemap as Node[] | undefined) ?? []) {
      const url = str(s.loc) ? canonicalUrl(str(s.loc)!, baseUrl) : null;
      if (url) out.sitemaps.push({ url, lastmod: feedDate(str(s.lastmod)) });
      else out.skipped++;
    }
    return out;
  }
  const set = doc.urlset as Node | undefined;
  for (const u of (set?.url as Node[] | undefined) ?? []) {
    const url = str(u.loc) ? canonicalUrl(str(u.loc)!, baseUrl) : null;
    if (!url) {
      out.skipped++;
      continue;
    }
    // Google News sitemap: <news:news><news:publication><news:name/></news:publication>
    // <news:publication_date/><news:title/></news:news> (the prefix is removed by the parser).
    const news = (Array.isArray(u.news) ? u.news[0] : u.news) as Node | undefined;
    const pub = news?.publication as Node | undefined;
    out.items.push({
      url,
      title: str(news?.title),
      published: feedDate(str(news?.publication_date) ?? str(u.lastmod)),
      authors: [],
      publisher: str(pub?.name),
    });
  }
  return out;
}

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). */
function parseJsonFeed(text: string, baseUrl: string): Listing | { error: string } {
  let doc: Node;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, "")) as Node;
  } catch (err) {
    return { error: `broken JSON feed: ${(err as Error).message}` };
  }
  if (!doc || typeof doc !== "object" || !/jsonfeed\.org\/version\//.test(String(doc.version ?? "")) || !Array.isArray(doc.items)) {
    return { error: "not a JSON Feed (no jsonfeed.org version or items)" };
  }
  const title = typeof doc.title === "string" ? doc.title.trim() || null : null;
  const names = (v: unknown): string[] =>
    (Array.isArray(v) ? v : v ? [v] : [])
      .map((a) => (a && typeof a === "object" && typeof (a as Node).name === "string" ? ((a as Node).name as string).trim() : ""))
      .filter(Boolean);
  const out: Listing = { kind: "jsonfeed", title, items: [], sitemaps: [], skipped: 0 };
  for (const it of doc.items as Node[]) {
    const link = typeof it?.url === "string" ? it.url : typeof it?.external_url === "string" ? it.external_url : null;
    const url = link ? canonicalUrl(link, baseUrl) : null;
    if (!url) {
      out.skipped++;
      continue;
    }
    out.items.push({
      url,
      title: typeof it.title === "string" ? it.title.trim() || null : null,
      published: feedDate(typeof it.date_published === "string" ? it.date_published : null),
      authors: [...names(it.authors), ...names(it.author)],
      publisher: title,
    });
  }
  return out;
}

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|json)$/i;

/**
 * Feeds an HTML page announces in its head (`<link rel="alternate" type="application/rss+xml" href="…">`):
 * analysts name outlets by their home page, and almost every news site links its feeds this way.
 */
export function feedLinks(html: string, baseUrl: string): string[] {
  const head = html.slice(0, 256 * 1024).split(/<body\b/i)[0];
  const out: string[] = [];
  for (const m of head.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const a of m[0].matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attrs.set(a[1].toLowerCase(), (a[3] ?? a[4] ?? a[5] ?? "").replace(/&amp;/g, "&").trim());
    }
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const type = attrs.get("type") ?? "";
    // application/json only with a feed-looking title or path (it is also used for oEmbed and API links).
    if (!rel.includes("alternate") || !FEED_TYPES.test(type)) continue;
    if (/^application\/json$/i.test(type) && !/feed/i.test(`${attrs.get("title") ?? ""} ${attrs.get("href") ?? ""}`)) continue;
    const url = attrs.get("href") ? canonicalUrl(attrs.get("href")!, baseUrl) : null;
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}
