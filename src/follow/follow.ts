/**
 * Following live sources: poll each feed or sitemap when it is due (conditional GET, so an unchanged one costs a
 * 304), list its items, keep the ones never seen (by canonical URL), fetch each page politely, analyse it and
 * store it; the feed's date, title, publisher and authors fill in what the page itself lacks. Everything the
 * loop knows (validators, schedule, seen URLs, health) is in the store, so a restart refetches nothing.
 *
 * Deduplication, in order: the canonical URL (two feeds listing one article, with or without tracking
 * parameters); the final URL after redirects; the decoded page (the same bytes under two URLs); the article
 * text (the same story with different page furniture).
 */
import { createHash } from "node:crypto";
import type { Article } from "../article.js";
import type { Analyzed } from "../corpus/pool.js";
import { parseDom } from "../extract/html/dom.js";
import { readMeta } from "../extract/html/meta.js";
import { decodeBody, FetchError, type Fetcher, type FetchResult } from "../fetch/client.js";
import { looksLikeHtml } from "../ingest/detect.js";
import type { PreparedArticle } from "../store/prepare.js";
import type { PutResult, RawInput } from "../store/types.js";
import { canonicalUrl } from "./canonical.js";
import { parseListing, type ListedItem, type Listing } from "./listing.js";
import type { FollowState, SeenRecord, SourceState } from "./state.js";

/** What following needs from the corpus store. */
export interface ArticleSink {
  has(sha256: string): Promise<boolean>;
  putArticles(items: Array<{ raw: RawInput; article: Article; prepared?: PreparedArticle }>): Promise<PutResult[]>;
  cluster(): Promise<void>;
}

export interface FollowerOptions {
  fetcher: Fetcher;
  state: FollowState;
  store: ArticleSink;
  /** The analyser: a worker pool's `analyzeForStore`, or anything returning an Article. */
  analyze: (raw: RawInput) => Promise<Article | Analyzed>;
  /** Poll interval per source in ms (default 10 min). */
  everyMs?: number;
  /** Longest wait after repeated failures, in ms (default 6 h). */
  maxErrorBackoffMs?: number;
  /** New articles fetched per source per poll, newest first (default 100); the rest wait for the next poll. */
  maxNewPerPoll?: number;
  /** Listed items dated older than this many days are not fetched (default 7): following is for new news. */
  maxAgeDays?: number;
  /** Child sitemaps of a sitemap index polled, newest by lastmod first (default 3). */
  maxChildSitemaps?: number;
  /** Article pages fetched at once over all hosts (default 8; each host's own limit still holds). */
  pageConcurrency?: number;
  onEvent?: (e: FollowEvent) => void;
  /**
   * Scale-out mode: new items of a poll are handed here (to become page jobs on the queue) instead of being
   * fetched in this process; `fetchPage` and `storePage` then run in the workers that take those jobs.
   */
  pageSink?: (pages: Array<{ item: ListedItem; source: string | null }>) => Promise<void>;
  /** Set `stopped` to stop: no new fetches start; what is in hand is stored. */
  signal?: { stopped: boolean };
  now?: () => number;
}

export type FollowEvent =
  | { type: "poll"; source: string; result: PollResult }
  | { type: "article"; source: string | null; url: string; status: "stored" | "duplicate" | "failed" | "retry"; id?: string; error?: string };

export interface PollResult {
  source: string;
  status: "ok" | "not-modified" | "error";
  kind: Listing["kind"] | null;
  /** Items the listing holds (children included for a sitemap index). */
  listed: number;
  /** Items not seen before, fetched this poll. */
  fresh: number;
  stored: number;
  duplicates: number;
  failed: number;
  error: string | null;
}

/** `nextPoll` of a child sitemap no longer polled (dropped from its index, or not among the newest). */
const RETIRED = Number.MAX_SAFE_INTEGER;

const ACCEPT_LISTING = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

export const sha256hex = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");

/** Hash of an article's text with case and spacing normalised: the same story under another URL or layout. */
export function textHash(text: string): string | null {
  const norm = text.toLowerCase().replace(/\s+/g, " ").trim();
  return norm.length >= 40 ? sha256hex(norm) : null;
}

/** A page fetched, ready for analysis (plain data: it travels in a queue job in scale-out mode). */
export interface FetchedPage {
  item: ListedItem;
  source: string | null;
  raw: RawInput;
  /** Authors the page itself names (the feed's fill in only when there are none). */
  pageAuthors: string[];
  /** The listed URL and, after a redirect, the final one: both recorded as seen. */
  urls: string[];
}

interface Candidate {
  item: ListedItem;
  source: string | null;
  /** Already fetched (ingest of a page URL): not fetched again. */
  fetched?: FetchResult;
}

interface Outcome {
  seen: SeenRecord | null;
  stored: boolean;
  status: "stored" | "duplicate" | "failed" | "retry";
}

export class Follower {
  private o: Required<Omit<FollowerOptions, "onEvent" | "signal" | "now" | "pageSink">> & Pick<FollowerOptions, "onEvent" | "signal" | "pageSink">;
  private now: () => number;
  /** URLs being processed right now (two sources polled at once listing one article fetch it once). */
  private inFlight = new Set<string>();
  /** Text hashes stored in this process but perhaps not yet written to the seen table. */
  private pendingText = new Map<string, string>();

  constructor(opts: FollowerOptions) {
    this.o = {
      everyMs: 10 * 60_000,
      maxErrorBackoffMs: 6 * 3600_000,
      maxNewPerPoll: 100,
      maxAgeDays: 7,
      maxChildSitemaps: 3,
      pageConcurrency: 8,
      ...opts,
    };
    this.now = opts.now ?? Date.now;
  }

  private get stopped(): boolean {
    return !!this.o.signal?.stopped;
  }

  /** Polls every given source that is due (all of them the first time); resolves when all are done. */
  async pollDue(urls: string[]): Promise<PollResult[]> {
    await this.o.state.addSources(urls);
    const due: SourceState[] = [];
    for (const u of urls) {
      const s = await this.o.state.getSource(u);
      if (s && s.nextPoll <= this.now()) due.push(s);
    }
    return Promise.all(due.map((s) => this.pollSource(s)));
  }

  /**
   * Follows the sources until `signal.stopped`: polls what is due, sleeps until the next source is due.
   * `sleep` is injectable so tests need not wait real minutes.
   */
  async run(urls: string[], sleep: (ms: number) => Promise<void> = stoppableSleep(() => this.stopped)): Promise<void> {
    while (!this.stopped) {
      await this.pollDue(urls);
      if (this.stopped) break;
      let next = Infinity;
      for (const u of urls) next = Math.min(next, (await this.o.state.getSource(u))?.nextPoll ?? 0);
      await sleep(Math.max(100, Math.min(next, this.now() + this.o.everyMs) - this.now()));
    }
  }

  /** One poll of one source (and, for a sitemap index, of its newest child sitemaps). */
  async pollSource(src: SourceState): Promise<PollResult> {
    const result: PollResult = { source: src.url, status: "ok", kind: src.kind, listed: 0, fresh: 0, stored: 0, duplicates: 0, failed: 0, error: null };
    const s: SourceState = { ...src, polls: src.polls + 1, lastPoll: new Date(this.now()).toISOString() };
    try {
      const got = await this.fetchListing(s);
      let items: Array<{ item: ListedItem; source: string }> = [];
      if (got === "not-modified") {
        result.status = "not-modified";
      } else {
        s.kind = got.kind;
        s.title = got.title ?? s.title;
        s.items = got.items.length + got.sitemaps.length;
        items = got.items.map((item) => ({ item, source: s.url }));
      }
      // A sitemap index lists sitemaps; an outlet's page names its feeds: both are followed through children.
      if (s.kind === "sitemapindex" || s.kind === "page") {
        items.push(...(await this.pollChildren(s, got === "not-modified" ? null : got)));
      }
      result.kind = s.kind;
      result.listed = items.length;
      const counts = await this.processItems(items);
      result.fresh = counts.fresh;
      result.stored = counts.stored;
      result.duplicates = counts.duplicates;
      result.failed = counts.failed;
      s.articles += counts.storedBySource.get(s.url) ?? 0;
      s.errors = 0;
      s.lastSuccess = new Date(this.now()).toISOString();
      s.nextPoll = this.now() + this.o.everyMs;
    } catch (err) {
      const fe = err instanceof FetchError ? err : null;
      const msg = err instanceof Error ? err.message : String(err);
      result.status = "error";
      result.error = msg;
      s.errors++;
      s.lastError = msg;
      s.lastErrorAt = new Date(this.now()).toISOString();
      // Back off on repeated failure (a site that is down should not be asked every few minutes), and never
      // come back sooner than the server asked.
      const backoff = Math.min(this.o.maxErrorBackoffMs, this.o.everyMs * 2 ** (s.errors - 1));
      s.nextPoll = this.now() + Math.max(backoff, fe?.retryAfterMs ?? 0);
    }
    await this.o.state.putSource(s);
    this.o.onEvent?.({ type: "poll", source: s.url, result });
    return result;
  }

  /** Fetches a listing with its validators; updates them on `s`. Throws for fetch or parse failures. */
  private async fetchListing(s: SourceState): Promise<Listing | "not-modified"> {
    const res = await this.o.fetcher.fetch(s.url, { etag: s.etag, lastModified: s.lastModified, accept: ACCEPT_LISTING });
    if (res.notModified) {
      s.notModified++;
      return "not-modified";
    }
    const listing = parseListing(decodeBody(res).text, res.finalUrl);
    if ("error" in listing) throw new Error(listing.error);
    // Validators are kept only once the content was understood: a broken feed is fetched whole next time.
    s.etag = res.etag;
    s.lastModified = res.lastModified;
    return listing;
  }

  private async pollChildren(parent: SourceState, index: Listing | null): Promise<Array<{ item: ListedItem; source: string }>> {
    let keep: Set<string> | null = null;
    if (index) {
      const time = (c: { lastmod: string | null }) => (c.lastmod ? Date.parse(c.lastmod) || 0 : 0);
      // Feeds a page names keep their order (the first is the main feed); sitemaps newest first.
      const ordered = index.kind === "page" ? index.sitemaps : [...index.sitemaps].sort((a, b) => time(b) - time(a));
      const newest = ordered.slice(0, this.o.maxChildSitemaps);
      await this.o.state.addSources(newest.map((c) => c.url), parent.url);
      keep = new Set(newest.map((c) => c.url));
      for (const c of newest) {
        const cs = await this.o.state.getSource(c.url);
        if (cs && c.lastmod && cs.lastmod !== c.lastmod) await this.o.state.putSource({ ...cs, lastmod: c.lastmod, nextPoll: 0 });
      }
    }
    const out: Array<{ item: ListedItem; source: string }> = [];
    for (const child of await this.o.state.children(parent.url)) {
      if (this.stopped) break;
      if (keep && !keep.has(child.url)) {
        // Dropped from the index or no longer among its newest: an archive, not polled any more.
        if (child.nextPoll !== RETIRED) await this.o.state.putSource({ ...child, nextPoll: RETIRED });
        continue;
      }
      if (child.nextPoll > this.now() && !index) continue;
      const cs: SourceState = { ...child, polls: child.polls + 1, lastPoll: new Date(this.now()).toISOString() };
      try {
        const got = await this.fetchListing(cs);
        if (got !== "not-modified") {
          cs.kind = got.kind;
          cs.items = got.items.length;
          // A nested index inside an index is not followed further: news sitemaps are one level deep.
          out.push(...got.items.map((item) => ({ item, source: cs.url })));
        }
        cs.errors = 0;
        cs.lastSuccess = cs.lastPoll;
      } catch (err) {
        cs.errors++;
        cs.lastError = err instanceof Error ? err.message : String(err);
        cs.lastErrorAt = cs.lastPoll;
      }
      cs.nextPoll = this.now() + this.o.everyMs;
      await this.o.state.putSource(cs);
    }
    return out;
  }

  /** New items of a poll: not seen, not too old, newest first, at most `maxNewPerPoll`; fetched, analysed, stored. */
  async processItems(listed: Array<{ item: ListedItem; source: string | null }>) {
    const counts = { fresh: 0, stored: 0, duplicates: 0, failed: 0, storedBySource: new Map<string, number>() };
    const byUrl = new Map<string, Candidate>();
    const oldest = this.now() - this.o.maxAgeDays * 86400_000;
    for (const { item, source } of listed) {
      if (byUrl.has(item.url) || this.inFlight.has(item.url)) continue;
      const t = item.published ? Date.parse(item.published) : NaN;
      if (Number.isFinite(t) && t < oldest) continue;
      byUrl.set(item.url, { item, source });
    }
    const seen = await this.o.state.seen([...byUrl.keys()]);
    const fresh = [...byUrl.values()].filter((c) => !seen.has(c.item.url) && !this.inFlight.has(c.item.url));
    // Newest first (undated items keep their listing order after the dated ones): a cap drops the oldest.
    const time = (c: Candidate) => (c.item.published ? Date.parse(c.item.published) || 0 : 0);
    fresh.sort((a, b) => time(b) - time(a));
    const take = fresh.slice(0, this.o.maxNewPerPoll);
    counts.fresh = take.length;
    if (this.o.pageSink) {
      // Scale-out: the pages become jobs; what they store is credited to their source by the job.
      if (take.length) await this.o.pageSink(take.map((c) => ({ item: c.item, source: c.source })));
      return counts;
    }
    for (const c of take) this.inFlight.add(c.item.url);
    try {
      const outcomes = await mapLimit(take, this.o.pageConcurrency, (c) => (this.stopped ? Promise.resolve(null) : this.processOne(c)));
      for (let i = 0; i < take.length; i++) {
        const o = outcomes[i];
        if (!o) continue;
        if (o.status === "stored") {
          counts.stored++;
          const src = take[i].source;
          if (src) counts.storedBySource.set(src, (counts.storedBySource.get(src) ?? 0) + 1);
        } else if (o.status === "duplicate") counts.duplicates++;
        else counts.failed++;
      }
      if (counts.stored) await this.o.store.cluster();
    } finally {
      for (const c of take) this.inFlight.delete(c.item.url);
    }
    if (this.o.state.creditArticles) {
      // A shared backend counts in place (child sitemaps credit their index there too).
      for (const [src, n] of counts.storedBySource) await this.o.state.creditArticles(src, n);
      return counts;
    }
    // Child sitemaps credit their parent index too (the user follows the index).
    const parents = new Map<string, number>();
    for (const [src, n] of counts.storedBySource) {
      const s = await this.o.state.getSource(src);
      if (s?.parent) {
        parents.set(s.parent, (parents.get(s.parent) ?? 0) + n);
        await this.o.state.putSource({ ...s, articles: s.articles + n });
      }
    }
    for (const [p, n] of parents) counts.storedBySource.set(p, (counts.storedBySource.get(p) ?? 0) + n);
    return counts;
  }

  /** Fetch, decode, analyse and store one article page; records it as seen (unless worth retrying later). */
  async processOne(c: Candidate): Promise<Outcome> {
    const got = await this.fetchPage(c);
    return "page" in got ? this.storePage(got.page) : got.done;
  }

  /**
   * The fetching half of `processOne`: the page fetched and decoded, with the feed's metadata filling in what
   * the page lacks — or the outcome when there is nothing to analyse (failed, a redirect to a page seen).
   */
  async fetchPage(c: Candidate): Promise<{ done: Outcome } | { page: FetchedPage }> {
    const { item, source } = c;
    const { event, seenAs } = this.pageRecorders(item.url, source);
    let res: FetchResult;
    try {
      res = c.fetched ?? (await this.o.fetcher.fetch(item.url, { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" }));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (err instanceof FetchError && !err.permanent) {
        // Server trouble or a timeout: not marked seen, so the next poll tries again.
        event("retry", { error: msg });
        return { done: { seen: null, stored: false, status: "retry" } };
      }
      const rec = seenAs("failed", { error: msg });
      await this.o.state.markSeen([rec]);
      event("failed", { error: msg });
      return { done: { seen: rec, stored: false, status: "failed" } };
    }
    if (res.contentType && /^(image|audio|video|font)\/|^application\/(pdf|zip|octet-stream|msword|vnd\.)/i.test(res.contentType)) {
      // Feeds link podcasts, PDFs and photos too: not news text, and not worth downloading again.
      const rec = seenAs("failed", { error: `not a news page (${res.contentType})` });
      await this.o.state.markSeen([rec]);
      event("failed", { error: rec.error! });
      return { done: { seen: rec, stored: false, status: "failed" } };
    }
    const finalUrl = canonicalUrl(res.finalUrl) ?? item.url;
    if (finalUrl !== item.url && (await this.o.state.seen([finalUrl])).has(finalUrl)) {
      // A redirect to an article already seen (short link, old URL scheme).
      const rec = seenAs("duplicate");
      await this.o.state.markSeen([rec]);
      event("duplicate");
      return { done: { seen: rec, stored: false, status: "duplicate" } };
    }
    const decoded = decodeBody(res);
    const html = decoded.text;
    const raw: RawInput = { sha256: sha256hex(html), kind: "html", content: html, origin: item.url, url: finalUrl };
    let pageAuthors: string[] = [];
    if (looksLikeHtml(html)) {
      // The page's own metadata wins; the feed fills in only what the page lacks.
      const meta = readMeta(parseDom(html), { url: finalUrl });
      raw.published = meta.published ? null : item.published;
      raw.title = meta.title ? null : item.title;
      raw.publisher = meta.publisher ? null : item.publisher;
      pageAuthors = meta.authors;
      raw.authors = pageAuthors.length || !item.authors.length ? null : item.authors;
    } else {
      raw.kind = "text";
      Object.assign(raw, { published: item.published, title: item.title, publisher: item.publisher, authors: item.authors.length ? item.authors : null });
    }
    const urls = finalUrl !== item.url ? [item.url, finalUrl] : [item.url];
    return { page: { item, source, raw, pageAuthors, urls } };
  }

  /** An article event for a page of a source, and its "seen" record with a status. */
  private pageRecorders(url: string, source: string | null) {
    const event = (status: Outcome["status"], extra: { id?: string; error?: string } = {}) =>
      this.o.onEvent?.({ type: "article", source, url, status, ...extra });
    const seenAs = (status: SeenRecord["status"], extra: Partial<SeenRecord> = {}): SeenRecord => ({
      url,
      source,
      status,
      article: null,
      textHash: null,
      error: null,
      ...extra,
    });
    return { event, seenAs };
  }

  /** The analysing half of `processOne`: dedup by content and text, analyse, store, record as seen. */
  async storePage(page: FetchedPage): Promise<Outcome> {
    const { item, source, raw, urls } = page;
    const { event, seenAs } = this.pageRecorders(item.url, source);
    const markAll = async (rec: Omit<SeenRecord, "url">) => this.o.state.markSeen(urls.map((url) => ({ ...rec, url })));
    if (await this.o.store.has(raw.sha256)) {
      await markAll(seenAs("duplicate"));
      event("duplicate");
      return { seen: null, stored: false, status: "duplicate" };
    }
    let article: Article;
    let prepared: PreparedArticle | undefined;
    try {
      const a = await this.o.analyze(raw);
      if ("schema" in a) article = a;
      else ({ article, prepared } = a);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      await markAll(seenAs("failed", { error: `analysis: ${msg}` }));
      event("failed", { error: msg });
      return { seen: null, stored: false, status: "failed" };
    }
    const th = textHash(article.text);
    if (!th) {
      await markAll(seenAs("failed", { error: "no article text found on the page" }));
      event("failed", { error: "no article text found on the page" });
      return { seen: null, stored: false, status: "failed" };
    }
    const mine = raw.sha256.slice(0, 16);
    let same = this.pendingText.get(th) ?? (await this.o.state.articleWithText(th));
    // Other processes may be storing the same story right now: a shared backend arbitrates.
    if (!same && this.o.state.claimText) same = await this.o.state.claimText(th, mine);
    if (same) {
      await markAll(seenAs("duplicate", { textHash: th, article: same }));
      event("duplicate", { id: same });
      return { seen: null, stored: false, status: "duplicate" };
    }
    this.pendingText.set(th, mine);
    try {
      let put;
      try {
        [put] = await this.o.store.putArticles([{ raw, article, prepared }]);
      } catch (err) {
        await this.o.state.releaseText?.(th, mine).catch(() => {});
        throw err;
      }
      await markAll(seenAs(put.created ? "stored" : "duplicate", { article: put.id, textHash: th }));
      event(put.created ? "stored" : "duplicate", { id: put.id });
      return { seen: null, stored: put.created, status: put.created ? "stored" : "duplicate" };
    } finally {
      this.pendingText.delete(th);
    }
  }

  /**
   * One-shot ingest of URLs (`dzherelo ingest URL…`): a feed or sitemap has its items fetched and stored, any
   * other page is stored as an article. Seen URLs are recorded, so a later `follow` does not fetch them again;
   * sources are not added to the followed list.
   */
  async ingestUrls(urls: string[]): Promise<{ stored: number; duplicates: number; failed: number; errors: string[] }> {
    const total = { stored: 0, duplicates: 0, failed: 0, errors: [] as string[] };
    for (const url of urls) {
      if (this.stopped) break;
      let res: FetchResult;
      try {
        res = await this.o.fetcher.fetch(url, { accept: ACCEPT_LISTING.replace("*/*;q=0.5", "text/html;q=0.8, */*;q=0.5") });
      } catch (err) {
        total.failed++;
        total.errors.push(`${url}: ${(err as Error).message}`);
        continue;
      }
      const text = decodeBody(res).text;
      const listing = parseListing(text, res.finalUrl);
      const candidates: Array<{ item: ListedItem; source: string | null }> = [];
      if (!("error" in listing) && listing.kind === "sitemapindex") {
        // Every child sitemap, once (ingest is a one-off: no newest-first cap on children).
        for (const child of listing.sitemaps) {
          try {
            const cr = await this.o.fetcher.fetch(child.url, { accept: ACCEPT_LISTING });
            const cl = parseListing(decodeBody(cr).text, cr.finalUrl);
            if ("error" in cl) total.errors.push(`${child.url}: ${cl.error}`);
            else candidates.push(...cl.items.map((item) => ({ item, source: url })));
          } catch (err) {
            total.errors.push(`${child.url}: ${(err as Error).message}`);
          }
        }
      } else if (!("error" in listing)) {
        candidates.push(...listing.items.map((item) => ({ item, source: url })));
      }
      // A page, also one that names feeds: `ingest URL` of a page stores that page.
      if (("error" in listing && /^not a (feed|JSON Feed)/.test(listing.error)) || (!("error" in listing) && listing.kind === "page")) {
        const page = canonicalUrl(res.finalUrl) ?? url;
        const item: ListedItem = { url: page, title: null, published: null, authors: [], publisher: null };
        const o = await this.processOne({ item, source: null, fetched: res });
        if (o.status === "stored") total.stored++;
        else if (o.status === "duplicate") total.duplicates++;
        else total.failed++;
        continue;
      }
      if ("error" in listing) {
        total.failed++;
        total.errors.push(`${url}: ${listing.error}`);
        continue;
      }
      // A one-off ingest takes everything the listing holds, however old and however many.
      const saved = { age: this.o.maxAgeDays, cap: this.o.maxNewPerPoll };
      this.o.maxAgeDays = Infinity;
      this.o.maxNewPerPoll = Infinity;
      try {
        const c = await this.processItems(candidates);
        total.stored += c.stored;
        total.duplicates += c.duplicates;
        total.failed += c.failed;
      } finally {
        this.o.maxAgeDays = saved.age;
        this.o.maxNewPerPoll = saved.cap;
      }
    }
    return total;
  }
}

/** Runs `fn` over `items` with at most `limit` at once; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A sleep that ends early (checking every 200 ms) once `stopped()` is true. */
export function stoppableSleep(stopped: () => boolean): (ms: number) => Promise<void> {
  return async (ms: number) => {
    const end = Date.now() + ms;
    while (!stopped() && Date.now() < end) await new Promise((r) => setTimeout(r, Math.min(200, end - Date.now())));
  };
}
