/**
 * One-off fetching for `dzherelo analyze URL` and `dzherelo ingest URL…`: the same polite client and the same
 * follow machinery as `follow`, without a schedule.
 */
import type { Article } from "../article.js";
import type { Analyzed } from "../corpus/pool.js";
import { decodeBody, Fetcher } from "../fetch/client.js";
import { looksLikeHtml } from "../ingest/detect.js";
import type { AnalyzeInput } from "../pipeline/types.js";
import { PostgresStore } from "../store/postgres.js";
import type { SqliteStore } from "../store/sqlite.js";
import type { RawInput } from "../store/types.js";
import { canonicalUrl } from "./canonical.js";
import { Follower, type FollowerOptions } from "./follow.js";
import { PostgresFollowState } from "./postgres-state.js";
import { SqliteFollowState } from "./state.js";

/** Fetches one page and gives what `analyze` takes: the decoded page and its (canonical, final) URL. */
export async function fetchForAnalysis(url: string, fetcher = new Fetcher({ userAgent: process.env.DZHERELO_USER_AGENT })): Promise<AnalyzeInput> {
  const res = await fetcher.fetch(url);
  const text = decodeBody(res).text;
  const finalUrl = canonicalUrl(res.finalUrl) ?? res.finalUrl;
  return looksLikeHtml(text) ? { html: text, url: finalUrl } : { text, url: finalUrl };
}

export interface UrlIngestResult {
  stored: number;
  duplicates: number;
  failed: number;
}

/**
 * Ingests feeds, sitemaps and pages by URL into the store; each failure goes to `onError`. With `pageSink`
 * (scale-out), the items of feeds and sitemaps are handed to it as page jobs instead of being fetched here; their
 * outcome is then not in the counts returned.
 */
export async function ingestUrls(
  store: SqliteStore | PostgresStore,
  urls: string[],
  analyze: (raw: RawInput) => Promise<Article | Analyzed>,
  opts: {
    fetcher?: Fetcher;
    onError?: (origin: string, message: string) => void;
    signal?: { stopped: boolean };
    pageSink?: FollowerOptions["pageSink"];
  } = {},
): Promise<UrlIngestResult> {
  const follower = new Follower({
    fetcher: opts.fetcher ?? new Fetcher({ userAgent: process.env.DZHERELO_USER_AGENT }),
    state: store instanceof PostgresStore ? new PostgresFollowState(store.pool) : new SqliteFollowState(store.db),
    store,
    analyze,
    signal: opts.signal,
    pageSink: opts.pageSink,
    onEvent: (e) => {
      if (e.type === "article" && (e.status === "failed" || e.status === "retry")) opts.onError?.(e.url, e.error ?? e.status);
    },
  });
  const r = await follower.ingestUrls(urls);
  for (const e of r.errors) {
    const at = e.indexOf(": ");
    opts.onError?.(e.slice(0, at), e.slice(at + 2));
  }
  return { stored: r.stored, duplicates: r.duplicates, failed: r.failed };
}
