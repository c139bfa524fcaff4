/**
 * Where `follow` keeps what it knows between polls and restarts: the followed sources (validators, schedule,
 * health) and every article URL already seen. The interface is small so another backend (PostgreSQL) can
 * implement it; `SqliteFollowState` works on the corpus database itself (tables from migration 3), so the
 * articles and the record of having fetched them live and are backed up together.
 */
import type Database from "better-sqlite3";
import type { ListingKind } from "./listing.js";

export interface SourceState {
  url: string;
  /** The sitemap index a child sitemap came from; null for sources the user gave. */
  parent: string | null;
  kind: ListingKind | null;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  /** A child sitemap's lastmod in its index (refetched only when it changes). */
  lastmod: string | null;
  addedAt: string;
  /** Next poll, ms since the epoch (0: now). */
  nextPoll: number;
  lastPoll: string | null;
  lastSuccess: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Consecutive failed polls (0 after a success). */
  errors: number;
  polls: number;
  notModified: number;
  /** Entries in the last listing. */
  items: number;
  /** Articles stored from this source so far. */
  articles: number;
}

/** "fetched": fetched and handed on for analysis (scale-out mode); the final status follows. */
export type SeenStatus = "stored" | "duplicate" | "failed" | "fetched";

export interface SeenRecord {
  url: string;
  source: string | null;
  status: SeenStatus;
  article: string | null;
  textHash: string | null;
  error: string | null;
}

export interface SourceHealth extends SourceState {
  /** Articles stored per day over the last 7 days (or since the source was added, when later). */
  articlesPerDay: number;
}

export interface FollowState {
  getSource(url: string): Promise<SourceState | null>;
  /** Adds sources that are not followed yet (due now); existing ones keep their state. */
  addSources(urls: string[], parent?: string | null): Promise<void>;
  putSource(s: SourceState): Promise<void>;
  /** Sources the user gave (not child sitemaps), by URL. */
  sources(): Promise<SourceState[]>;
  /** Child sitemaps of a sitemap index. */
  children(parent: string): Promise<SourceState[]>;
  /** Of these canonical URLs, the ones already seen. */
  seen(urls: string[]): Promise<Set<string>>;
  markSeen(records: SeenRecord[]): Promise<void>;
  /** The article already stored with this text hash (same story under another URL), if any. */
  articleWithText(hash: string): Promise<string | null>;
  health(now?: number): Promise<SourceHealth[]>;
  /**
   * Adds stored articles to a source (and its sitemap index) in place. A backend shared by many workers has it,
   * and then `putSource` leaves `articles` alone; without it the follower counts through `putSource`.
   */
  creditArticles?(url: string, n: number): Promise<void>;
  /**
   * Claims an article text for `article` before it is stored (backends shared by many workers): null when the
   * claim is ours, else the article that claimed it first. `releaseText` drops our claim when storing failed.
   */
  claimText?(hash: string, article: string): Promise<string | null>;
  releaseText?(hash: string, article: string): Promise<void>;
}

type Row = Record<string, any>;

/** A `follow_sources` row (the same columns in SQLite and PostgreSQL, where next_poll is a bigint string). */
export const toSource = (r: Row): SourceState => ({
  url: r.url,
  parent: r.parent,
  kind: r.kind,
  title: r.title,
  etag: r.etag,
  lastModified: r.last_modified,
  lastmod: r.lastmod,
  addedAt: r.added_at,
  nextPoll: Number(r.next_poll),
  lastPoll: r.last_poll,
  lastSuccess: r.last_success,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  errors: r.errors,
  polls: r.polls,
  notModified: r.not_modified,
  items: r.items,
  articles: r.articles,
});

export class SqliteFollowState implements FollowState {
  constructor(private db: Database.Database) {
    const v = db.pragma("user_version", { simple: true }) as number;
    if (v < 3) throw new Error("the corpus database has no follow tables (schema older than 3); open it for writing first");
  }

  async getSource(url: string): Promise<SourceState | null> {
    const r = this.db.prepare("SELECT * FROM follow_sources WHERE url = ?").get(url) as Row | undefined;
    return r ? toSource(r) : null;
  }

  async addSources(urls: string[], parent: string | null = null): Promise<void> {
    const ins = this.db.prepare("INSERT OR IGNORE INTO follow_sources (url, parent, added_at) VALUES (?, ?, ?)");
    const now = new Date().toISOString();
    this.db.transaction(() => urls.forEach((u) => ins.run(u, parent, now)))();
  }

  async putSource(s: SourceState): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO follow_sources (url, parent, kind, title, etag, last_modified, lastmod, added_at, next_poll, last_poll,
           last_success, last_error, last_error_at, errors, polls, not_modified, items, articles)
         VALUES (@url, @parent, @kind, @title, @etag, @lastModified, @lastmod, @addedAt, @nextPoll, @lastPoll,
           @lastSuccess, @lastError, @lastErrorAt, @errors, @polls, @notModified, @items, @articles)
         ON CONFLICT(url) DO UPDATE SET parent = excluded.parent, kind = excluded.kind, title = excluded.title,
           etag = excluded.etag, last_modified = excluded.last_modified, lastmod = excluded.lastmod,
           next_poll = excluded.next_poll, last_poll = excluded.last_poll, last_success = excluded.last_success,
           last_error = excluded.last_error, last_error_at = excluded.last_error_at, errors = excluded.errors,
           polls = excluded.polls, not_modified = excluded.not_modified, items = excluded.items,
           articles = excluded.articles`,
      )
      .run(s);
  }

  async sources(): Promise<SourceState[]> {
    return (this.db.prepare("SELECT * FROM follow_sources WHERE parent IS NULL ORDER BY url").all() as Row[]).map(toSource);
  }

  async children(parent: string): Promise<SourceState[]> {
    return (this.db.prepare("SELECT * FROM follow_sources WHERE parent = ? ORDER BY url").all(parent) as Row[]).map(toSource);
  }

  async seen(urls: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const q = this.db.prepare("SELECT 1 FROM follow_seen WHERE url = ?").pluck();
    for (const u of urls) if (q.get(u)) out.add(u);
    return out;
  }

  async markSeen(records: SeenRecord[]): Promise<void> {
    const ins = this.db.prepare(
      `INSERT INTO follow_seen (url, source, seen_at, status, article, text_hash, error) VALUES (?,?,?,?,?,?,?)
       ON CONFLICT(url) DO UPDATE SET status = excluded.status, article = excluded.article,
         text_hash = excluded.text_hash, error = excluded.error`,
    );
    const now = new Date().toISOString();
    this.db.transaction(() => records.forEach((r) => ins.run(r.url, r.source, now, r.status, r.article, r.textHash, r.error)))();
  }

  async articleWithText(hash: string): Promise<string | null> {
    const r = this.db.prepare("SELECT article FROM follow_seen WHERE text_hash = ? AND article IS NOT NULL LIMIT 1").get(hash) as Row | undefined;
    return r ? r.article : null;
  }

  async health(now = Date.now()): Promise<SourceHealth[]> {
    const week = new Date(now - 7 * 86400_000).toISOString();
    // Child sitemaps count towards their index: the user followed the index.
    const stored = this.db.prepare(
      `SELECT count(*) FROM follow_seen WHERE status = 'stored' AND seen_at >= ?
         AND (source = ? OR source IN (SELECT url FROM follow_sources WHERE parent = ?))`,
    ).pluck();
    return (await this.sources()).map((s) => {
      const since = Math.max(Date.parse(s.addedAt) || now, now - 7 * 86400_000);
      // At least one day, so a source added an hour ago does not report 24× its real rate.
      const days = Math.max(1, (now - since) / 86400_000);
      const n = stored.get(week, s.url, s.url) as number;
      return { ...s, articlesPerDay: Math.round((n / days) * 10) / 10 };
    });
  }
}
