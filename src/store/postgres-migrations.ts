/**
 * Versioned schema for the PostgreSQL store, its own sequence: it starts at 3 because it was written from SQLite
 * schema 3 (src/store/migrations.ts; SQLite's later versions change SQLite's storage layout only — a separate
 * `bodies` table, filter tags in FTS5 — which PostgreSQL does not need: TOAST keeps large columns out of line,
 * and filters are plain indexed columns). `dzherelo_schema` holds the applied version; migrations run under an
 * advisory lock so that many workers starting at once migrate once.
 *
 * Differences from SQLite, and why:
 * - Full-text search is a `tsvector` column on `articles` over the stemmed title (weight A) and body (weight B)
 *   with the `simple` configuration (PostgreSQL has no Ukrainian configuration; the stems come from our own
 *   stemmer, the same as the SQLite index), indexed with GIN.
 * - Text compared by range or sorted (dates as ISO strings, name skeletons) is `COLLATE "C"`: byte order, as in
 *   SQLite, so `to: "2024-06-30"` ↦ `<= '2024-06-30\uffff'` and prefix scans behave the same.
 */
export const PG_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 3,
    sql: `
      CREATE TABLE articles (
        rowid BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        lang TEXT NOT NULL,
        url TEXT,
        published TEXT COLLATE "C",
        publisher TEXT,
        publisher_norm TEXT COLLATE "C",
        title TEXT,
        origin TEXT,
        raw_kind TEXT NOT NULL,
        raw BYTEA NOT NULL,
        raw_meta TEXT,
        doc BYTEA NOT NULL,
        fts TSVECTOR,
        sig BYTEA,
        story BIGINT,
        dup_of BIGINT,
        clustered BOOLEAN NOT NULL DEFAULT false,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_publisher ON articles(publisher_norm, published);
      CREATE INDEX articles_story ON articles(story);
      CREATE INDEX articles_unclustered ON articles(rowid) WHERE NOT clustered;
      CREATE INDEX articles_fts ON articles USING GIN (fts);

      CREATE TABLE entities (
        id BIGSERIAL PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        keyed BOOLEAN NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        mentions INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE entity_names (
        skel TEXT COLLATE "C" NOT NULL,
        entity BIGINT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (skel, entity, name)
      );
      CREATE INDEX entity_names_entity ON entity_names(entity);
      CREATE TABLE mentions (
        article BIGINT NOT NULL,
        entity BIGINT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (article, entity)
      );
      CREATE INDEX mentions_entity ON mentions(entity, article);

      CREATE TABLE quotes (
        rowid BIGSERIAL PRIMARY KEY,
        article BIGINT NOT NULL,
        qid TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        speaker_name TEXT,
        speaker_skel TEXT COLLATE "C",
        speaker_entity BIGINT,
        via TEXT NOT NULL
      );
      CREATE INDEX quotes_article ON quotes(article);
      CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);
      CREATE INDEX quotes_speaker_skel ON quotes(speaker_skel);

      CREATE TABLE sources (
        article BIGINT NOT NULL,
        sid TEXT NOT NULL,
        name TEXT NOT NULL,
        skel TEXT COLLATE "C" NOT NULL,
        entity BIGINT,
        cites TEXT NOT NULL,
        PRIMARY KEY (article, sid)
      );
      CREATE INDEX sources_skel ON sources(skel);
      CREATE INDEX sources_entity ON sources(entity);

      CREATE TABLE figures (
        article BIGINT NOT NULL,
        text TEXT NOT NULL,
        value DOUBLE PRECISION,
        unit TEXT,
        approx BOOLEAN NOT NULL
      );
      CREATE INDEX figures_article ON figures(article);

      CREATE TABLE stories (
        id BIGSERIAL PRIMARY KEY,
        first_published TEXT COLLATE "C",
        last_published TEXT COLLATE "C",
        size INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX stories_first ON stories(first_published);

      CREATE TABLE lsh (
        band INTEGER NOT NULL,
        hash INTEGER NOT NULL,
        article BIGINT NOT NULL,
        PRIMARY KEY (band, hash, article)
      );

      CREATE TABLE follow_sources (
        url TEXT PRIMARY KEY, parent TEXT, kind TEXT, title TEXT, etag TEXT, last_modified TEXT, lastmod TEXT,
        added_at TEXT NOT NULL, next_poll BIGINT NOT NULL DEFAULT 0, last_poll TEXT, last_success TEXT, last_error TEXT,
        last_error_at TEXT, errors INTEGER NOT NULL DEFAULT 0, polls INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0, items INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE follow_seen (
        url TEXT PRIMARY KEY, source TEXT, seen_at TEXT NOT NULL, status TEXT NOT NULL, article TEXT, text_hash TEXT, error TEXT
      );
      CREATE INDEX follow_seen_text ON follow_seen(text_hash) WHERE text_hash IS NOT NULL;
      CREATE INDEX follow_seen_source ON follow_seen(source, seen_at);
    `,
  },
  {
    // Search at a million articles (docs/bench/scale.md): result pages in the order they are shown, straight from
    // an index (newest first, by language or outlet), and quotes by speaker from an index in the same order —
    // `published` is copied onto each quote so no join is needed to order a speaker's quotes.
    version: 4,
    sql: `
      ALTER TABLE quotes ADD COLUMN published TEXT COLLATE "C";
      UPDATE quotes q SET published = a.published FROM articles a WHERE a.rowid = q.article AND a.published IS NOT NULL;
      CREATE INDEX quotes_skel_order ON quotes(speaker_skel, published DESC NULLS LAST, rowid DESC);
      CREATE INDEX quotes_entity_order ON quotes(speaker_entity, published DESC NULLS LAST, rowid DESC);
      DROP INDEX quotes_speaker_skel;
      DROP INDEX quotes_speaker_entity;
      CREATE INDEX articles_order ON articles(published DESC NULLS LAST, rowid DESC);
      CREATE INDEX articles_lang_order ON articles(lang, published DESC NULLS LAST, rowid DESC);
      CREATE INDEX articles_publisher_order ON articles(publisher_norm, published DESC NULLS LAST, rowid DESC);
      DROP INDEX articles_published;
      DROP INDEX articles_publisher;
    `,
  },
  {
    // The tsvector kept inside the row (compressed) rather than out of line: filtering the newest rows of the
    // row-id index by a search term reads it for every row passed, and an out-of-line value costs a look-up in
    // the TOAST table each time (4× slower measured at 100k articles). The blobs (raw, doc) stay out of line.
    // Existing rows are rewritten once so their tsvector moves in.
    version: 5,
    sql: `
      ALTER TABLE articles ALTER COLUMN fts SET STORAGE MAIN;
      UPDATE articles SET fts = fts || ''::tsvector WHERE fts IS NOT NULL;
    `,
  },
  {
    // Following with many workers: the first worker to claim an article text stores it; another worker holding
    // the same story under another URL at that moment sees the claim and records a duplicate.
    version: 6,
    sql: `
      CREATE TABLE follow_text (hash TEXT PRIMARY KEY, article TEXT NOT NULL, claimed_at TEXT NOT NULL);
      INSERT INTO follow_text (hash, article, claimed_at)
        SELECT DISTINCT ON (text_hash) text_hash, article, seen_at FROM follow_seen
        WHERE text_hash IS NOT NULL AND article IS NOT NULL ORDER BY text_hash, seen_at;
    `,
  },
  {
    // Search at a million articles, continued: statistics on ten times more words of the tsvector. The planner's
    // match estimates — used for counts and to bound the search for the newest matches — were off ×5 for words
    // in 1–5 % of articles (only the most frequent words had statistics).
    version: 7,
    sql: `
      ALTER TABLE articles ALTER COLUMN fts SET STATISTICS 1000;
    `,
  },
  {
    // A story's figures are grouped in the order the articles state them (SQLite reads them in insertion
    // order); a heap has no order and a sort by article alone may shuffle one article's rows, so a story's
    // figure groups came out in another order than on SQLite. Existing rows are numbered in their current order.
    version: 8,
    sql: `
      ALTER TABLE figures ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
      DROP INDEX IF EXISTS figures_article;
      CREATE INDEX figures_article ON figures(article, seq);
    `,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
