/**
 * The PostgreSQL Store: the same contract and the same results as the SQLite store (src/store/sqlite.ts), for a
 * corpus shared by many ingesting machines (`dzherelo worker`) and served from one database.
 *
 * Concurrency (many workers writing at once):
 * - An article is stored with `INSERT … ON CONFLICT (sha256) DO NOTHING` in the same transaction as everything
 *   derived from it, so a job done twice (a retried job, two workers given the same content) stores it once.
 * - Global entities are shared by every article: resolving an article's entities and bumping their counters runs
 *   under a transaction-scoped advisory lock (ENTITY_LOCK), so two workers never create the same entity twice or
 *   lose a counter update. The lock covers only the short write; analysis (the costly part) runs outside it.
 * - Story clustering reads and updates other articles' stories: one clusterer at a time (CLUSTER_LOCK). Workers
 *   cluster opportunistically (`clusterIfFree`), skipping when another worker already is.
 *
 * Faults: a transaction that fails because the server went away (restart, failover) is retried on a new
 * connection for up to `retryMs`; idempotency by sha256 makes the retry safe even when the first commit landed.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import pg from "pg";
import type { Article, Entity } from "../article.js";
import { bands, NEAR_DUPLICATE, SAME_STORY, sigFromBuffer, signature, sigToBuffer, similarity, storySimilarity, rareEntityLimit, storiesToJoin, type StorySpan } from "../corpus/minhash.js";
import { nameSkeleton, nameStemSkeleton, queryTerms, stemText, storyFeatures } from "../corpus/text.js";
import { entityNames } from "./entity-names.js";
import { toStoredQuote } from "./rows.js";
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from "./postgres-migrations.js";
import { prepareArticle, type PreparedArticle } from "./prepare.js";
import {
  addDateFilter,
  BUCKET_CANDIDATES,
  figureVariants,
  makeSnippet,
  normOutlet,
  page,
  placeholders,
  rowToRaw,
  stemName,
  StoreError,
  uniq,
} from "./sqlite.js";
import type {
  Analyzer,
  CitationEdge,
  EntitiesQuery,
  EntityReport,
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

type Row = Record<string, any>;
const noop = () => {};
interface Querier {
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
}

/** At most this many matches are ranked for one page (the newest); the same window as the SQLite store's. */
const RANK_WINDOW = 2000;

/** Matches counted exactly up to about this many (the planner's estimate decides); more are estimated. */
const EXACT_COUNT = Number(process.env.DZHERELO_PG_EXACT_COUNT) || 5000;

/** Advisory lock keys (arbitrary constants, "Dz" + purpose). */
const MIGRATE_LOCK = 0x447a0001;
const ENTITY_LOCK = 0x447a0002;
const CLUSTER_LOCK = 0x447a0003;

/** bigint (counts, ids) as JS numbers: ids stay far below 2^53. */
const TYPES = {
  getTypeParser(oid: number, format?: any) {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** True for a URL this backend opens (postgres:// or postgresql://). */
export function isPostgresUrl(s: string | null | undefined): boolean {
  return !!s && /^postgres(ql)?:\/\//i.test(s);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ":***@");
  }
}

/** `?` placeholders (the SQL shared in shape with the SQLite store) to PostgreSQL's `$1, $2, …`. */
function toPg(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** PostgreSQL text cannot hold NUL: it is dropped from every string (user input and stored text alike). */
function clean(v: unknown): unknown {
  if (typeof v === "string") return v.includes("\u0000") ? v.replace(/\u0000/g, "") : v;
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return v;
}

/** Connection-level failures worth retrying on a new connection (server restart, failover, network blip). */
function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e.code && ["57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"].includes(e.code)) return true;
  return /Connection terminated|connection .*closed|Client has encountered a connection error|terminating connection/i.test(e.message ?? "");
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  /** The database URL without its password (messages, `ingest` summary). */
  readonly path: string;
  /** Matches ranked for one result page: the newest this many (the SQLite store's window; tests lower it). */
  rankWindow = RANK_WINDOW;
  /** Matches counted exactly up to about this many; more are estimated (`approximate`). */
  exactCount = EXACT_COUNT;
  /** How long a transaction is retried while the server is unreachable (ms). */
  retryMs = Number(process.env.DZHERELO_PG_RETRY_MS) || 60_000;

  private constructor(url: string, pool: pg.Pool) {
    this.path = redactUrl(url);
    this.pool = pool;
  }

  static async open(url: string, opts: { readonly?: boolean; max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 4,
      types: TYPES as any,
      idleTimeoutMillis: 30_000,
      // Per session: no JIT compilation (it cost ~70 ms of a 300 ms search at a million articles and never pays
      // off for these short queries), and room to sort a search window (2,000 rows with their tsvector) in memory.
      // (A pooler in between must pass `options` on, e.g. PgBouncer's ignore_startup_parameters / track_extra_parameters.)
      options: process.env.DZHERELO_PG_OPTIONS ?? "-c jit=off -c work_mem=32MB",
    });
    // An idle connection dropped by a server restart must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    const store = new PostgresStore(url, pool);
    try {
      await pool.query("SELECT 1");
    } catch (err) {
      await pool.end().catch(() => {});
      throw new StoreError(`cannot connect to PostgreSQL at ${store.path}: ${(err as Error).message}`);
    }
    try {
      const foreign = await store.all(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'articles'",
      );
      const ours = await store.all(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'dzherelo_schema'",
      );
      if (foreign[0].n > 0 && ours[0].n === 0) {
        throw new StoreError(`${store.path} holds tables of another application (an "articles" table without Dzherelo's schema)`);
      }
      if (opts.readonly) {
        if (ours[0].n === 0) throw new StoreError(`no Dzherelo corpus at ${store.path}; run \`dzherelo migrate\` first`);
        // A corpus of an older schema is brought up to date by a read command too (as SQLite's is): the
        // queries of this program need the current schema.
        const v = (await store.one("SELECT max(version) AS v FROM dzherelo_schema"))?.v ?? 0;
        if (v < PG_SCHEMA_VERSION) await store.migrate();
      } else {
        await store.migrate();
      }
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  async migrate(): Promise<void> {
    const c = await this.pool.connect();
    c.on("error", noop);
    try {
      await c.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK]);
      await c.query("CREATE TABLE IF NOT EXISTS dzherelo_schema (version INTEGER NOT NULL)");
      const cur = (await c.query("SELECT max(version) AS v FROM dzherelo_schema")).rows[0].v ?? 0;
      if (cur > PG_SCHEMA_VERSION) {
        throw new StoreError(`${this.path} has schema version ${cur}, newer than this program (${PG_SCHEMA_VERSION}); upgrade dzherelo`);
      }
      for (const m of PG_MIGRATIONS) {
        if (m.version <= cur) continue;
        await c.query("BEGIN");
        try {
          await c.query(m.sql);
          await c.query("INSERT INTO dzherelo_schema (version) VALUES ($1)", [m.version]);
          await c.query("COMMIT");
        } catch (err) {
          await c.query("ROLLBACK");
          throw err;
        }
      }
    } finally {
      await c.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK]).catch(() => {});
      c.off("error", noop);
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }

  /** No write-ahead file to fold in (SQLite's `checkpoint`); kept so commands can call it on either store. */
  checkpoint(): void {}

  // ---------------------------------------------------------------- plumbing

  private async all(sql: string, args: unknown[] = [], c: Querier = this.pool): Promise<Row[]> {
    return (await c.query(toPg(sql), args.map(clean))).rows;
  }

  private async one(sql: string, args: unknown[] = [], c: Querier = this.pool): Promise<Row | undefined> {
    return (await this.all(sql, args, c))[0];
  }

  /** Runs `fn` in one transaction, retried on a new connection while the server is unreachable. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.retryMs;
    for (let attempt = 0; ; attempt++) {
      let c: pg.PoolClient | null = null;
      try {
        c = await this.pool.connect();
        // A server restart while this client is checked out must fail the transaction, not crash the process.
        c.on("error", noop);
        await c.query("BEGIN");
        const out = await fn(c);
        await c.query("COMMIT");
        c.off("error", noop);
        c.release();
        return out;
      } catch (err) {
        if (c) {
          await c.query("ROLLBACK").catch(() => {});
          c.off("error", noop);
          // A connection that failed is destroyed, not returned to the pool.
          c.release(isConnectionError(err) ? (err as Error) : undefined);
        }
        if (!isConnectionError(err) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  /** Reads are retried the same way (a search during a failover waits rather than fails). */
  private async read<T>(fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.retryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isConnectionError(err) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  // ---------------------------------------------------------------- writing

  async has(sha256: string): Promise<boolean> {
    return this.read(async () => !!(await this.one("SELECT 1 FROM articles WHERE sha256 = ?", [sha256])));
  }

  /** The set of the given hashes that are stored. */
  async hasMany(hashes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < hashes.length; i += 5000) {
      const rows = await this.read(() => this.all("SELECT sha256 FROM articles WHERE sha256 = ANY(?)", [hashes.slice(i, i + 5000)]));
      for (const r of rows) out.add(r.sha256);
    }
    return out;
  }

  async putArticle(raw: RawInput, article: Article): Promise<PutResult> {
    return (await this.putArticles([{ raw, article }]))[0];
  }

  async putArticles(items: Array<{ raw: RawInput; article: Article; prepared?: PreparedArticle }>): Promise<PutResult[]> {
    // CPU work (compression, stems, signature) before taking any lock.
    const ready = items.map(({ raw, article, prepared }) => ({ raw, article, p: prepared ?? prepareArticle(raw, article) }));
    return this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [ENTITY_LOCK]);
      const out: PutResult[] = [];
      for (const { raw, article, p } of ready) out.push(await this.insertOne(c, raw, article, p));
      return out;
    });
  }

  private async insertOne(c: Querier, raw: RawInput, article: Article, p: PreparedArticle): Promise<PutResult> {
    const doc: Article = { ...article, id: p.id };
    const rawMeta = JSON.stringify({
      url: raw.url ?? null,
      published: raw.published ?? null,
      publisher: raw.publisher ?? null,
      title: raw.title ?? null,
      lang: raw.lang ?? null,
      ...(raw.authors?.length ? { authors: raw.authors } : {}),
    });
    const ins = await this.one(
      `INSERT INTO articles (id, sha256, lang, url, published, publisher, publisher_norm, title, origin, raw_kind, raw,
         raw_meta, doc, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (sha256) DO NOTHING RETURNING rowid`,
      [
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
        p.raw,
        rawMeta,
        p.doc,
        new Date().toISOString(),
      ],
      c,
    );
    if (!ins) {
      const existing = await this.one("SELECT id FROM articles WHERE sha256 = ?", [raw.sha256], c);
      return { id: existing!.id, created: false };
    }
    await this.indexDerived(c, ins.rowid, doc, p);
    return { id: p.id, created: true };
  }

  /**
   * Everything derived from the Article (as the SQLite store): index, entities, quotes, sources, figures,
   * signature. Written in a fixed, small number of round trips (multi-row inserts, one look-up of every name
   * the article's entities could join on): the round trips, not the server's work, bound a worker's writes.
   */
  private async indexDerived(c: Querier, rowid: number, doc: Article, p: Pick<PreparedArticle, "ftsTitle" | "ftsBody" | "sig">): Promise<void> {
    const local = await this.resolveEntities(c, doc.entities ?? []);
    const counted = new Map<number, number>();
    for (const e of doc.entities ?? []) {
      const gid = local.get(e.id)!;
      counted.set(gid, (counted.get(gid) ?? 0) + Math.max(1, e.mentions?.length ?? 0));
    }
    if (counted.size) {
      const ids = [...counted.keys()];
      const ns = ids.map((id) => counted.get(id)!);
      await this.all("INSERT INTO mentions (article, entity, count) SELECT ?, e, n FROM unnest(?::bigint[], ?::int[]) AS t(e, n)", [rowid, ids, ns], c);
      await this.all(
        "UPDATE entities SET articles = articles + 1, mentions = mentions + t.n FROM unnest(?::bigint[], ?::int[]) AS t(e, n) WHERE entities.id = t.e",
        [ids, ns],
        c,
      );
    }
    const sourceNames = new Map<string, string>();
    for (const s of doc.sources ?? []) sourceNames.set(s.id, s.name);
    await this.insertRows(
      c,
      "INSERT INTO sources (article, sid, name, skel, entity, cites) VALUES % ON CONFLICT DO NOTHING",
      (doc.sources ?? []).map((s) => [
        rowid,
        s.id,
        s.name,
        nameStemSkeleton(s.name),
        s.entity ? local.get(s.entity) ?? null : null,
        JSON.stringify((s.cites ?? []).map((x) => sourceNames.get(x) ?? x)),
      ]),
    );
    await this.insertRows(
      c,
      "INSERT INTO quotes (article, published, qid, kind, text, speaker_name, speaker_skel, speaker_entity, via) VALUES %",
      (doc.quotes ?? []).map((q) => {
        const sp = q.speaker;
        return [
          rowid,
          doc.published ?? null,
          q.id,
          q.kind,
          q.text,
          sp?.name ?? null,
          sp?.name ? nameStemSkeleton(sp.name) : null,
          sp?.entity ? local.get(sp.entity) ?? null : null,
          JSON.stringify((q.via ?? []).map((v) => sourceNames.get(v) ?? v)),
        ];
      }),
    );
    await this.insertRows(
      c,
      "INSERT INTO figures (article, text, value, unit, approx) VALUES %",
      (doc.figures ?? []).map((f) => [rowid, f.text, f.value ?? null, f.unit ?? null, !!f.approx]),
    );
    await this.all(
      `UPDATE articles SET fts = setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'),
         sig = ?, clustered = false, story = NULL, dup_of = NULL WHERE rowid = ?`,
      [p.ftsTitle, p.ftsBody, p.sig, rowid],
      c,
    );
  }

  /** One multi-row INSERT (`%` stands for the VALUES list), in chunks well under PostgreSQL's parameter limit. */
  private async insertRows(c: Querier, sql: string, rows: unknown[][]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const tuple = `(${chunk[0].map(() => "?").join(", ")})`;
      await this.all(sql.replace("%", chunk.map(() => tuple).join(", ")), chunk.flat(), c);
    }
  }

  /**
   * The global entity of each of an article's entities, with the rules of SqliteStore.resolveEntity applied in
   * order (a later entity of the article sees the names an earlier one added): by the stage's key when given;
   * else by any of its names' skeletons among entities of the same type (the one in most articles); else a new
   * entity keyed by type and name skeleton. Everything it could match is read in two queries up front. The
   * caller holds ENTITY_LOCK, so nothing read here changes underneath.
   */
  private async resolveEntities(c: Querier, entities: Entity[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!entities.length) return out;
    const plan = entities.map((e) => {
      const { names, skels, surnames, bySurname } = entityNames(e);
      const derivedKey = `${e.type.toLowerCase()}:${nameSkeleton(e.name) || e.name.toLowerCase()}`;
      return { e, names, skels, surnames, bySurname, derivedKey };
    });
    interface Ent {
      id: number;
      key: string;
      keyed: boolean;
      type: string;
      articles: number;
    }
    const byId = new Map<number, Ent>();
    const byKey = new Map<string, Ent>();
    const bySkel = new Map<string, Set<number>>();
    const addSkel = (skel: string, id: number) => {
      let set = bySkel.get(skel);
      if (!set) bySkel.set(skel, (set = new Set()));
      set.add(id);
    };
    const keys = uniq(plan.flatMap((x) => (x.e.key ? [x.e.key, x.derivedKey] : [x.derivedKey])));
    for (const r of await this.all("SELECT id, key, keyed, type, articles FROM entities WHERE key = ANY(?)", [keys], c)) {
      byId.set(r.id, r as Ent);
      byKey.set(r.key, r as Ent);
    }
    const allSkels = uniq(plan.flatMap((x) => [...x.skels, ...x.bySurname]));
    for (const r of await this.all(
      "SELECT n.skel, e.id, e.key, e.keyed, e.type, e.articles FROM entity_names n JOIN entities e ON e.id = n.entity WHERE n.skel = ANY(?)",
      [allSkels],
      c,
    )) {
      if (!byId.has(r.id)) {
        byId.set(r.id, { id: r.id, key: r.key, keyed: r.keyed, type: r.type, articles: r.articles });
        byKey.set(r.key, byId.get(r.id)!);
      }
      addSkel(r.skel, r.id);
    }
    const findByNames = (skels: string[], type: string, onlyUnkeyed: boolean): Ent | undefined => {
      let best: Ent | undefined;
      for (const sk of skels)
        for (const id of bySkel.get(sk) ?? []) {
          const x = byId.get(id)!;
          if (x.type !== type || (onlyUnkeyed && x.keyed)) continue;
          if (!best || x.articles > best.articles || (x.articles === best.articles && x.id < best.id)) best = x;
        }
      return best;
    };
    // The one entity of this type the surname keys point to (see SqliteStore.findBySurname).
    const findBySurname = (keys: string[], type: string): Ent | undefined => {
      const ids = new Set<number>();
      for (const sk of keys) for (const id of bySkel.get(sk) ?? []) if (byId.get(id)!.type === type) ids.add(id);
      return ids.size === 1 ? byId.get([...ids][0]) : undefined;
    };
    const nameRows: unknown[][] = [];
    for (const { e, names, skels, surnames, bySurname, derivedKey } of plan) {
      let ent: Ent | undefined;
      if (e.key) {
        ent = byKey.get(e.key);
        if (!ent) {
          const byName = findByNames(skels, e.type, true);
          if (byName) {
            await this.all("UPDATE entities SET key = ?, keyed = true WHERE id = ?", [e.key, byName.id], c);
            byKey.delete(byName.key);
            byName.key = e.key;
            byName.keyed = true;
            byKey.set(e.key, byName);
            ent = byName;
          }
        }
      } else {
        ent = findByNames(skels, e.type, false) ?? findBySurname(bySurname, e.type);
      }
      if (!ent) {
        const key = e.key ?? derivedKey;
        ent = byKey.get(key);
        if (!ent) {
          const r = (await this.one("INSERT INTO entities (key, keyed, name, type) VALUES (?, ?, ?, ?) RETURNING id", [key, !!e.key, e.name, e.type], c))!;
          ent = { id: r.id, key, keyed: !!e.key, type: e.type, articles: 0 };
          byId.set(ent.id, ent);
          byKey.set(key, ent);
        }
      }
      const gid = ent.id;
      out.set(e.id, gid);
      const add = (skel: string, name: string) => {
        nameRows.push([skel, gid, name]);
        addSkel(skel, gid);
      };
      for (const n of names) {
        const a = nameSkeleton(n);
        if (a) add(a, n);
        const b = nameStemSkeleton(n);
        if (b && b !== a) add(b, n);
      }
      // Surname entries ("~" mark) as in the SQLite store: a last-resort look-up, never used to join a fully named person.
      for (const [sk, n] of surnames) add(sk, n);
    }
    await this.insertRows(c, "INSERT INTO entity_names (skel, entity, name) VALUES % ON CONFLICT DO NOTHING", uniqRows(nameRows));
    return out;
  }

  // ---------------------------------------------------------------- reading

  async getArticle(id: string): Promise<Article | null> {
    const row = await this.read(() => this.one("SELECT doc FROM articles WHERE id = ?", [id]));
    return row ? (JSON.parse(inflateRawSync(row.doc).toString("utf8")) as Article) : null;
  }

  async getRaw(id: string): Promise<RawInput | null> {
    const row = await this.read(() => this.one("SELECT sha256, raw_kind, raw, raw_meta, origin FROM articles WHERE id = ?", [id]));
    return row ? rowToRaw(row) : null;
  }

  private async entityIds(name: string): Promise<number[]> {
    const a = nameSkeleton(name);
    const b = nameStemSkeleton(name);
    for (const sk of uniq([a, b, "~" + a, "~" + b])) {
      if (!sk || sk === "~") continue;
      const rows = await this.all("SELECT DISTINCT entity FROM entity_names WHERE skel = ?", [sk]);
      if (rows.length) return rows.map((r) => r.entity);
    }
    return [];
  }

  private async nameSkels(name: string, ids: number[]): Promise<string[]> {
    const out = new Set([nameStemSkeleton(name)]);
    if (ids.length) for (const r of await this.all("SELECT name FROM entity_names WHERE entity = ANY(?)", [ids])) out.add(nameStemSkeleton(r.name));
    out.delete("");
    return [...out];
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.read(() => this.searchOnce(query));
  }

  private async searchOnce(query: SearchQuery): Promise<SearchResult> {
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
      const ids = await this.entityIds(query.entity);
      where.push(`a.rowid IN (SELECT article FROM mentions WHERE entity IN (${placeholders(ids.length)}))`);
      args.push(...ids);
    }
    if (query.speaker) {
      const ids = await this.entityIds(query.speaker);
      const skels = await this.nameSkels(query.speaker, ids);
      where.push(`a.rowid IN (SELECT article FROM quotes WHERE speaker_entity IN (${placeholders(ids.length)}) OR speaker_skel IN (${placeholders(skels.length)}))`);
      args.push(...ids, ...skels);
    }
    if (query.source) {
      const ids = await this.entityIds(query.source);
      const skels = await this.nameSkels(query.source, ids);
      where.push(`a.rowid IN (SELECT article FROM sources WHERE entity IN (${placeholders(ids.length)}) OR skel IN (${placeholders(skels.length)}))`);
      args.push(...ids, ...skels);
    }
    const { limit, offset } = page(query);
    const terms = query.q ? queryTerms(query.q) : [];
    let total: number;
    let approximate = false;
    let rows: Row[];
    const count = async (cond: string, cargs: unknown[], est?: number) => {
      const c = await this.countMatches(cond, cargs, "articles a", est);
      approximate = c.approximate;
      return c.n;
    };
    if (terms.length) {
      // The query is the stems joined by spaces, parsed as plain text (never tsquery syntax); every stem must
      // match (AND), as in the SQLite store. Title weighs 4× the body (weights {D,C,B,A} = {0, 0, 0.25, 1}).
      const match = "a.fts @@ plainto_tsquery('simple', ?)";
      const cond = [match, ...where].join(" AND ");
      const text = terms.join(" ");
      if (offset + limit <= this.rankWindow) {
        // As in the SQLite store, only the RANK_WINDOW most recently stored matches are ranked. They are found
        // first, and only they are ranked; the page's rows are read last. A word in many articles has its window
        // looked for among the newest rows only — twice the rows the planner's estimate says hold RANK_WINDOW
        // matches, an intersection of the GIN and row-id index bitmaps — so about 2 × RANK_WINDOW rows are read,
        // not every match; when that range holds fewer than RANK_WINDOW matches, the whole corpus is searched.
        // The window's size is the total when it is not full.
        const window = (bound: number) =>
          this.all(
            `WITH w AS (SELECT a.rowid, a.fts FROM articles a WHERE ${cond}${bound ? ` AND a.rowid > ${bound}` : ""} ORDER BY a.rowid DESC LIMIT ${this.rankWindow}),
               r AS (SELECT w.rowid, ts_rank('{0, 0, 0.25, 1}', w.fts, plainto_tsquery('simple', ?), 1) AS rank, count(*) OVER () AS n
                     FROM w ORDER BY rank DESC, w.rowid LIMIT ? OFFSET ?)
             SELECT r.n, r.rank, a.rowid, a.id, a.title, a.url, a.published, a.publisher, a.lang, a.doc
             FROM r JOIN articles a ON a.rowid = r.rowid ORDER BY r.rank DESC, r.rowid`,
            [text, ...args, text, limit, offset],
          );
        const est = await this.estimateRows(cond, [text, ...args]);
        let bound = 0;
        if (est > 6 * this.rankWindow) {
          // Only for a range of at most a third of the rows (a longer one costs more in the row-id index than it
          // saves) and a word in at most an eighth of them (the newest rows hold its window anyway: walking the
          // row-id index back finds it sooner than the GIN index lists every match).
          const top = Number((await this.one("SELECT max(rowid) AS m FROM articles"))?.m ?? 0);
          if (est <= top / 8) bound = Math.floor(top - (2 * this.rankWindow * top) / est);
        }
        rows = await window(bound);
        if (bound > 0 && (!rows.length || Number(rows[0].n) < this.rankWindow)) rows = await window(0);
        // A page past the last match has no row to carry the window's size: the matches are counted (exact
        // below the count limit, so a small result keeps its true total rather than the window's size).
        const inWindow = rows.length ? Number(rows[0].n) : offset ? null : 0;
        if (inWindow !== null && inWindow < this.rankWindow) total = inWindow;
        else {
          const n = await count(cond, [text, ...args], est);
          total = inWindow === null ? n : Math.max(this.rankWindow, n);
        }
      } else {
        // Paging past the window ranks every match.
        total = await count(cond, [text, ...args]);
        rows = await this.all(
          `SELECT a.rowid, a.id, a.title, a.url, a.published, a.publisher, a.lang, a.doc,
             ts_rank('{0, 0, 0.25, 1}', a.fts, plainto_tsquery('simple', ?), 1) AS rank
           FROM articles a WHERE ${cond} ORDER BY rank DESC, a.rowid LIMIT ? OFFSET ?`,
          [text, text, ...args, limit, offset],
        );
      }
    } else {
      // Newest first, straight from an index in that order (articles_order, _lang_order, _publisher_order).
      const cond = where.length ? where.join(" AND ") : "true";
      total = await count(cond, args);
      rows = await this.all(
        `SELECT a.rowid, a.id, a.title, a.url, a.published, a.publisher, a.lang, a.doc, 0 AS rank FROM articles a
         WHERE ${cond} ORDER BY a.published DESC NULLS LAST, a.rowid DESC LIMIT ? OFFSET ?`,
        [...args, limit, offset],
      );
    }
    const termSet = new Set(terms);
    const hits: SearchHit[] = rows.map((r) => {
      const doc = JSON.parse(inflateRawSync(r.doc).toString("utf8")) as Article;
      return {
        articleId: r.id,
        title: r.title,
        url: r.url,
        published: r.published,
        publisher: r.publisher,
        lang: r.lang,
        snippet: makeSnippet(doc.text ?? "", termSet),
        score: r.rank ? Number(r.rank) : 0,
      };
    });
    return approximate ? { total, hits, approximate } : { total, hits };
  }

  /**
   * How many articles match: counted exactly up to EXACT_COUNT articles; beyond that the planner's estimate
   * (from the column statistics: word frequencies of the tsvector, histograms of dates), flagged approximate.
   * Counting a word in a third of a million articles reads every matching row; a result page says "about".
   */
  private async countMatches(cond: string, args: unknown[], from = "articles a", est?: number): Promise<{ n: number; approximate: boolean }> {
    est ??= await this.estimateRows(cond, args, from);
    if (est <= this.exactCount) return { n: (await this.one(`SELECT count(*) AS n FROM ${from} WHERE ${cond}`, args))!.n, approximate: false };
    return { n: Math.round(est), approximate: true };
  }

  /** The planner's estimate of the rows matching `cond` (a plan, no execution). */
  private async estimateRows(cond: string, args: unknown[], from = "articles a"): Promise<number> {
    const plan = await this.one(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} WHERE ${cond}`, args);
    return Number(plan?.["QUERY PLAN"]?.[0]?.Plan?.["Plan Rows"] ?? 0);
  }

  async quotes(query: QuotesQuery): Promise<QuotesResult> {
    return this.read(async () => {
      if (query.speaker && !query.about) return this.quotesBySpeaker(query.speaker, query);
      const where: string[] = [];
      const args: unknown[] = [];
      addDateFilter(where, args, query, "a.published");
      if (query.lang) {
        where.push("a.lang = ?");
        args.push(query.lang);
      }
      if (query.speaker) {
        const ids = await this.entityIds(query.speaker);
        const skels = await this.nameSkels(query.speaker, ids);
        where.push(`(q.speaker_entity IN (${placeholders(ids.length)}) OR q.speaker_skel IN (${placeholders(skels.length)}))`);
        args.push(...ids, ...skels);
      }
      if (query.about) {
        const ids = await this.entityIds(query.about);
        where.push(`q.article IN (SELECT article FROM mentions WHERE entity IN (${placeholders(ids.length)}))`);
        args.push(...ids);
        const names = await this.aboutNames(ids, query.about);
        where.push(`(${names.map(() => INSTR).join(" OR ") || "false"})`);
        args.push(...names);
        if (ids.length) {
          where.push(`(q.speaker_entity IS NULL OR q.speaker_entity NOT IN (${placeholders(ids.length)}))`);
          args.push(...ids);
        }
      }
      return this.queryQuotes(where, args, page(query));
    });
  }

  /**
   * A speaker's quotes, newest first: one walk per speaker key (entity id, name skeleton) down the index in the
   * page's order (quotes_entity_order, quotes_skel_order), each stopping after offset + limit quotes; the union
   * of those walks holds the page. A speaker with 200,000 quotes costs a page, not a sort of all of them.
   */
  private async quotesBySpeaker(speaker: string, query: QuotesQuery): Promise<QuotesResult> {
    const ids = await this.entityIds(speaker);
    const skels = await this.nameSkels(speaker, ids);
    const p = page(query);
    const where: string[] = [];
    const args: unknown[] = [];
    addDateFilter(where, args, query, "q.published");
    if (query.lang) {
      where.push("a.lang = ?");
      args.push(query.lang);
    }
    const join = query.lang ? "JOIN articles a ON a.rowid = q.article" : "";
    const extra = where.map((w) => ` AND ${w}`).join("");
    const order = "ORDER BY q.published DESC NULLS LAST, q.rowid DESC";
    const walk = (col: string) =>
      `LATERAL (SELECT q.rowid, q.published FROM quotes q ${join} WHERE q.${col} = k.v${extra} ${order} LIMIT ${p.offset + p.limit}) x`;
    const rows = await this.all(
      `WITH c AS (
         SELECT x.rowid, x.published FROM unnest(?::bigint[]) AS k(v), ${walk("speaker_entity")}
         UNION
         SELECT x.rowid, x.published FROM unnest(?::text[]) AS k(v), ${walk("speaker_skel")}),
       pg AS (SELECT rowid, published FROM c ORDER BY published DESC NULLS LAST, rowid DESC LIMIT ? OFFSET ?)
       SELECT q.*, a.id AS article_id, a.published, a.publisher, a.title, a.url, a.lang
       FROM pg JOIN quotes q ON q.rowid = pg.rowid JOIN articles a ON a.rowid = q.article
       ORDER BY pg.published DESC NULLS LAST, pg.rowid DESC`,
      [ids, ...args, skels, ...args, p.limit, p.offset],
    );
    let total: number;
    let approximate = false;
    if (rows.length && rows.length < p.limit) total = p.offset + rows.length;
    else if (!rows.length && !p.offset) total = 0;
    else {
      const cond = [`(q.speaker_entity IN (${placeholders(ids.length)}) OR q.speaker_skel IN (${placeholders(skels.length)}))`, ...where].join(" AND ");
      const c = await this.countMatches(cond, [...ids, ...skels, ...args], `quotes q ${join}`);
      total = Math.max(c.n, rows.length ? p.offset + rows.length : 0);
      approximate = c.approximate;
    }
    const quotes = rows.map(toStoredQuote);
    return approximate ? { total, quotes, approximate } : { total, quotes };
  }

  private async aboutNames(ids: number[], given: string): Promise<string[]> {
    const out = new Set<string>([stemName(given)]);
    if (ids.length) for (const r of await this.all("SELECT name FROM entity_names WHERE entity = ANY(?)", [ids])) out.add(stemName(r.name));
    out.delete("");
    return [...out].slice(0, 50);
  }

  private async queryQuotes(where: string[], args: unknown[], p: { limit: number; offset: number }): Promise<QuotesResult> {
    const cond = where.length ? where.join(" AND ") : "true";
    const total = (await this.one(`SELECT count(*) AS n FROM quotes q JOIN articles a ON a.rowid = q.article WHERE ${cond}`, args))!.n;
    const rows = await this.all(
      `SELECT q.*, a.id AS article_id, a.published, a.publisher, a.title, a.url, a.lang
       FROM quotes q JOIN articles a ON a.rowid = q.article
       WHERE ${cond} ORDER BY a.published DESC NULLS LAST, q.rowid DESC LIMIT ? OFFSET ?`,
      [...args, p.limit, p.offset],
    );
    return { total, quotes: rows.map(toStoredQuote) };
  }

  async entity(nameOrAlias: string): Promise<EntityReport | null> {
    return this.read(async () => {
      const ids = await this.entityIds(nameOrAlias);
      if (!ids.length) return null;
      const row = (await this.one("SELECT * FROM entities WHERE id = ANY(?) ORDER BY articles DESC, id LIMIT 1", [ids]))!;
      const entity = await this.toEntity(row);
      const by = await this.queryQuotes(["q.speaker_entity = ?"], [row.id], { limit: 10, offset: 0 });
      const names = await this.aboutNames([row.id], row.name);
      const about = await this.queryQuotes(
        [
          "q.article IN (SELECT article FROM mentions WHERE entity = ?)",
          "(q.speaker_entity IS NULL OR q.speaker_entity <> ?)",
          `(${names.map(() => INSTR).join(" OR ") || "false"})`,
        ],
        [row.id, row.id, ...names],
        { limit: 10, offset: 0 },
      );
      const co = await this.all(
        `SELECT e.*, count(*) AS together FROM mentions m1 JOIN mentions m2 ON m2.article = m1.article AND m2.entity <> m1.entity
         JOIN entities e ON e.id = m2.entity WHERE m1.entity = ? GROUP BY e.id ORDER BY together DESC, e.articles DESC, e.id LIMIT 10`,
        [row.id],
      );
      return {
        entity,
        quotesBy: by.quotes,
        quotesByTotal: by.total,
        quotesAbout: about.quotes,
        quotesAboutTotal: about.total,
        cooccurring: await Promise.all(co.map(async (r) => ({ entity: await this.toEntity(r), articles: r.together }))),
      };
    });
  }

  private async toEntity(r: Row): Promise<GlobalEntity> {
    // Names in the order of their skeletons, then byte order (the order SQLite's (entity, skel, name) index gives).
    const aliases = (
      await this.all('SELECT name FROM entity_names WHERE entity = ? GROUP BY name ORDER BY min(skel), name COLLATE "C" LIMIT 50', [r.id])
    ).map((x) => x.name as string);
    return { id: String(r.id), key: r.key, name: r.name, type: r.type, aliases: aliases.filter((a) => a !== r.name), articles: r.articles, mentions: r.mentions };
  }

  async entities(query: EntitiesQuery): Promise<{ total: number; entities: GlobalEntity[] }> {
    return this.read(async () => {
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
      const total = (await this.one(`SELECT count(*) AS n FROM entities WHERE ${cond}`, args))!.n;
      const rows = await this.all(`SELECT * FROM entities WHERE ${cond} ORDER BY articles DESC, mentions DESC, id LIMIT ? OFFSET ?`, [...args, limit, offset]);
      return { total, entities: await Promise.all(rows.map((r) => this.toEntity(r))) };
    });
  }

  // ---------------------------------------------------------------- stories

  /** Clusters every not-yet-clustered article (as the SQLite store), one clusterer at a time across workers. */
  async cluster(): Promise<void> {
    await this.clusterRun(true);
  }

  /** Clusters unless another process is clustering right now (that one will take the new articles too). */
  async clusterIfFree(): Promise<boolean> {
    return this.clusterRun(false);
  }

  private async clusterRun(wait: boolean): Promise<boolean> {
    for (;;) {
      const r = await this.tx(async (c) => {
        if (wait) await c.query("SELECT pg_advisory_xact_lock($1)", [CLUSTER_LOCK]);
        else if (!(await c.query("SELECT pg_try_advisory_xact_lock($1) AS ok", [CLUSTER_LOCK])).rows[0].ok) return -1;
        const pending = await this.all("SELECT rowid FROM articles WHERE NOT clustered ORDER BY rowid LIMIT 500", [], c);
        for (const p of pending) await this.clusterOne(c, p.rowid);
        return pending.length;
      });
      if (r < 0) return false;
      if (r < 500) return true;
    }
  }

  private async clusterOne(c: Querier, rowid: number): Promise<void> {
    const a = (await this.one("SELECT rowid, sig, published, lang FROM articles WHERE rowid = ?", [rowid], c))!;
    const sig = sigFromBuffer(a.sig);
    const bs = bands(sig);
    const cand = new Set<number>();
    if (bs.length) {
      const rows = await this.all(
        `SELECT b.band, l.article FROM unnest(?::int[], ?::int[]) AS b(band, hash)
         CROSS JOIN LATERAL (SELECT article FROM lsh WHERE lsh.band = b.band AND lsh.hash = b.hash ORDER BY article DESC LIMIT ${BUCKET_CANDIDATES}) l`,
        [bs.map((_, i) => i), bs],
        c,
      );
      for (const r of rows) if (r.article !== rowid) cand.add(r.article);
    }
    // Stories this article links (a candidate at or above SAME_STORY in each): merged into one, as in SQLite.
    const linked = new Set<number>();
    let dup: number | null = null;
    if (cand.size) {
      const ids = [...cand];
      const rows = await this.all("SELECT rowid, sig, published, lang, story, dup_of FROM articles WHERE rowid = ANY(?) AND story IS NOT NULL", [ids], c);
      const shared = new Map<number, number>();
      const total = (await this.one("SELECT max(rowid) AS n FROM articles", [], c))!.n ?? 0;
      for (const r of await this.all(
        `SELECT m2.article, count(*) AS n FROM mentions m1 JOIN entities e ON e.id = m1.entity AND e.articles <= ?
         JOIN mentions m2 ON m2.entity = m1.entity WHERE m1.article = ? AND m2.article = ANY(?) GROUP BY m2.article`,
        [rareEntityLimit(total), rowid, ids],
        c,
      )) {
        shared.set(r.article, r.n);
      }
      // Candidates in rowid order, as SQLite returns them, so ties break the same way on both backends.
      rows.sort((x, y) => x.rowid - y.rowid);
      for (const cd of rows) {
        const j = similarity(sig, sigFromBuffer(cd.sig));
        const score = storySimilarity(j, shared.get(cd.rowid) ?? 0, a.published, cd.published);
        if (score >= SAME_STORY) linked.add(Number(cd.story));
        if (j >= NEAR_DUPLICATE && cd.lang === a.lang && score > 0 && (dup === null || cd.rowid < dup)) dup = cd.dup_of ?? cd.rowid;
      }
    }
    let story: number | null = linked.size ? await this.mergeStories(c, [...linked], a.published) : null;
    if (story !== null) {
      await this.all(
        `UPDATE stories SET size = size + 1,
           first_published = CASE WHEN ?::text IS NOT NULL AND (first_published IS NULL OR ?::text < first_published) THEN ?::text ELSE first_published END,
           last_published = CASE WHEN ?::text IS NOT NULL AND (last_published IS NULL OR ?::text > last_published) THEN ?::text ELSE last_published END
         WHERE id = ?`,
        [a.published, a.published, a.published, a.published, a.published, a.published, story],
        c,
      );
    } else {
      story = (await this.one("INSERT INTO stories (first_published, last_published, size) VALUES (?, ?, 1) RETURNING id", [a.published, a.published], c))!.id;
    }
    await this.all("UPDATE articles SET story = ?, dup_of = ?, clustered = true WHERE rowid = ?", [story, dup, rowid], c);
    if (bs.length) {
      await this.all("INSERT INTO lsh (band, hash, article) SELECT b, h, ? FROM unnest(?::int[], ?::int[]) AS t(b, h) ON CONFLICT DO NOTHING", [rowid, bs.map((_, i) => i), bs], c);
    }
  }

  /**
   * Merges the stories an article links into one, as the SQLite store does (`storiesToJoin`): the others'
   * articles move to the one kept, its size and dates take theirs, their rows go. The story the article joins,
   * null for none.
   */
  private async mergeStories(c: Querier, ids: number[], published: string | null): Promise<number | null> {
    const rows = (await this.all("SELECT id, size, first_published AS first, last_published AS last FROM stories WHERE id = ANY(?)", [ids], c)) as StorySpan[];
    const plan = storiesToJoin(rows, published);
    if (!plan) return null;
    const { keep, absorb } = plan;
    if (!absorb.length) return keep.id;
    const others = absorb.map((r) => r.id);
    await this.all("UPDATE articles SET story = ? WHERE story = ANY(?)", [keep.id, others], c);
    await this.all("DELETE FROM stories WHERE id = ANY(?)", [others], c);
    let { size, first, last } = keep;
    for (const r of absorb) {
      size += r.size;
      if (r.first !== null && (first === null || r.first < first)) first = r.first;
      if (r.last !== null && (last === null || r.last > last)) last = r.last;
    }
    await this.all("UPDATE stories SET size = ?, first_published = ?, last_published = ? WHERE id = ?", [size, first, last, keep.id], c);
    return keep.id;
  }

  async stories(query: StoriesQuery): Promise<{ total: number; stories: StorySummary[] }> {
    return this.read(async () => {
      const where: string[] = ["s.size >= ?"];
      const args: unknown[] = [query.minSize ?? 2];
      addDateFilter(where, args, query, "s.first_published");
      const { limit, offset } = page(query);
      const cond = where.join(" AND ");
      const total = (await this.one(`SELECT count(*) AS n FROM stories s WHERE ${cond}`, args))!.n;
      const rows = await this.all(
        `SELECT s.* FROM stories s WHERE ${cond} ORDER BY s.first_published DESC NULLS LAST, s.size DESC, s.id DESC LIMIT ? OFFSET ?`,
        [...args, limit, offset],
      );
      return { total, stories: await Promise.all(rows.map((r) => this.storySummary(r))) };
    });
  }

  private async storySummary(s: Row): Promise<StorySummary> {
    const arts = await this.all(
      "SELECT title, lang, publisher, published FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid LIMIT 200",
      [s.id],
    );
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
    if (!/^\d{1,15}$/.test(id)) return null;
    return this.read(async () => {
      const s = await this.one("SELECT * FROM stories WHERE id = ?", [Number(id)]);
      if (!s) return null;
      const rows = await this.all(
        "SELECT rowid, id, title, url, published, publisher, lang, dup_of FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid",
        [s.id],
      );
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
      const srcRows = await this.all(
        `SELECT s.article, a.publisher, s.name, s.cites, e.name AS ename FROM sources s JOIN articles a ON a.rowid = s.article
         LEFT JOIN entities e ON e.id = s.entity WHERE s.article = ANY(?) ORDER BY s.article, s.sid`,
        [rowids],
      );
      // Per article: each source under its corpus-wide name (Yonhap and Йонхап are one agency); a source that
      // reached the article only through another (Укрінформ citing Yonhap) is not the outlet's own citation:
      // it shows as the far end of that source's chain, not as an edge of its own.
      const display = new Map<string, string>();
      const relayed = new Set<string>();
      for (const r of srcRows) display.set(`${r.article}\u0000${r.name}`, r.ename ?? r.name);
      const shown = (article: string, name: string) => display.get(`${article}\u0000${name}`) ?? name;
      for (const r of srcRows) for (const x of JSON.parse(r.cites) as string[]) relayed.add(`${r.article}\u0000${shown(r.article, x)}`);
      const edges = new Map<string, CitationEdge>();
      for (const r of srcRows) {
        const outlet = r.publisher ?? "?";
        const source = r.ename ?? r.name;
        if (normOutlet(outlet) === normOutlet(source)) continue;
        if (relayed.has(`${r.article}\u0000${source}`)) continue;
        const k = `${outlet}\u0000${source}`;
        const e: CitationEdge = edges.get(k) ?? { outlet, source, via: [], articles: 0 };
        e.articles++;
        for (const x of JSON.parse(r.cites) as string[]) {
          const name = shown(r.article, x);
          if (!e.via.includes(name)) e.via.push(name);
        }
        edges.set(k, e);
      }
      const figRows = await this.all(
        `SELECT f.text, f.value, f.unit, f.approx, a.id AS article_id, a.publisher FROM figures f JOIN articles a ON a.rowid = f.article
         WHERE f.article = ANY(?) ORDER BY f.article, f.seq`,
        [rowids],
      );
      return {
        story: await this.storySummary(s),
        articles,
        firstReport: articles[0] ?? null,
        citations: [...edges.values()].sort((a, b) => b.articles - a.articles || a.outlet.localeCompare(b.outlet)),
        figures: figureVariants(figRows),
      };
    });
  }

  // ---------------------------------------------------------------- maintenance

  async reindex(analyzer: Analyzer, onProgress?: (p: ReindexProgress) => void): Promise<ReindexProgress> {
    await this.tx(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock($1)", [ENTITY_LOCK]);
      await c.query("SELECT pg_advisory_xact_lock($1)", [CLUSTER_LOCK]);
      await c.query(`TRUNCATE mentions, entity_names, entities, quotes, sources, figures, lsh, stories RESTART IDENTITY;
        UPDATE articles SET story = NULL, dup_of = NULL, clustered = false, sig = NULL, fts = NULL`);
    });
    const total = (await this.one("SELECT count(*) AS n FROM articles"))!.n;
    const p: ReindexProgress = { done: 0, total, failed: 0 };
    let last = 0;
    for (;;) {
      const rows = await this.all("SELECT rowid, id, sha256, raw_kind, raw, raw_meta, origin FROM articles WHERE rowid > ? ORDER BY rowid LIMIT 64", [last]);
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
      await this.tx(async (c) => {
        await c.query("SELECT pg_advisory_xact_lock($1)", [ENTITY_LOCK]);
        for (const { r, doc } of results) {
          if (!doc) continue;
          const d: Article = { ...doc, id: r.id };
          await this.all(
            "UPDATE articles SET lang = ?, url = ?, published = ?, publisher = ?, publisher_norm = ?, title = ?, doc = ? WHERE rowid = ?",
            [d.lang ?? "und", d.url ?? null, d.published ?? null, d.publisher ?? null, normOutlet(d.publisher), d.title ?? null, deflateRawSync(Buffer.from(JSON.stringify(d), "utf8")), r.rowid],
            c,
          );
          const sig = signature(storyFeatures(`${d.title ?? ""}\n${d.text ?? ""}`));
          await this.indexDerived(c, r.rowid, d, { ftsTitle: stemText(d.title ?? ""), ftsBody: stemText(d.text ?? ""), sig: sig.length ? sigToBuffer(sig) : null });
        }
      });
      p.failed += results.filter((x) => !x.doc).length;
      p.done += rows.length;
      onProgress?.({ ...p });
    }
    await this.cluster();
    return p;
  }

  async stats(): Promise<StoreStats> {
    return this.read(async () => {
      const r = (await this.one(
        `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM entities WHERE articles > 0) AS entities,
           (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM stories WHERE size >= 2) AS stories,
           pg_database_size(current_database()) AS bytes, (SELECT max(version) FROM dzherelo_schema) AS v`,
      ))!;
      return { articles: r.articles, entities: r.entities, quotes: r.quotes, stories: r.stories, bytes: r.bytes, schemaVersion: r.v };
    });
  }
}


/** Rows without repeats (one multi-row INSERT … ON CONFLICT cannot touch the same row twice). */
function uniqRows(rows: unknown[][]): unknown[][] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = JSON.stringify(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Case-folded substring test as the SQLite store does it: SQLite's lower() folds ASCII letters only, and
 * `lower(x COLLATE "C")` is exactly that in PostgreSQL, so both backends find the same quotes.
 */
const INSTR = `strpos(lower(q.text COLLATE "C"), ?) > 0`;
