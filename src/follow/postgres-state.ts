/**
 * Follow state in the PostgreSQL corpus (tables follow_sources and follow_seen of the PostgreSQL schema): the
 * same contract as SqliteFollowState, safe for many workers at once —
 * - sources are added with ON CONFLICT DO NOTHING, seen URLs are upserted;
 * - a source's article count is only ever incremented in SQL (`creditArticles`), never written back from a copy
 *   read earlier, so a poll finishing while page jobs of that source store articles loses no count;
 * - the same story under two URLs stored by two workers at once is stored once: the first to claim its text
 *   (`claimText`, a primary key in follow_text) stores it;
 * - a page fetched and handed on for analysis is marked "fetched": seen for an hour (no other poll fetches it
 *   again meanwhile), after which, if its analysis never finished, it counts as unseen and is tried again.
 */
import type pg from "pg";
import { toSource, type FollowState, type SeenRecord, type SourceHealth, type SourceState } from "./state.js";

type Row = Record<string, any>;

/** How long a page handed on for analysis stays "seen" without a final status. */
const FETCHED_HOLD_MS = 3600_000;


export class PostgresFollowState implements FollowState {
  constructor(private readonly pool: pg.Pool) {}

  async getSource(url: string): Promise<SourceState | null> {
    const r = await this.pool.query("SELECT * FROM follow_sources WHERE url = $1", [url]);
    return r.rows.length ? toSource(r.rows[0]) : null;
  }

  async addSources(urls: string[], parent: string | null = null): Promise<void> {
    if (!urls.length) return;
    await this.pool.query(
      "INSERT INTO follow_sources (url, parent, added_at) SELECT u, $2, $3 FROM unnest($1::text[]) AS u ON CONFLICT (url) DO NOTHING",
      [urls, parent, new Date().toISOString()],
    );
  }

  /** Writes everything but `articles`, which only `creditArticles` changes (see the file comment). */
  async putSource(s: SourceState): Promise<void> {
    await this.pool.query(
      `INSERT INTO follow_sources (url, parent, kind, title, etag, last_modified, lastmod, added_at, next_poll, last_poll,
         last_success, last_error, last_error_at, errors, polls, not_modified, items, articles)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)
       ON CONFLICT (url) DO UPDATE SET parent = excluded.parent, kind = excluded.kind, title = excluded.title,
         etag = excluded.etag, last_modified = excluded.last_modified, lastmod = excluded.lastmod,
         next_poll = excluded.next_poll, last_poll = excluded.last_poll, last_success = excluded.last_success,
         last_error = excluded.last_error, last_error_at = excluded.last_error_at, errors = excluded.errors,
         polls = excluded.polls, not_modified = excluded.not_modified, items = excluded.items`,
      [
        s.url, s.parent, s.kind, s.title, s.etag, s.lastModified, s.lastmod, s.addedAt, Math.min(s.nextPoll, Number.MAX_SAFE_INTEGER),
        s.lastPoll, s.lastSuccess, s.lastError, s.lastErrorAt, s.errors, s.polls, s.notModified, s.items, s.articles,
      ],
    );
  }

  /** Adds `n` stored articles to a source and to the sitemap index it belongs to, if any. */
  async creditArticles(url: string, n: number): Promise<void> {
    if (n <= 0) return;
    await this.pool.query(
      `UPDATE follow_sources SET articles = articles + $2
       WHERE url = $1 OR url = (SELECT parent FROM follow_sources WHERE url = $1)`,
      [url, n],
    );
  }

  async sources(): Promise<SourceState[]> {
    return (await this.pool.query("SELECT * FROM follow_sources WHERE parent IS NULL ORDER BY url")).rows.map(toSource);
  }

  async children(parent: string): Promise<SourceState[]> {
    return (await this.pool.query("SELECT * FROM follow_sources WHERE parent = $1 ORDER BY url", [parent])).rows.map(toSource);
  }

  async seen(urls: string[]): Promise<Set<string>> {
    if (!urls.length) return new Set();
    const stale = new Date(Date.now() - FETCHED_HOLD_MS).toISOString();
    const r = await this.pool.query("SELECT url FROM follow_seen WHERE url = ANY($1) AND (status <> 'fetched' OR seen_at > $2)", [urls, stale]);
    return new Set(r.rows.map((x) => x.url));
  }

  async markSeen(records: SeenRecord[]): Promise<void> {
    if (!records.length) return;
    const now = new Date().toISOString();
    const last = new Map(records.map((r) => [r.url, r]));
    const rs = [...last.values()];
    await this.pool.query(
      `INSERT INTO follow_seen (url, source, seen_at, status, article, text_hash, error)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT (url) DO UPDATE SET status = excluded.status, article = excluded.article, text_hash = excluded.text_hash,
         error = excluded.error, seen_at = CASE WHEN follow_seen.status = 'fetched' THEN excluded.seen_at ELSE follow_seen.seen_at END`,
      [
        rs.map((r) => r.url),
        rs.map((r) => r.source),
        rs.map(() => now),
        rs.map((r) => r.status),
        rs.map((r) => r.article),
        rs.map((r) => r.textHash),
        rs.map((r) => r.error),
      ],
    );
  }

  async articleWithText(hash: string): Promise<string | null> {
    const r = await this.pool.query("SELECT article FROM follow_seen WHERE text_hash = $1 AND article IS NOT NULL LIMIT 1", [hash]);
    return r.rows.length ? r.rows[0].article : null;
  }

  async claimText(hash: string, article: string): Promise<string | null> {
    const ins = await this.pool.query(
      "INSERT INTO follow_text (hash, article, claimed_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING RETURNING article",
      [hash, article, new Date().toISOString()],
    );
    if (ins.rows.length) return null;
    const r = await this.pool.query("SELECT article FROM follow_text WHERE hash = $1", [hash]);
    const first = r.rows[0]?.article ?? null;
    return first === article ? null : first;
  }

  async releaseText(hash: string, article: string): Promise<void> {
    await this.pool.query("DELETE FROM follow_text WHERE hash = $1 AND article = $2", [hash, article]);
  }

  async health(now = Date.now()): Promise<SourceHealth[]> {
    const week = new Date(now - 7 * 86400_000).toISOString();
    const out: SourceHealth[] = [];
    for (const s of await this.sources()) {
      const since = Math.max(Date.parse(s.addedAt) || now, now - 7 * 86400_000);
      const days = Math.max(1, (now - since) / 86400_000);
      const r = await this.pool.query(
        `SELECT count(*) AS n FROM follow_seen WHERE status = 'stored' AND seen_at >= $1
           AND (source = $2 OR source IN (SELECT url FROM follow_sources WHERE parent = $2))`,
        [week, s.url],
      );
      out.push({ ...s, articlesPerDay: Math.round((Number(r.rows[0].n) / days) * 10) / 10 });
    }
    return out;
  }
}
