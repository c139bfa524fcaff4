/**
 * Page metadata: title, dates, authors, publisher, canonical URL, language, lead image, description.
 *
 * Sources in order of trust: JSON-LD (schema.org NewsArticle and kin: the publisher states it for machines),
 * Open Graph / article:* / Dublin Core / itemprop microdata, then what the page shows (<h1>, <time>, date lines,
 * byline), then the URL (/2024/06/19/).
 */
import { attrValue, type Dom, type Element } from "./dom.js";
import { normalizeDate, parseVisibleDate } from "./dates.js";

export interface PageMeta {
  title: string | null;
  published: string | null;
  modified: string | null;
  authors: string[];
  publisher: string | null;
  url: string | null;
  lang: string | null;
  extra: Record<string, string>;
  /** The schema.org articleBody text, when the page gives one (a signal for finding the content). */
  articleBody: string | null;
  /** Title candidates from machine metadata, for matching the visible headline. */
  titleCandidates: string[];
  /** <time datetime> elements with their source offsets: which one dates the article depends on where it is. */
  times: { at: number; datetime: string }[];
}

interface LdArticle {
  headline?: string;
  datePublished?: string;
  dateModified?: string;
  authors: string[];
  publisher?: string;
  articleBody?: string;
  image?: string;
  description?: string;
  url?: string;
  inLanguage?: string;
  section?: string;
  keywords?: string;
}

const ARTICLE_TYPES = /^(NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|LiveBlogPosting|ScholarlyArticle|TechArticle|Report|WebPage|SocialMediaPosting|Review)$/;

const str = (v: unknown): string | undefined => {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return str(o.name ?? o.url ?? o["@value"] ?? o.contentUrl);
  }
  return undefined;
};

function names(v: unknown): string[] {
  const out: string[] = [];
  const list = Array.isArray(v) ? v : v ? [v] : [];
  for (const x of list) {
    const n = typeof x === "string" ? x : x && typeof x === "object" ? str((x as Record<string, unknown>).name) : undefined;
    if (n && !/^https?:\/\//.test(n)) out.push(n.trim());
  }
  return out;
}

/** Parses the JSON-LD blocks and returns the most article-like object's fields. Iterative walk. */
function readJsonLd(blocks: string[]): LdArticle | null {
  let best: { rank: number; o: Record<string, unknown> } | null = null;
  for (const raw of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(raw.trim().replace(/^<!--|-->$/g, "").replace(/[\u0000-\u001f]+/g, " "));
    } catch {
      continue;
    }
    const stack: unknown[] = [data];
    let guard = 0;
    while (stack.length && guard++ < 5000) {
      const x = stack.pop();
      if (Array.isArray(x)) {
        for (const y of x) stack.push(y);
        continue;
      }
      if (!x || typeof x !== "object") continue;
      const o = x as Record<string, unknown>;
      const types = ([] as unknown[]).concat(o["@type"] ?? []).map(String);
      const t = types.find((y) => ARTICLE_TYPES.test(y));
      if (t) {
        // Prefer news articles over generic pages, and objects that carry a body or a headline.
        const rank = (/NewsArticle|Article|BlogPosting|Posting|Report/.test(t) ? 10 : t === "WebPage" ? 1 : 5) + (o.articleBody ? 3 : 0) + (o.headline ? 1 : 0) + (o.datePublished ? 1 : 0);
        if (!best || rank > best.rank) best = { rank, o };
      }
      if (o["@graph"]) stack.push(o["@graph"]);
      if (o.mainEntity && typeof o.mainEntity === "object") stack.push(o.mainEntity);
    }
  }
  if (!best) return null;
  const o = best.o;
  return {
    headline: str(o.headline) ?? str(o.name),
    datePublished: str(o.datePublished) ?? str(o.dateCreated),
    dateModified: str(o.dateModified),
    authors: names(o.author ?? o.creator),
    publisher: str(o.publisher),
    articleBody: typeof o.articleBody === "string" ? o.articleBody : undefined,
    image: str(o.image) ?? str(o.thumbnailUrl),
    description: str(o.description),
    url: str(o.url) ?? (typeof o.mainEntityOfPage === "string" ? o.mainEntityOfPage : str((o.mainEntityOfPage as Record<string, unknown>)?.["@id"])),
    inLanguage: str(o.inLanguage),
    section: str(o.articleSection),
    keywords: Array.isArray(o.keywords) ? o.keywords.map(String).join(", ") : str(o.keywords),
  };
}

const clean = (s: string | undefined | null): string | null => {
  if (!s) return null;
  const t = attrValue(s).replace(/\s+/g, " ").trim();
  return t || null;
};

/** Splits "Headline | Site" / "Headline - Site" / "Site :: Headline" and drops the site part. */
export function stripSiteName(title: string, siteNames: string[]): string {
  const parts = title.split(/\s+(?:\||-|–|—|::|«|»|·|•|\/)\s+/);
  if (parts.length < 2) return title;
  const sites = siteNames.map((s) => s.toLowerCase().replace(/^www\./, ""));
  const isSite = (p: string) => {
    const l = p.toLowerCase();
    return sites.some((s) => s && (l === s || l.includes(s) || s.includes(l.replace(/\s+/g, ""))));
  };
  const kept = parts.filter((p) => !isSite(p));
  if (kept.length && kept.length < parts.length) return kept.join(" - ").trim();
  // No known site name: the site is usually the shorter, last part ("Headline | Site").
  const last = parts[parts.length - 1];
  const first = parts[0];
  if (last.length < first.length && last.split(/\s+/).length <= 4) return parts.slice(0, -1).join(" - ");
  if (first.length < last.length && first.split(/\s+/).length <= 3) return parts.slice(1).join(" - ");
  return title;
}

/** Word overlap of two titles (Dice coefficient on lowercased words). */
export function titleSimilarity(a: string, b: string): number {
  const wa = a.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wb = new Set(b.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  if (!wa.length || !wb.size) return 0;
  let hit = 0;
  for (const w of new Set(wa)) if (wb.has(w)) hit++;
  return (2 * hit) / (new Set(wa).size + wb.size);
}

/** Dates written into URLs: /2024/06/19/, /2024-06-19-, /20240619/. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  let m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_-]|$)/.exec(url);
  if (m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31) return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  m = /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return null;
}

const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
};

/** Reads metadata out of the DOM (everything except what needs the content decision: headline, byline). */
export function readMeta(dom: Dom, opts: { url?: string | null }): PageMeta {
  const metas = new Map<string, string>();
  const put = (k: string, v: string | undefined) => {
    if (!v) return;
    const key = k.toLowerCase();
    if (!metas.has(key)) metas.set(key, v);
  };
  let canonical: string | null = null;
  let lang: string | null = null;
  const times: { at: number; datetime: string }[] = [];
  const itemprops = new Map<string, string>();
  let relAuthor: string[] = [];
  for (const el of dom.elements) {
    const a = el.attrs;
    switch (el.tag) {
      case "meta": {
        const key = a.property ?? a.name ?? a.itemprop ?? a["http-equiv"];
        if (key && a.content !== undefined) put(key, a.content);
        if (a.itemprop && a.content) itemprops.set(a.itemprop, a.content);
        break;
      }
      case "link":
        if (a.rel && /\bcanonical\b/i.test(a.rel) && a.href && !canonical) canonical = attrValue(a.href);
        break;
      case "html":
        if (a.lang && !lang) lang = a.lang;
        else if (a["xml:lang"] && !lang) lang = a["xml:lang"];
        break;
      case "time":
        if (a.datetime && times.length < 50) times.push({ at: el.start, datetime: a.datetime });
        break;
      case "a":
        if (a.rel && /\bauthor\b/.test(a.rel) && el.textLen > 0 && el.textLen < 60) relAuthor.push(textOf(dom, el));
        break;
    }
    if (a.itemprop && !itemprops.has(a.itemprop) && (a.datetime || a.content)) itemprops.set(a.itemprop, a.datetime ?? a.content);
  }
  const ld = readJsonLd(dom.jsonLd);
  const m = (k: string) => clean(metas.get(k));

  const url = clean(canonical) ?? m("og:url") ?? clean(ld?.url) ?? opts.url ?? null;
  const siteName = m("og:site_name") ?? m("application-name") ?? m("twitter:site")?.replace(/^@/, "") ?? null;
  const publisher = clean(ld?.publisher) ?? siteName ?? m("dc.publisher") ?? m("publisher") ?? null;
  const host = hostOf(url) ?? hostOf(opts.url ?? null);

  const titleCandidates = [m("og:title"), clean(ld?.headline), m("twitter:title"), m("dc.title"), m("title"), dom.title]
    .filter((x): x is string => !!x);
  const sites = [siteName, publisher, host, host?.split(".")[0]].filter((x): x is string => !!x);
  const rawTitle = titleCandidates[0] ?? null;
  const title = rawTitle ? stripSiteName(rawTitle, sites) : null;

  const published =
    normalizeDate(ld?.datePublished) ??
    normalizeDate(m("article:published_time")) ??
    normalizeDate(itemprops.get("datePublished")) ??
    normalizeDate(m("og:published_time") ?? m("published_time") ?? m("pubdate") ?? m("publishdate") ?? m("publish-date") ?? m("parsely-pub-date") ?? m("sailthru.date") ?? m("dc.date.issued") ?? m("dc.date") ?? m("dcterms.created") ?? m("date") ?? m("article.published") ?? m("mediator_published_time")) ??
    null;
  const modified =
    normalizeDate(ld?.dateModified) ??
    normalizeDate(m("article:modified_time")) ??
    normalizeDate(itemprops.get("dateModified")) ??
    normalizeDate(m("og:updated_time") ?? m("dcterms.modified") ?? m("last-modified")) ??
    null;

  let authors = ld?.authors.length ? ld.authors : [];
  if (!authors.length) {
    const ma = m("author") ?? m("article:author") ?? m("dc.creator") ?? m("parsely-author") ?? m("sailthru.author");
    if (ma && !/^https?:\/\//.test(ma)) authors = splitAuthors(ma);
  }
  if (!authors.length && relAuthor.length) authors = [...new Set(relAuthor.filter(Boolean))];

  const langRaw = lang ?? clean(ld?.inLanguage) ?? m("og:locale") ?? m("content-language") ?? m("language") ?? null;
  const langNorm = langRaw ? langRaw.trim().toLowerCase().split(/[-_]/)[0] || null : null;

  const extra: Record<string, string> = {};
  const set = (k: string, v: string | null | undefined) => {
    if (v) extra[k] = v;
  };
  set("canonical", clean(canonical));
  set("image", m("og:image") ?? m("og:image:url") ?? clean(ld?.image) ?? m("twitter:image") ?? m("twitter:image:src"));
  set("description", m("og:description") ?? m("description") ?? clean(ld?.description) ?? m("twitter:description"));
  set("siteName", siteName);
  set("keywords", m("keywords") ?? m("news_keywords") ?? clean(ld?.keywords));
  set("section", m("article:section") ?? clean(ld?.section));
  set("type", m("og:type"));
  if (dom.title && dom.title !== title) set("htmlTitle", dom.title);

  return {
    title,
    published,
    modified,
    authors,
    publisher,
    url,
    lang: langNorm,
    extra,
    articleBody: ld?.articleBody ?? null,
    titleCandidates,
    times,
  };
}

/** "Jane Doe, John Roe and Ann Poe" → three names. */
export function splitAuthors(s: string): string[] {
  return s
    // (Word ends by letter class: \b knows only ASCII letters, so "\bі\b" never matched.)
    .split(/\s*(?:,|;|(?<![\p{L}\p{N}])(?:and|und|і|и|та)(?![\p{L}\p{N}])|&|\|)\s*/u)
    .map((x) => x.replace(/^(?:by|von|автор(?:ка)?|від|текст)\s*:?\s+/i, "").trim())
    .filter((x) => x.length >= 3 && x.length <= 60 && !/^https?:/.test(x));
}

/** Text of an element (all descendant text, collapsed). Iterative. */
export function textOf(dom: Dom, el: Element): string {
  const parts: string[] = [];
  const stack: Element[] = [el];
  const idx: number[] = [0];
  while (stack.length) {
    const top = stack.length - 1;
    const e = stack[top];
    const i = idx[top];
    if (i >= e.children.length) {
      stack.pop();
      idx.pop();
      continue;
    }
    idx[top] = i + 1;
    const c = e.children[i];
    if (c.type === "text") parts.push(dom.html.slice(c.start, c.end));
    else if (c.tag !== "script" && c.tag !== "style") {
      stack.push(c);
      idx.push(0);
    }
  }
  return attrValue(parts.join("")).replace(/\s+/g, " ").trim();
}

/** The first visible date in a list of lines (date lines near the headline), as ISO. */
export function visibleDate(lines: string[]): string | null {
  for (const l of lines) {
    if (l.length > 200) continue;
    const d = parseVisibleDate(l);
    if (d) return d.value;
  }
  return null;
}
