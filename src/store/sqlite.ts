/**
 * The SQLite Store: the whole corpus in one file (better-sqlite3, WAL journal, versioned migrations).
 *
 * Writes go through transactions (`putArticles` stores a batch all-or-nothing), so a crash or kill -9 loses at
 * most the batch in flight, and re-running skips what is stored (idempotent by raw-input sha256).
 *
 * better-sqlite3 is synchronous; the methods are async only to honour the Store contract.
 */
import { statSync } from "node:fs";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import Database from "better-sqlite3";
import type { Article, Entity } from "../article.js";
import { entityNames } from "./entity-names.js";
import { toStoredQuote } from "./rows.js";
import { fold, nameSkeleton, nameStemSkeleton, ftsMatch, queryTerms, stemText, stem, storyFeatures, words } from "../corpus/text.js";
import {
  bands,
  NEAR_DUPLICATE,
  SAME_STORY,
  sigFromBuffer,
  signature,
  sigToBuffer,
  similarity,
  storySimilarity,
  storiesToJoin,
  type StorySpan,
  rareEntityLimit,
} from "../corpus/minhash.js";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from "./migrations.js";
import { filterTags, monthTag, outletTag, prepareArticle, type PreparedArticle } from "./prepare.js";

export { prepareArticle, type PreparedArticle };
import type {
  Analyzer,
  CitationEdge,
  EntitiesQuery,
  EntityReport,
  FigureVariant,
  GlobalEntity,
  PutResult,
  QuotesQuery,
  QuotesResult,
  RawInput,
  ReindexProgress,
  SearchHit,
  SearchQuery,
  SearchResult,
  StoredQuote,
  StoreStats,
  StoriesQuery,
  StoryArticle,
  StoryReport,
  StorySummary,
  Store,
} from "./types.js";

/** A store failure the user can act on (not SQLite, disk full, locked): the message says what to do. */
export class StoreError extends Error {
  override name = "StoreError";
}

const MAX_LIMIT = 1000;
/** Full-text matches counted exactly up to this many; a larger total is an estimate (`approximate`). */
const EXACT_COUNT = 5000;
/** At most this many matches are ranked by bm25 for one query page (the most recently stored ones). */
const RANK_WINDOW = 2000;
/** Candidates taken from one LSH bucket: the most recent ones (bounded work per article on huge buckets). */
const BUCKET_CANDIDATES = 20;

type Row = Record<string, any>;

/**
 * A bounded memo of the most recent entries: two maps of at most `half` entries each; when the newer is full it
 * becomes the older and the oldest half is dropped. Every operation is O(1). (Evicting a Map's first key one at
 * a time is not: V8 walks over the deleted entries at the front on every `keys().next()`.)
 */
class TwoGenerations<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  constructor(private readonly half: number) {}
  get(k: K): V | undefined {
    return this.young.get(k) ?? this.old.get(k);
  }
  set(k: K, v: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, v);
  }
  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

/** What clustering needs of an already clustered article. */
interface Clustered {
  rowid: number;
  sig: Uint32Array;
  published: string | null;
  lang: string;
  story: number;
  dupOf: number | null;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly path: string;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  /** Opens (creating if needed) and migrates a store. Throws StoreError for a file that is not a Dzherelo database. */
  /**
   * `cacheMB`: the most SQLite's page cache may grow to (default 64 MB, fixed). A bulk writer (ingest) gains from
   * more on a big corpus: every article touches a few pages at random in the indexes (hash, id, LSH buckets),
   * and a miss is a read from the file. Above 64 MB the cache follows the file: an eighth of its size (a 650 MB
   * corpus of 100k articles keeps 81 MB, 2 GB or more gets 256 MB), so small corpora pay no memory for it.
   */
  static async open(path: string, opts: { readonly?: boolean; cacheMB?: number } = {}): Promise<SqliteStore> {
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
    } catch (err) {
      throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`);
    }
    try {
      const appId = db.pragma("application_id", { simple: true }) as number;
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master").get() as Row;
      if (appId !== APPLICATION_ID && (appId !== 0 || tables.n > 0)) {
        throw new StoreError(`${path} is an SQLite database of another application, not a Dzherelo corpus`);
      }
      if (!opts.readonly) {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = NORMAL");
      }
      db.pragma("busy_timeout = 10000");
      db.pragma(`cache_size = -${Math.max(2, Math.min(64, Math.round(opts.cacheMB ?? 64))) * 1024}`);
    } catch (err) {
      db.close();
      if (err instanceof StoreError) throw err;
      const code = (err as { code?: string }).code;
      if (code === "SQLITE_NOTADB" || /not a database/i.test((err as Error).message)) {
        throw new StoreError(`${path} is not an SQLite database (not a Dzherelo corpus); give another --db`);
      }
      throw new StoreError(`cannot open database ${path}: ${(err as Error).message}`);
    }
    const store = new SqliteStore(path, db);
    store.maxCacheMB = Math.max(64, Math.round(opts.cacheMB ?? 64));
    if (!opts.readonly) await store.migrate();
    // Filters are checked through the narrow covering index (schema 6); a read-only older file goes without it.
    if (!opts.readonly && store.maxCacheMB > 64) {
      // A bulk writer checkpoints every ~64 MB of WAL instead of every 4 MB: a page written by several batches
      // (index pages hit at random, the tables' last pages) goes back to the file once, with fewer syncs.
      db.pragma("wal_autocheckpoint = 16384");
    }
    store.filterIndex = !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'articles_filter'").get();
    store.sizeCache();
    return store;
  }

  async migrate(): Promise<void> {
    const current = this.db.pragma("user_version", { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new StoreError(`${this.path} has schema version ${current}, newer than this program (${SCHEMA_VERSION}); upgrade dzherelo`);
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        m.run?.(this.db);
        this.db.pragma(`application_id = ${APPLICATION_ID}`);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------- writing

  async has(sha256: string): Promise<boolean> {
    return !!this.stmt("SELECT 1 FROM articles WHERE sha256 = ?").get(sha256);
  }

  /** The set of the given hashes that are stored (one query per 500). */
  hasMany(hashes: string[]): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const chunk = hashes.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT sha256 FROM articles WHERE sha256 IN (${chunk.map(() => "?").join(",")})`)
        .all(...chunk) as Row[];
      for (const r of rows) out.add(r.sha256);
    }
    return out;
  }

  async putArticle(raw: RawInput, article: Article): Promise<PutResult> {
    return (await this.putArticles([{ raw, article }]))[0];
  }

  /** `prepared` (from `prepareArticle`, e.g. computed in a worker thread) saves the writing thread that work. */
  async putArticles(items: Array<{ raw: RawInput; article: Article; prepared?: PreparedArticle }>): Promise<PutResult[]> {
    const res = this.write(() =>
      this.db.transaction(() => items.map(({ raw, article, prepared }) => this.insertOne(raw, article, prepared)))(),
    );
    if (++this.writes % 50 === 0) this.sizeCache();
    return res;
  }

  /**
   * `putArticles` and `cluster` in one transaction (ingest's batches): the pages both touch (article rows, LSH
   * buckets, stories) are written to the WAL once per batch instead of twice, and a committed batch is always
   * clustered.
   */
  async putArticlesClustered(items: Array<{ raw: RawInput; article: Article; prepared?: PreparedArticle }>): Promise<PutResult[]> {
    const res = this.write(() =>
      this.db.transaction(() => {
        const out = items.map(({ raw, article, prepared }) => this.insertOne(raw, article, prepared));
        this.clusterPending(Infinity);
        return out;
      })(),
    );
    if (++this.writes % 50 === 0) this.sizeCache();
    return res;
  }

  private maxCacheMB = 64;
  private filterIndex = false;
  private writes = 0;

  /** Page cache: 64 MB, or an eighth of the file up to `maxCacheMB` (see `open`). */
  private sizeCache(): void {
    if (this.maxCacheMB <= 64) return;
    const bytes = (this.db.pragma("page_count", { simple: true }) as number) * (this.db.pragma("page_size", { simple: true }) as number);
    const mb = Math.min(this.maxCacheMB, Math.max(64, Math.round(bytes / 8 / 2 ** 20)));
    this.db.pragma(`cache_size = -${mb * 1024}`);
  }

  /**
   * entity_names rows written by this connection (skel, entity, name), so recurring names skip their INSERT.
   * Bounded; emptied when a write fails (its rows were rolled back) and when derived data is rebuilt.
   */
  private knownNames = new Set<string>();

  /** Runs a write, turning SQLite's disk and lock failures into StoreErrors that say what happened. */
  private write<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      this.knownNames.clear();
      this.clustered.clear();
      this.mergedInto.clear();
      const code = (err as { code?: string }).code ?? "";
      if (code === "SQLITE_FULL" || code.startsWith("SQLITE_IOERR")) {
        throw new StoreError(`cannot write to ${this.path}: the disk is full or failing (${code}); the last batch was not stored`);
      }
      if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
        throw new StoreError(`${this.path} is locked by another process (${code}); try again when it finishes`);
      }
      if (code === "SQLITE_READONLY") throw new StoreError(`${this.path} is read-only`);
      throw err;
    }
  }

  private insertOne(raw: RawInput, article: Article, prepared?: PreparedArticle): PutResult {
    const existing = this.stmt("SELECT id FROM articles WHERE sha256 = ?").get(raw.sha256) as Row | undefined;
    if (existing) return { id: existing.id, created: false };
    const p = prepared ?? prepareArticle(raw, article);
    const doc: Article = { ...article, id: p.id };
    const rawMeta = JSON.stringify({
      url: raw.url ?? null,
      published: raw.published ?? null,
      publisher: raw.publisher ?? null,
      title: raw.title ?? null,
      lang: raw.lang ?? null,
      ...(raw.authors?.length ? { authors: raw.authors } : {}),
    });
    const info = this.stmt(
      `INSERT INTO articles (id, sha256, lang, url, published, publisher, publisher_norm, title, origin, raw_kind,
         raw_meta, ingested_at, sig) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      p.id,
      raw.sha256,
      doc.lang ?? "und",
      doc.url ?? null,
      doc.published ?? null,
      doc.publisher ?? null,
      normOutlet(doc.publisher),
      doc.title ?? null,
      raw.origin ?? null,
      raw.kind,
      rawMeta,
      new Date().toISOString(),
      p.sig,
    );
    const rowid = Number(info.lastInsertRowid);
    this.stmt("INSERT INTO bodies (rowid, raw, doc) VALUES (?, ?, ?)").run(rowid, p.raw, p.doc);
    // A new row is unclustered with its signature already set: no second write of the article row.
    this.indexDerived(rowid, doc, p, false);
    return { id: p.id, created: true };
  }

  /** Everything derived from the Article: full-text index, global entities, quotes, sources, figures, signature. */
  private indexDerived(
    rowid: number,
    doc: Article,
    p: Pick<PreparedArticle, "ftsTitle" | "ftsBody" | "ftsTags" | "sig">,
    resetRow = true,
  ): void {
    this.stmt("INSERT INTO fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)").run(
      rowid,
      p.ftsTitle,
      p.ftsBody,
      p.ftsTags ?? filterTags(doc),
    );
    const local = new Map<string, number>();
    const counted = new Map<number, number>();
    for (const e of doc.entities ?? []) {
      const gid = this.resolveEntity(e);
      local.set(e.id, gid);
      counted.set(gid, (counted.get(gid) ?? 0) + Math.max(1, e.mentions?.length ?? 0));
    }
    for (const [gid, n] of counted) {
      this.stmt("INSERT INTO mentions (article, entity, count) VALUES (?, ?, ?)").run(rowid, gid, n);
      this.stmt("UPDATE entities SET articles = articles + 1, mentions = mentions + ? WHERE id = ?").run(n, gid);
    }
    const sourceNames = new Map<string, string>();
    for (const s of doc.sources ?? []) sourceNames.set(s.id, s.name);
    for (const s of doc.sources ?? []) {
      const cites = (s.cites ?? []).map((c) => sourceNames.get(c) ?? c);
      this.stmt("INSERT OR IGNORE INTO sources (article, sid, name, skel, entity, cites) VALUES (?,?,?,?,?,?)").run(
        rowid,
        s.id,
        s.name,
        nameStemSkeleton(s.name),
        s.entity ? local.get(s.entity) ?? null : null,
        JSON.stringify(cites),
      );
    }
    for (const q of doc.quotes ?? []) {
      const sp = q.speaker;
      this.stmt(
        "INSERT INTO quotes (article, qid, kind, text, speaker_name, speaker_skel, speaker_entity, via) VALUES (?,?,?,?,?,?,?,?)",
      ).run(
        rowid,
        q.id,
        q.kind,
        q.text,
        sp?.name ?? null,
        sp?.name ? nameStemSkeleton(sp.name) : null,
        sp?.entity ? local.get(sp.entity) ?? null : null,
        JSON.stringify((q.via ?? []).map((v) => sourceNames.get(v) ?? v)),
      );
    }
    for (const f of doc.figures ?? []) {
      this.stmt("INSERT INTO figures (article, text, value, unit, approx) VALUES (?,?,?,?,?)").run(
        rowid,
        f.text,
        f.value ?? null,
        f.unit ?? null,
        f.approx ? 1 : 0,
      );
    }
    if (resetRow) this.stmt("UPDATE articles SET sig = ?, clustered = 0, story = NULL, dup_of = NULL WHERE rowid = ?").run(p.sig, rowid);
  }

  /**
   * The global entity for an article's entity: by the stage's key when given; else by any of its names'
   * skeletons among entities of the same type; else a new entity keyed by type and name skeleton.
   */
  private resolveEntity(e: Entity): number {
    const { names, skels, surnames, bySurname } = entityNames(e);
    let gid: number | undefined;
    if (e.key) {
      gid = (this.stmt("SELECT id FROM entities WHERE key = ?").get(e.key) as Row | undefined)?.id;
      if (gid === undefined) {
        // An entity first stored without a key (name-derived) takes the stage's key once one arrives.
        const byName = this.findByNames(skels, e.type, true);
        if (byName !== undefined) {
          this.stmt("UPDATE entities SET key = ?, keyed = 1 WHERE id = ?").run(e.key, byName);
          gid = byName;
        }
      }
    } else {
      gid = this.findByNames(skels, e.type, false) ?? this.findBySurname(bySurname, e.type);
    }
    if (gid === undefined) {
      const key = e.key ?? `${e.type.toLowerCase()}:${nameSkeleton(e.name) || e.name.toLowerCase()}`;
      const found = this.stmt("SELECT id FROM entities WHERE key = ?").get(key) as Row | undefined;
      gid =
        found?.id ??
        Number(
          this.stmt("INSERT INTO entities (key, keyed, name, type) VALUES (?, ?, ?, ?)").run(key, e.key ? 1 : 0, e.name, e.type)
            .lastInsertRowid,
        );
    }
    const stmt = this.stmt("INSERT OR IGNORE INTO entity_names (skel, entity, name) VALUES (?, ?, ?)");
    const ins = (skel: string, id: number, name: string) => {
      // Most names recur in every article about their entity: rows known to exist are not written again.
      const k = `${skel}\u0000${id}\u0000${name}`;
      if (this.knownNames.has(k)) return;
      if (this.knownNames.size >= 200_000) this.knownNames.clear();
      stmt.run(skel, id, name);
      this.knownNames.add(k);
    };
    for (const n of names) {
      const a = nameSkeleton(n);
      if (a) ins(a, gid!, n);
      const b = nameStemSkeleton(n);
      if (b && b !== a) ins(b, gid!, n);
    }
    // A person is often looked up by surname alone ("Галущенко" for "Герман Галущенко"). Surname entries carry
    // a "~" mark: look-ups use them as a last resort, joining a fully named person never does (src/store/entity-names.ts).
    for (const [sk, n] of surnames) ins(sk, gid!, n);
    return gid!;
  }

  /** The one stored entity of this type that the surname keys point to; none when they point to two or more. */
  private findBySurname(keys: string[], type: string): number | undefined {
    if (!keys.length) return undefined;
    const rows = this
      .stmt(
        `SELECT DISTINCT e.id FROM entity_names n JOIN entities e ON e.id = n.entity
         WHERE n.skel IN (${keys.map(() => "?").join(",")}) AND e.type = ? LIMIT 2`,
      )
      .all(...keys, type) as Row[];
    return rows.length === 1 ? rows[0].id : undefined;
  }

  private findByNames(skels: string[], type: string, onlyUnkeyed: boolean): number | undefined {
    if (!skels.length) return undefined;
    const row = this
      .stmt(
        `SELECT e.id FROM entity_names n JOIN entities e ON e.id = n.entity
         WHERE n.skel IN (${skels.map(() => "?").join(",")}) AND e.type = ? ${onlyUnkeyed ? "AND e.keyed = 0" : ""}
         ORDER BY e.articles DESC, e.id LIMIT 1`,
      )
      .get(...skels, type) as Row | undefined;
    return row?.id;
  }

  // ---------------------------------------------------------------- reading

  async getArticle(id: string): Promise<Article | null> {
    const row = this.stmt("SELECT b.doc FROM articles a JOIN bodies b ON b.rowid = a.rowid WHERE a.id = ?").get(id) as Row | undefined;
    return row ? (JSON.parse(inflateRawSync(row.doc).toString("utf8")) as Article) : null;
  }

  async getRaw(id: string): Promise<RawInput | null> {
    const row = this.stmt(
      "SELECT a.sha256, a.raw_kind, b.raw, a.raw_meta, a.origin FROM articles a JOIN bodies b ON b.rowid = a.rowid WHERE a.id = ?",
    ).get(id) as Row | undefined;
    return row ? rowToRaw(row) : null;
  }

  /** Entity ids any of whose names matches the given name (exact skeleton first, then the stemmed skeleton). */
  private entityIds(name: string): number[] {
    const a = nameSkeleton(name);
    const b = nameStemSkeleton(name);
    for (const sk of uniq([a, b, "~" + a, "~" + b])) {
      if (!sk || sk === "~") continue;
      const rows = this.stmt("SELECT DISTINCT entity FROM entity_names WHERE skel = ?").all(sk) as Row[];
      if (rows.length) return rows.map((r) => r.entity);
    }
    return [];
  }

  /** Name skeletons that identify a person or body given by the user: its own plus those of the entities it names. */
  private nameSkels(name: string, ids: number[]): string[] {
    const out = new Set([nameStemSkeleton(name)]);
    if (ids.length) {
      const rows = this.db
        .prepare(`SELECT name FROM entity_names WHERE entity IN (${ids.map(() => "?").join(",")})`)
        .all(...ids) as Row[];
      for (const r of rows) out.add(nameStemSkeleton(r.name));
    }
    out.delete("");
    return [...out];
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const where: string[] = [];
    const args: unknown[] = [];
    addDateFilter(where, args, query, "a.published");
    if (query.lang) {
      where.push("a.lang = ?");
      args.push(query.lang);
    }
    if (query.outlet) {
      where.push("a.publisher_norm = ?");
      args.push(normOutlet(query.outlet));
    }
    if (query.entity) {
      const ids = this.entityIds(query.entity);
      where.push(`a.rowid IN (SELECT article FROM mentions WHERE entity IN (${placeholders(ids.length)}))`);
      args.push(...ids);
    }
    if (query.speaker) {
      const ids = this.entityIds(query.speaker);
      const skels = this.nameSkels(query.speaker, ids);
      where.push(
        `a.rowid IN (SELECT article FROM quotes WHERE speaker_entity IN (${placeholders(ids.length)}) OR speaker_skel IN (${placeholders(skels.length)}))`,
      );
      args.push(...ids, ...skels);
    }
    if (query.source) {
      const ids = this.entityIds(query.source);
      const skels = this.nameSkels(query.source, ids);
      where.push(
        `a.rowid IN (SELECT article FROM sources WHERE entity IN (${placeholders(ids.length)}) OR skel IN (${placeholders(skels.length)}))`,
      );
      args.push(...ids, ...skels);
    }
    const { limit, offset } = page(query);
    const words = query.q ? ftsMatch(query.q) : null;
    // With words to match, the filters also narrow the match inside the index (their SQL conditions stay,
    // for exact date bounds and as a check).
    const match = words ? `(${words})${tagClauses(query)}` : null;
    const cond = where.length ? where.join(" AND ") : "1";
    let total: number;
    let approximate = false;
    let rows: Row[];
    if (match) {
      // CROSS JOIN keeps the full-text match as the outer loop: otherwise SQLite may walk the articles of an
      // outlet or date range and re-run the match once per article (100× slower on a common word).
      // Without filters the count needs only the index, not a join per match.
      // Counted exactly up to EXACT_COUNT matches, newest first. Past that, the total is estimated from how far
      // back in the corpus (by rowid, i.e. ingest order) the first EXACT_COUNT matches reach: counting a word
      // that half of a million articles contain would cost more than the rest of the query.
      const from = where.length
        ? `fts CROSS JOIN articles a${this.filterIndex ? " INDEXED BY articles_filter" : ""} ON a.rowid = fts.rowid WHERE fts MATCH ? AND ${cond}`
        : "fts WHERE fts MATCH ?";
      // With filters, each match is checked against its article row: the costly part on a big corpus (the table
      // does not stay in cache). One pass keeps the surviving rowids, newest first; count, window and ranking
      // come from it, and bm25 is computed from the index alone for the matches in the window's rowid range.
      const ids: number[] = where.length
        ? (this.db
            .prepare(`SELECT fts.rowid FROM ${from} ORDER BY fts.rowid DESC LIMIT ${EXACT_COUNT + 1}`)
            .pluck()
            .all(match, ...args) as number[])
        : [];
      const c = where.length
        ? { n: ids.length, low: ids[ids.length - 1] ?? 0 }
        : (this.db
            .prepare(`SELECT count(*) AS n, min(r) AS low FROM (SELECT fts.rowid AS r FROM ${from} ORDER BY fts.rowid DESC LIMIT ${EXACT_COUNT + 1})`)
            .get(match, ...args) as Row);
      total = c.n;
      if (c.n > EXACT_COUNT) {
        // Two subqueries: SQLite reads min and max off the ends of the rowid tree only one aggregate at a time
        // (with both in one SELECT it scans the whole table).
        const span = this.stmt("SELECT (SELECT min(rowid) FROM articles) AS lo, (SELECT max(rowid) FROM articles) AS hi").get() as Row;
        total = Math.max(c.n, Math.round((c.n * (span.hi - span.lo + 1)) / Math.max(1, span.hi - c.low + 1)));
        approximate = true;
      }
      // bm25 must be computed for every match before the best can be picked. When a query matches more than
      // RANK_WINDOW articles (a common word in a big corpus), only the RANK_WINDOW most recently stored matches
      // are ranked: found by walking the index backwards by rowid, which is cheap. Paging past the window
      // ranks everything.
      const windowed = total > RANK_WINDOW && offset + limit <= RANK_WINDOW;
      if (where.length && (windowed || ids.length <= EXACT_COUNT)) {
        const keep = windowed ? ids.slice(0, RANK_WINDOW) : ids;
        const kept = new Set(keep);
        const ranked = keep.length
          ? (this.stmt("SELECT fts.rowid AS r, bm25(fts, 4.0, 1.0, 0.0) AS rank FROM fts WHERE fts MATCH ? AND fts.rowid >= ?").all(
              match,
              keep[keep.length - 1],
            ) as Row[])
          : [];
        const art = this.stmt("SELECT rowid, id, title, url, published, publisher, lang FROM articles WHERE rowid = ?");
        rows = ranked
          .filter((x) => kept.has(x.r))
          .sort((x, y) => x.rank - y.rank)
          .slice(offset, offset + limit)
          .map((x) => ({ ...(art.get(x.r) as Row), rank: x.rank }));
      } else {
        let bound = 0;
        if (windowed) {
          const b = this.db
            .prepare(`SELECT fts.rowid AS r FROM ${from} ORDER BY fts.rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`)
            .get(match, ...args) as Row | undefined;
          bound = b?.r ?? 0;
        }
        // Without filters the ranking needs the index alone: the page's articles are joined after the LIMIT, not
        // the whole window's (2,000 row lookups saved per query).
        rows = this.db
          .prepare(
            where.length
              ? `SELECT a.rowid, a.id, a.title, a.url, a.published, a.publisher, a.lang, bm25(fts, 4.0, 1.0, 0.0) AS rank
                 FROM fts CROSS JOIN articles a ON a.rowid = fts.rowid WHERE fts MATCH ? AND fts.rowid >= ? AND ${cond}
                 ORDER BY rank LIMIT ? OFFSET ?`
              : `SELECT a.rowid, a.id, a.title, a.url, a.published, a.publisher, a.lang, m.rank FROM
                 (SELECT fts.rowid AS r, bm25(fts, 4.0, 1.0, 0.0) AS rank FROM fts WHERE fts MATCH ? AND fts.rowid >= ?
                  ORDER BY rank LIMIT ? OFFSET ?) AS m CROSS JOIN articles a ON a.rowid = m.r ORDER BY m.rank`,
          )
          .all(...(where.length ? [match, bound, ...args, limit, offset] : [match, bound, limit, offset])) as Row[];
      }
    } else {
      total = (this.db.prepare(`SELECT count(*) AS n FROM articles a WHERE ${cond}`).get(...args) as Row).n;
      rows = this.db
        .prepare(
          `SELECT a.rowid, a.id, a.title, a.url, a.published, a.publisher, a.lang, 0 AS rank FROM articles a
           WHERE ${cond} ORDER BY a.published DESC, a.rowid DESC LIMIT ? OFFSET ?`,
        )
        .all(...args, limit, offset) as Row[];
    }
    const terms = new Set(query.q ? queryTerms(query.q) : []);
    const hits: SearchHit[] = rows.map((r) => {
      const body = this.stmt("SELECT doc FROM bodies WHERE rowid = ?").get(r.rowid) as Row;
      const doc = JSON.parse(inflateRawSync(body.doc).toString("utf8")) as Article;
      return {
        articleId: r.id,
        title: r.title,
        url: r.url,
        published: r.published,
        publisher: r.publisher,
        lang: r.lang,
        snippet: makeSnippet(doc.text ?? "", terms),
        score: r.rank ? -r.rank : 0,
      };
    });
    return approximate ? { total, hits, approximate } : { total, hits };
  }

  async quotes(query: QuotesQuery): Promise<QuotesResult> {
    const where: string[] = [];
    const args: unknown[] = [];
    addDateFilter(where, args, query, "a.published");
    if (query.lang) {
      where.push("a.lang = ?");
      args.push(query.lang);
    }
    if (query.speaker) {
      const ids = this.entityIds(query.speaker);
      const skels = this.nameSkels(query.speaker, ids);
      where.push(`(q.speaker_entity IN (${placeholders(ids.length)}) OR q.speaker_skel IN (${placeholders(skels.length)}))`);
      args.push(...ids, ...skels);
    }
    if (query.about) {
      const ids = this.entityIds(query.about);
      where.push(`q.article IN (SELECT article FROM mentions WHERE entity IN (${placeholders(ids.length)}))`);
      args.push(...ids);
      const names = this.aboutNames(ids, query.about);
      where.push(`(${names.map(() => "instr(lower(q.text), ?) > 0").join(" OR ")})`);
      args.push(...names);
      if (ids.length) {
        where.push(`(q.speaker_entity IS NULL OR q.speaker_entity NOT IN (${placeholders(ids.length)}))`);
        args.push(...ids);
      }
    }
    return this.queryQuotes(where, args, page(query), !!query.speaker);
  }

  /** Lower-cased name forms (nominative and stems of inflected forms) to find an entity in quote text. */
  private aboutNames(ids: number[], given: string): string[] {
    const out = new Set<string>([stemName(given)]);
    if (ids.length) {
      const rows = this.db.prepare(`SELECT name FROM entity_names WHERE entity IN (${placeholders(ids.length)})`).all(...ids) as Row[];
      for (const r of rows) out.add(stemName(r.name));
    }
    out.delete("");
    return [...out].slice(0, 50);
  }

  /**
   * A page of quotes matching `where` (over `q` = quotes, `a` = articles), newest first. `bySpeaker`: the
   * conditions select by speaker, which the quotes' speaker indexes answer: the matches are then counted and
   * ordered through those indexes and the narrow articles_filter index, and only the page's rows are read whole
   * (a speaker with 60,000 quotes: 280 → a few ms of CPU, `npx tsx scripts/bench-speaker-quotes.ts`).
   */
  private queryQuotes(where: string[], args: unknown[], p: { limit: number; offset: number }, bySpeaker = false): QuotesResult {
    const cond = where.length ? where.join(" AND ") : "1";
    const narrow = bySpeaker && this.filterIndex;
    const from = `quotes q JOIN articles a${narrow ? " INDEXED BY articles_filter" : ""} ON a.rowid = q.article`;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM ${from} WHERE ${cond}`).get(...args) as Row).n;
    const select = `SELECT q.*, a.id AS article_id, a.published, a.publisher, a.title, a.url, a.lang, e.key AS speaker_key
         FROM quotes q JOIN articles a ON a.rowid = q.article LEFT JOIN entities e ON e.id = q.speaker_entity`;
    let rows: Row[];
    if (narrow) {
      const ids = (
        this.db
          .prepare(`SELECT q.rowid AS r FROM ${from} WHERE ${cond} ORDER BY a.published DESC, q.rowid DESC LIMIT ? OFFSET ?`)
          .all(...args, p.limit, p.offset) as Row[]
      ).map((r) => r.r as number);
      rows = ids.length
        ? (this.db
            .prepare(`${select} WHERE q.rowid IN (${placeholders(ids.length)}) ORDER BY a.published DESC, q.rowid DESC`)
            .all(...ids) as Row[])
        : [];
    } else {
      rows = this.db.prepare(`${select} WHERE ${cond} ORDER BY a.published DESC, q.rowid DESC LIMIT ? OFFSET ?`).all(...args, p.limit, p.offset) as Row[];
    }
    const quotes: StoredQuote[] = rows.map(toStoredQuote);
    return { total, quotes };
  }

  async entity(nameOrAlias: string): Promise<EntityReport | null> {
    const ids = this.entityIds(nameOrAlias);
    if (!ids.length) return null;
    const row = this.db
      .prepare(`SELECT * FROM entities WHERE id IN (${placeholders(ids.length)}) ORDER BY articles DESC LIMIT 1`)
      .get(...ids) as Row;
    const entity = this.toEntity(row);
    const by = this.queryQuotes(["q.speaker_entity = ?"], [row.id], { limit: 10, offset: 0 }, true);
    const names = this.aboutNames([row.id], row.name);
    const about = this.queryQuotes(
      [
        "q.article IN (SELECT article FROM mentions WHERE entity = ?)",
        "(q.speaker_entity IS NULL OR q.speaker_entity <> ?)",
        `(${names.map(() => "instr(lower(q.text), ?) > 0").join(" OR ")})`,
      ],
      [row.id, row.id, ...names],
      { limit: 10, offset: 0 },
    );
    const co = this.db
      .prepare(
        `SELECT e.*, count(*) AS together FROM mentions m1 JOIN mentions m2 ON m2.article = m1.article AND m2.entity <> m1.entity
         JOIN entities e ON e.id = m2.entity WHERE m1.entity = ? GROUP BY m2.entity ORDER BY together DESC, e.articles DESC LIMIT 10`,
      )
      .all(row.id) as Row[];
    return {
      entity,
      quotesBy: by.quotes,
      quotesByTotal: by.total,
      quotesAbout: about.quotes,
      quotesAboutTotal: about.total,
      cooccurring: co.map((r) => ({ entity: this.toEntity(r), articles: r.together })),
    };
  }

  private toEntity(r: Row): GlobalEntity {
    const aliases = (this.stmt("SELECT DISTINCT name FROM entity_names WHERE entity = ? LIMIT 50").all(r.id) as Row[]).map((x) => x.name);
    return {
      id: String(r.id),
      key: r.key,
      name: r.name,
      type: r.type,
      aliases: aliases.filter((a) => a !== r.name),
      articles: r.articles,
      mentions: r.mentions,
    };
  }

  async entities(query: EntitiesQuery): Promise<{ total: number; entities: GlobalEntity[] }> {
    const where: string[] = ["articles > 0"];
    const args: unknown[] = [];
    if (query.q) {
      const sk = nameSkeleton(query.q);
      where.push("id IN (SELECT entity FROM entity_names WHERE skel >= ? AND skel < ?)");
      args.push(sk, sk + "\uffff");
    }
    if (query.type) {
      where.push("type = ?");
      args.push(query.type);
    }
    const { limit, offset } = page(query);
    const cond = where.join(" AND ");
    const total = (this.db.prepare(`SELECT count(*) AS n FROM entities WHERE ${cond}`).get(...args) as Row).n;
    const rows = this.db
      .prepare(`SELECT * FROM entities WHERE ${cond} ORDER BY articles DESC, mentions DESC LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as Row[];
    return { total, entities: rows.map((r) => this.toEntity(r)) };
  }

  // ---------------------------------------------------------------- stories

  /**
   * Assigns every not-yet-clustered article to a story: its LSH candidates are scored (`storySimilarity`); the
   * stories of all candidates at or above SAME_STORY are merged into one and the article joins it, or it starts
   * a new story. So a story is a connected component of the "same story" graph, whatever order the articles
   * came in (an article that links two earlier stories joins them). It is marked a near duplicate of a
   * same-language candidate above NEAR_DUPLICATE.
   */
  async cluster(): Promise<void> {
    // Transactions of at most 500 articles each.
    while (this.write(() => this.db.transaction(() => this.clusterPending(500))()) === 500);
  }

  /** Clusters up to `max` not-yet-clustered articles, oldest first, in the caller's transaction; how many. */
  private clusterPending(max: number): number {
    const pending = this.stmt(`SELECT rowid FROM articles WHERE clustered = 0 ORDER BY rowid${Number.isFinite(max) ? ` LIMIT ${max}` : ""}`)
      .pluck()
      .all() as number[];
    if (!pending.length) return 0;
    // The rare-entity limit scales with the corpus; counted once per call (articles are never deleted).
    const rare = rareEntityLimit((this.stmt("SELECT max(rowid) AS n FROM articles").get() as Row).n ?? 0);
    for (const r of pending) this.clusterOne(r, rare);
    return pending.length;
  }

  private clusterOne(rowid: number, rare: number): void {
    const a = this.stmt("SELECT rowid, sig, published, lang FROM articles WHERE rowid = ?").get(rowid) as Row;
    const sig = sigFromBuffer(a.sig);
    const bs = bands(sig);
    const cand = new Set<number>();
    const pick = this.stmt(`SELECT article FROM lsh WHERE band = ? AND hash = ? ORDER BY article DESC LIMIT ${BUCKET_CANDIDATES}`);
    // Per band, the oldest article of a full bucket: once this article joins it, that one is past the newest
    // BUCKET_CANDIDATES and can never be a candidate again.
    const full: Array<number | null> = [];
    bs.forEach((h, b) => {
      const rows = pick.all(b, h) as Row[];
      for (const r of rows) if (r.article !== rowid) cand.add(r.article);
      full[b] = rows.length === BUCKET_CANDIDATES ? rows[rows.length - 1].article : null;
    });
    // Stories this article links (a candidate at or above SAME_STORY in each).
    const linked = new Set<number>();
    let dup: number | null = null;
    if (cand.size) {
      // Candidates' signatures and story come from the memo of clustered articles (LSH buckets hand out their
      // newest members, mostly still there); the rest in one query.
      const found: Clustered[] = [];
      const missing: number[] = [];
      for (const id of cand) {
        const c = this.clustered.get(id);
        if (c) found.push(c);
        else missing.push(id);
      }
      if (missing.length) {
        // Statements per candidate count are cached (at most BANDS × BUCKET_CANDIDATES of each).
        for (const r of this.stmt(
          `SELECT rowid, sig, published, lang, story, dup_of FROM articles WHERE rowid IN (${placeholders(missing.length)}) AND story IS NOT NULL`,
        ).all(...missing) as Row[]) {
          found.push(this.remember(r.rowid, sigFromBuffer(r.sig), r.published, r.lang, r.story, r.dup_of));
        }
      }
      // A candidate whose score stays under SAME_STORY even with the most shared entities counted, and that is
      // no near duplicate, cannot change the outcome: shared entities are looked up for the others only.
      const scored = found
        .map((c) => ({ c, j: similarity(sig, c.sig) }))
        .filter(({ c, j }) => storySimilarity(j, 4, a.published, c.published) >= SAME_STORY)
        .sort((x, y) => x.c.rowid - y.c.rowid);
      const shared = new Map<number, number>();
      if (scored.length) {
        const ids = scored.map((x) => x.c.rowid);
        for (const r of this.stmt(
          `SELECT m2.article, count(*) AS n FROM mentions m1 JOIN entities e ON e.id = m1.entity AND e.articles <= ?
             JOIN mentions m2 ON m2.entity = m1.entity
             WHERE m1.article = ? AND m2.article IN (${placeholders(ids.length)}) GROUP BY m2.article`,
        ).all(rare, rowid, ...ids) as Row[]) {
          shared.set(r.article, r.n);
        }
      }
      for (const { c, j } of scored) {
        const score = storySimilarity(j, shared.get(c.rowid) ?? 0, a.published, c.published);
        if (score >= SAME_STORY) linked.add(this.storyOf(c.story));
        if (j >= NEAR_DUPLICATE && c.lang === a.lang && score > 0 && (dup === null || c.rowid < dup)) dup = c.dupOf ?? c.rowid;
      }
    }
    let story: number | null = linked.size ? this.mergeStories([...linked], a.published) : null;
    if (story !== null) {
      this.stmt(
        `UPDATE stories SET size = size + 1,
           first_published = CASE WHEN ? IS NOT NULL AND (first_published IS NULL OR ? < first_published) THEN ? ELSE first_published END,
           last_published = CASE WHEN ? IS NOT NULL AND (last_published IS NULL OR ? > last_published) THEN ? ELSE last_published END
         WHERE id = ?`,
      ).run(a.published, a.published, a.published, a.published, a.published, a.published, story);
    } else {
      story = Number(
        this.stmt("INSERT INTO stories (first_published, last_published, size) VALUES (?, ?, 1)").run(a.published, a.published).lastInsertRowid,
      );
    }
    this.stmt("UPDATE articles SET story = ?, dup_of = ?, clustered = 1 WHERE rowid = ?").run(story, dup, rowid);
    const ins = this.stmt("INSERT OR IGNORE INTO lsh (band, hash, article) VALUES (?, ?, ?)");
    // Buckets keep only the members candidates are taken from (the newest BUCKET_CANDIDATES): the table stays
    // as small as the number of distinct buckets allows, and its pages stay in cache on a big corpus.
    const prune = this.stmt("DELETE FROM lsh WHERE band = ? AND hash = ? AND article <= ?");
    bs.forEach((h, b) => {
      ins.run(b, h, rowid);
      if (full[b] !== null && full[b]! < rowid) prune.run(b, h, full[b]);
    });
    this.remember(rowid, sig, a.published, a.lang, story, dup);
  }

  /**
   * Recently clustered articles as clustering reads them (signature, date, language, story, near-duplicate
   * link; none changes once an article is clustered): the newest ~100,000, about 30 MB. Emptied when a write
   * fails (it may hold rolled-back rows) and when derived data is rebuilt.
   */
  private clustered = new TwoGenerations<number, Clustered>(50_000);

  /**
   * Merges the stories an article links into one (`storiesToJoin`: the largest keeps its id, within the span
   * bound): the others' articles move to it, its size and dates take theirs, their rows are left empty. Moving
   * the smaller stories' articles bounds the work (an article moves at most log2 N times). Returns the story the
   * article joins, null for none.
   */
  private mergeStories(ids: number[], published: string | null): number | null {
    const rows = ids.map((id) => this.stmt("SELECT id, size, first_published AS first, last_published AS last FROM stories WHERE id = ?").get(id) as StorySpan);
    const plan = storiesToJoin(rows, published);
    if (!plan) return null;
    const { keep, absorb } = plan;
    if (!absorb.length) return keep.id;
    let { size, first, last } = keep;
    for (const r of absorb) {
      this.stmt("UPDATE articles SET story = ? WHERE story = ?").run(keep.id, r.id);
      // The row stays, empty (listings skip size 0): SQLite would give a deleted highest id to the next new
      // story, and a story id must not come to mean another story (links, the memo's merged ids).
      this.stmt("UPDATE stories SET size = 0, first_published = NULL, last_published = NULL WHERE id = ?").run(r.id);
      this.mergedInto.set(r.id, keep.id);
      size += r.size;
      if (r.first !== null && (first === null || r.first < first)) first = r.first;
      if (r.last !== null && (last === null || r.last > last)) last = r.last;
    }
    this.stmt("UPDATE stories SET size = ?, first_published = ?, last_published = ? WHERE id = ?").run(size, first, last, keep.id);
    return keep.id;
  }

  /**
   * Stories merged into another since the memo was last emptied (merged id → the id it went into): a memo entry
   * keeps the story its article had when remembered, and this gives the story it is in now.
   */
  private mergedInto = new Map<number, number>();

  private storyOf(story: number): number {
    let s = story;
    for (let next = this.mergedInto.get(s); next !== undefined; next = this.mergedInto.get(s)) s = next;
    if (s !== story) this.mergedInto.set(story, s);
    return s;
  }

  private remember(rowid: number, sig: Uint32Array, published: string | null, lang: string, story: number, dupOf: number | null): Clustered {
    const c: Clustered = { rowid, sig, published, lang, story, dupOf };
    this.clustered.set(rowid, c);
    return c;
  }

  async stories(query: StoriesQuery): Promise<{ total: number; stories: StorySummary[] }> {
    const where: string[] = ["s.size >= ?"];
    // Size 0: a story merged into another.
    const args: unknown[] = [Math.max(1, query.minSize ?? 2)];
    addDateFilter(where, args, query, "s.first_published");
    const { limit, offset } = page(query);
    const cond = where.join(" AND ");
    const total = (this.db.prepare(`SELECT count(*) AS n FROM stories s WHERE ${cond}`).get(...args) as Row).n;
    const rows = this.db
      .prepare(`SELECT s.* FROM stories s WHERE ${cond} ORDER BY s.first_published DESC, s.size DESC, s.id DESC LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as Row[];
    return { total, stories: rows.map((r) => this.storySummary(r)) };
  }

  private storySummary(s: Row): StorySummary {
    const arts = this.stmt(
      "SELECT title, lang, publisher, published FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid LIMIT 200",
    ).all(s.id) as Row[];
    return {
      id: String(s.id),
      title: arts.find((a) => a.title)?.title ?? null,
      size: s.size,
      first: s.first_published,
      last: s.last_published,
      langs: uniq(arts.map((a) => a.lang)),
      publishers: uniq(arts.map((a) => a.publisher).filter(Boolean)),
    };
  }

  async story(id: string): Promise<StoryReport | null> {
    if (!/^\d+$/.test(id)) return null;
    const s = this.stmt("SELECT * FROM stories WHERE id = ? AND size > 0").get(Number(id)) as Row | undefined;
    if (!s) return null;
    const rows = this.stmt(
      "SELECT rowid, id, title, url, published, publisher, lang, dup_of FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid",
    ).all(s.id) as Row[];
    const byRowid = new Map(rows.map((r) => [r.rowid, r.id]));
    const articles: StoryArticle[] = rows.map((r) => ({
      articleId: r.id,
      title: r.title,
      url: r.url,
      published: r.published,
      publisher: r.publisher,
      lang: r.lang,
      nearDuplicateOf: r.dup_of === null ? null : byRowid.get(r.dup_of) ?? null,
    }));
    const rowids = rows.map((r) => r.rowid);
    const ph = placeholders(rowids.length);
    // Citation graph: outlet → each source its article cites; sources cited by another source give the chain.
    const srcRows = this.db
      .prepare(
        `SELECT s.article, a.publisher, s.name, s.cites, e.name AS ename FROM sources s JOIN articles a ON a.rowid = s.article
         LEFT JOIN entities e ON e.id = s.entity WHERE s.article IN (${ph})`,
      )
      .all(...rowids) as Row[];
    // Per article: each source under its corpus-wide name (Yonhap and Йонхап are one agency), and which
    // sources reached the article only through another (Укрінформ citing Yonhap): those are not the outlet's
    // own citations, they show as the chain's far end.
    const display = new Map<string, string>();
    const relayed = new Set<string>();
    for (const r of srcRows) display.set(`${r.article}\u0000${r.name}`, r.ename ?? r.name);
    const shown = (article: number, name: string) => display.get(`${article}\u0000${name}`) ?? name;
    for (const r of srcRows) for (const c of JSON.parse(r.cites) as string[]) relayed.add(`${r.article}\u0000${shown(r.article, c)}`);
    const edges = new Map<string, CitationEdge>();
    for (const r of srcRows) {
      const outlet = r.publisher ?? "?";
      const source = r.ename ?? r.name;
      if (normOutlet(outlet) === normOutlet(source)) continue;
      if (relayed.has(`${r.article}\u0000${source}`)) continue;
      const k = `${outlet}\u0000${source}`;
      const e: CitationEdge = edges.get(k) ?? { outlet, source, via: [], articles: 0 };
      e.articles++;
      for (const c of JSON.parse(r.cites) as string[]) {
        const name = shown(r.article, c);
        if (!e.via.includes(name)) e.via.push(name);
      }
      edges.set(k, e);
    }
    const figRows = this.db
      .prepare(
        `SELECT f.*, a.id AS article_id, a.publisher FROM figures f JOIN articles a ON a.rowid = f.article WHERE f.article IN (${ph})`,
      )
      .all(...rowids) as Row[];
    return {
      story: this.storySummary(s),
      articles,
      firstReport: articles[0] ?? null,
      citations: [...edges.values()].sort((a, b) => b.articles - a.articles || a.outlet.localeCompare(b.outlet)),
      figures: figureVariants(figRows),
    };
  }

  // ---------------------------------------------------------------- maintenance

  async reindex(analyzer: Analyzer, onProgress?: (p: ReindexProgress) => void): Promise<ReindexProgress> {
    // Derived data is rebuilt from scratch: global entity counts, stories and LSH buckets depend on every article.
    this.write(() =>
      this.db.transaction(() => {
        this.db.exec(`DELETE FROM mentions; DELETE FROM entity_names; DELETE FROM entities; DELETE FROM quotes;
          DELETE FROM sources; DELETE FROM figures; DELETE FROM lsh; DELETE FROM stories; DELETE FROM fts;
          UPDATE articles SET story = NULL, dup_of = NULL, clustered = 0, sig = NULL;`);
      })(),
    );
    this.knownNames.clear();
    this.clustered.clear();
    this.mergedInto.clear();
    const total = (this.db.prepare("SELECT count(*) AS n FROM articles").get() as Row).n;
    const p: ReindexProgress = { done: 0, total, failed: 0 };
    let last = 0;
    for (;;) {
      const rows = this.db
        .prepare(
          `SELECT a.rowid, a.id, a.sha256, a.raw_kind, b.raw, a.raw_meta, a.origin FROM articles a JOIN bodies b ON b.rowid = a.rowid
           WHERE a.rowid > ? ORDER BY a.rowid LIMIT 64`,
        )
        .all(last) as Row[];
      if (!rows.length) break;
      last = rows[rows.length - 1].rowid;
      const results = await Promise.all(
        rows.map(async (r) => {
          try {
            return { r, doc: await analyzer(rowToRaw(r)) };
          } catch {
            return { r, doc: null };
          }
        }),
      );
      this.write(() =>
        this.db.transaction(() => {
          for (const { r, doc } of results) {
            if (!doc) {
              p.failed++;
              continue;
            }
            const d: Article = { ...doc, id: r.id };
            this.stmt(
              "UPDATE articles SET lang = ?, url = ?, published = ?, publisher = ?, publisher_norm = ?, title = ? WHERE rowid = ?",
            ).run(d.lang ?? "und", d.url ?? null, d.published ?? null, d.publisher ?? null, normOutlet(d.publisher), d.title ?? null, r.rowid);
            this.stmt("UPDATE bodies SET doc = ? WHERE rowid = ?").run(deflateRawSync(Buffer.from(JSON.stringify(d), "utf8")), r.rowid);
            const sig = signature(storyFeatures(`${d.title ?? ""}\n${d.text ?? ""}`));
            this.indexDerived(r.rowid, d, {
              ftsTitle: stemText(d.title ?? ""),
              ftsBody: stemText(d.text ?? ""),
              sig: sig.length ? sigToBuffer(sig) : null,
            });
          }
        })(),
      );
      p.done += rows.length;
      onProgress?.({ ...p });
    }
    await this.cluster();
    return p;
  }

  async stats(): Promise<StoreStats> {
    const n = (sql: string) => (this.db.prepare(sql).get() as Row).n as number;
    let bytes: number | null = null;
    try {
      bytes = statSync(this.path).size;
      try {
        bytes += statSync(this.path + "-wal").size;
      } catch {
        /* no WAL file */
      }
    } catch {
      bytes = null;
    }
    return {
      articles: n("SELECT count(*) AS n FROM articles"),
      entities: n("SELECT count(*) AS n FROM entities WHERE articles > 0"),
      quotes: n("SELECT count(*) AS n FROM quotes"),
      stories: n("SELECT count(*) AS n FROM stories WHERE size >= 2"),
      bytes,
      schemaVersion: this.db.pragma("user_version", { simple: true }) as number,
    };
  }

  /** Folds the WAL into the main file (ingest calls it at the end so the file size is the real size). */
  checkpoint(): void {
    this.db.pragma("wal_checkpoint(TRUNCATE)");
  }

  private cache = new Map<string, Database.Statement>();
  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}

// ---------------------------------------------------------------- helpers

function rowToRaw(r: Row): RawInput {
  const bytes = inflateRawSync(r.raw);
  const meta = r.raw_meta ? JSON.parse(r.raw_meta) : {};
  return {
    sha256: r.sha256,
    kind: r.raw_kind,
    content: r.raw_kind === "bytes" ? new Uint8Array(bytes) : bytes.toString("utf8"),
    origin: r.origin ?? null,
    ...meta,
  };
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** `?,?,?` for n values; `NULL` for none (so `x IN (NULL)` matches nothing instead of being a syntax error). */
function placeholders(n: number): string {
  return n ? Array(n).fill("?").join(",") : "NULL";
}

function normOutlet(s: string | null | undefined): string | null {
  return s ? s.trim().toLowerCase().replace(/\s+/g, " ") : null;
}

/** A name reduced to a lower-case stem for substring search in quote text (Путіна, Путіну → "путін"). */
function stemName(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => {
      const f = w.toLowerCase();
      return f.length > 4 ? f.slice(0, Math.max(4, f.length - 2)) : f;
    })
    .join(" ")
    .trim();
}

function page(p: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const limit = Math.min(Math.max(1, Math.floor(p.limit ?? 20)), MAX_LIMIT);
  const offset = Math.max(0, Math.floor(p.offset ?? 0));
  return { limit, offset };
}

function addDateFilter(where: string[], args: unknown[], q: { from?: string | null; to?: string | null }, col: string): void {
  if (q.from) {
    where.push(`${col} >= ?`);
    args.push(q.from);
  }
  if (q.to) {
    // A bare date covers the whole day: "2024-06-30T18:00" sorts before "2024-06-30\uffff".
    where.push(`${col} <= ?`);
    args.push(/^\d{4}(-\d{2}){0,2}$/.test(q.to) ? q.to + "\uffff" : q.to);
  }
}

/**
 * Index clauses for a query's outlet and a narrow date range. Intersecting a posting list costs its length, so
 * only selective tags pay: an outlet (one of many) and a range of at most 2 months. Measured at 100k articles,
 * a language tag (most articles are Ukrainian) or a 6-month range made filtered queries slower, not faster; those
 * filters stay SQL conditions only.
 */
function tagClauses(q: SearchQuery): string {
  let out = "";
  if (q.outlet) out += ` AND {tags} : "${outletTag(q.outlet)}"`;
  const from = q.from && /^\d{4}-\d{2}/.test(q.from) ? q.from.slice(0, 7) : null;
  const to = q.to && /^\d{4}-\d{2}/.test(q.to) ? q.to.slice(0, 7) : null;
  if (from && to && from <= to) {
    const months: string[] = [];
    let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
    while (months.length <= 2) {
      months.push(`"${monthTag(`${y}${String(m).padStart(2, "0")}`)}"`);
      if (`${y}-${String(m).padStart(2, "0")}` >= to) break;
      if (++m > 12) [y, m] = [y + 1, 1];
    }
    if (months.length <= 2) out += ` AND {tags} : (${months.join(" OR ")})`;
  }
  return out;
}

/**
 * A snippet: the window of about 30 words holding the most distinct query stems, matched words in [brackets];
 * without query terms, the start of the text.
 */
export function makeSnippet(text: string, terms: Set<string>, width = 30): string {
  // Without query terms the snippet is the text's start: no need to split the whole text into words.
  if (!terms.size) return snippetIn(text, text.slice(0, width * 20), terms, width, true)!;
  // The first window holding every query stem is often near the start: look in the first 3,000 characters
  // first, which gives the same snippet as the whole text when that window and its words lie wholly inside.
  if (text.length > 6000) {
    const out = snippetIn(text, text.slice(0, 3000), terms, width, false);
    if (out !== null) return out;
  }
  return snippetIn(text, text, terms, width, true)!;
}

/** The snippet from the words of `part` (a prefix of `text`); null when `part` may be too short to decide. */
function snippetIn(text: string, part: string, terms: Set<string>, width: number, whole: boolean): string | null {
  const ws = words(part);
  if (!ws.length) return whole ? "" : null;
  // Stemming every word of every hit is the costly part: only words starting like a query term are stemmed.
  const heads = new Set([...terms].map((t) => t.slice(0, 2)));
  const hit = ws.map((w) => heads.has(fold(w.word.slice(0, 3)).slice(0, 2)) && terms.has(stem(w.word)));
  let bestStart = 0;
  if (terms.size) {
    let bestScore = -1;
    let full = -1;
    for (let i = 0; i < ws.length; i++) {
      if (!hit[i]) continue;
      const seen = new Set<string>();
      for (let j = i; j < Math.min(ws.length, i + width); j++) if (hit[j]) seen.add(stem(ws[j].word));
      if (seen.size > bestScore) {
        bestScore = seen.size;
        bestStart = Math.max(0, i - 5);
      }
      if (bestScore === terms.size) {
        full = i;
        break;
      }
    }
    // In a prefix, only a complete window (its last word not cut by the prefix's end) settles it.
    if (!whole && (full < 0 || full + width >= ws.length)) return null;
  }
  const end = Math.min(ws.length, bestStart + width);
  let out = bestStart > 0 ? "…" : "";
  let pos = ws[bestStart].start;
  for (let i = bestStart; i < end; i++) {
    out += text.slice(pos, ws[i].start);
    out += hit[i] ? `[${ws[i].word}]` : ws[i].word;
    pos = ws[i].end;
  }
  if (end < ws.length || (!whole && end === ws.length)) out += "…";
  return out.replace(/\s+/g, " ").trim();
}

/**
 * Figures of a story grouped by what they count (unit), then by value within 15 % of each other: the variants
 * are how outlets report one number ("5 мільйонів снарядів" vs "понад 5 млн").
 */
function figureVariants(rows: Row[]): FigureVariant[] {
  const groups: Array<FigureVariant & { key: string }> = [];
  for (const r of rows) {
    const unit = r.unit ? String(r.unit).toLowerCase() : null;
    // Units compared across languages by the story features of their words: артилерійські снаряди and
    // артиллерийские снаряды both give {artil, snary}.
    const key = unit ? [...storyFeatures(unit)].sort().join(" ") || unit : "";
    const v = r.value as number | null;
    let g = groups.find(
      (x) => x.key === key && (x.value === null || v === null ? x.value === v : Math.abs(x.value - v) <= 0.15 * Math.max(Math.abs(x.value), Math.abs(v))),
    );
    if (!g) {
      g = { key, unit, value: v, variants: [] };
      groups.push(g);
    }
    g.variants.push({ text: r.text, value: v, approx: !!r.approx, articleId: r.article_id, publisher: r.publisher });
  }
  // Only figures reported by more than one article say something about the story; distinct wordings first.
  return groups
    .map(({ key: _key, ...g }) => g)
    .filter((g) => new Set(g.variants.map((x) => x.articleId)).size > 1)
    .sort((a, b) => new Set(b.variants.map((x) => x.text)).size - new Set(a.variants.map((x) => x.text)).size);
}

/** Shared with the PostgreSQL store (src/store/postgres.ts), so both backends filter, page and report alike. */
export { rowToRaw, uniq, placeholders, normOutlet, stemName, page, addDateFilter, figureVariants, BUCKET_CANDIDATES };
