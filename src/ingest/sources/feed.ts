/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom feed files: one raw input per item, with the item's link, date and title and
 * the feed's title as publisher. The item body is the full content when the feed carries it
 * (content:encoded, Atom content), else the description/summary.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { makeRaw, type SourceItem } from "./index.js";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  // Bodies are HTML inside CDATA or escaped: keep them as strings, never parse numbers out of them.
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link" || name === "author" || name === "dc:creator",
});

type Node = Record<string, unknown>;

/** Text of an element that may be a string, an object with #text, or an array of those. */
function text(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === "object") return text((v as Node)["#text"]);
  return null;
}

function link(v: unknown): string | null {
  if (!v) return null;
  const arr = Array.isArray(v) ? v : [v];
  // Atom: <link rel="alternate" href="…"/>; RSS: <link>…</link>.
  for (const l of arr) {
    if (typeof l === "string") return l.trim() || null;
    const n = l as Node;
    if (typeof n["@href"] === "string" && (!n["@rel"] || n["@rel"] === "alternate")) return n["@href"] as string;
    const t = text(n);
    if (t) return t;
  }
  return null;
}

/** RFC 822 (RSS) or ISO 8601 (Atom) date to ISO 8601; null when unparseable. */
export function feedDate(s: string | null): string | null {
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s;
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** One feed item, as the feed gives it. */
export interface FeedEntry {
  url: string | null;
  /** guid / id, when the feed gives one. */
  id: string | null;
  title: string | null;
  published: string | null;
  authors: string[];
  /** Full content when the feed carries it (content:encoded, Atom content), else the description/summary. */
  body: string | null;
}

export interface ParsedFeed {
  kind: "rss" | "rdf" | "atom";
  title: string | null;
  entries: FeedEntry[];
}

function authors(it: Node): string[] {
  const out: string[] = [];
  for (const v of [it.author, it["dc:creator"]]) {
    for (const a of Array.isArray(v) ? v : v === undefined ? [] : [v]) {
      // Atom: <author><name>…</name></author>; RSS: <author>email (Name)</author> or a bare name.
      const t = typeof a === "object" && a && "name" in (a as Node) ? text((a as Node).name) : text(a);
      if (!t) continue;
      const named = /^\S+@\S+\s*\(([^)]+)\)$/.exec(t);
      out.push(named ? named[1].trim() : t);
    }
  }
  return [...new Set(out)];
}

/** Parses RSS 2.0, RSS 1.0 (RDF) or Atom; an error message for broken XML or another kind of document. */
export function parseFeedXml(xml: string): ParsedFeed | { error: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { error: `broken feed XML (line ${valid.err.line}: ${valid.err.msg})` };
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    return { error: `broken feed XML: ${(err as Error).message}` };
  }
  const rss = doc.rss as Node | undefined;
  const rdf = doc["rdf:RDF"] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  if (!rss && !rdf && !atom) return { error: "not an RSS or Atom feed" };
  const channel = (rss?.channel ?? rdf?.channel) as Node | undefined;
  const items = ((rss ? (channel?.item as Node[]) : rdf ? (rdf.item as Node[]) : (atom?.entry as Node[])) ?? []) as Node[];
  return {
    kind: rss ? "rss" : rdf ? "rdf" : "atom",
    title: text(channel?.title ?? atom?.title),
    entries: items.map((it) => ({
      url: link(it.link) ?? text(it.guid) ?? text(it.id),
      id: text(it.guid) ?? text(it.id),
      title: text(it.title),
      published: feedDate(text(it.pubDate) ?? text(it["dc:date"]) ?? text(it.published) ?? text(it.updated)),
      authors: authors(it),
      body: text(it["content:encoded"]) ?? text(it.content) ?? text(it.description) ?? text(it.summary),
    })),
  };
}

export function* readFeed(path: string, xml: string): Generator<SourceItem> {
  const feed = parseFeedXml(xml);
  if ("error" in feed) {
    yield { error: feed.error, origin: path };
    return;
  }
  const publisher = feed.title;
  let n = 0;
  for (const it of feed.entries) {
    n++;
    const url = it.url;
    const origin = `${path}#${url ?? n}`;
    const body = it.body;
    if (!body) {
      yield { error: "feed item without content", origin };
      continue;
    }
    const { title, published } = it;
    const isHtml = /<\/?[a-z][^>]*>/i.test(body);
    // Items carry only the body; the title is passed as metadata so it is not lost.
    yield { raw: makeRaw(body, isHtml ? "html" : "text", origin, { url, title, published, publisher }) };
  }
}
