/**
 * Versioned schema migrations for the SQLite store. `PRAGMA user_version` holds the applied version; each
 * migration runs once, in its own transaction, in order. Never edit a released migration: add the next one.
 */

import { inflateRawSync } from "node:zlib";
import type Database from "better-sqlite3";
import type { Article } from "../article.js";
import { stemText } from "../corpus/text.js";
import { filterTags } from "./prepare.js";

/** Marks a database file as Dzherelo's (`PRAGMA application_id`), so a foreign SQLite file is refused. */
export const APPLICATION_ID = 0x447a6872; // "Dzhr"

export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string; run?: (db: Database.Database) => void }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        lang TEXT NOT NULL,
        url TEXT,
        published TEXT,
        publisher TEXT,
        publisher_norm TEXT,
        title TEXT,
        origin TEXT,
        raw_kind TEXT NOT NULL,
        raw BLOB NOT NULL,          -- deflated raw input
        raw_meta TEXT,              -- JSON: url, published, publisher, title, lang given with the input
        doc BLOB NOT NULL,          -- deflated Article JSON
        sig BLOB,                   -- MinHash signature of the story features
        story INTEGER,
        dup_of INTEGER,
        clustered INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX articles_published ON articles(published);
      CREATE INDEX articles_publisher ON articles(publisher_norm, published);
      CREATE INDEX articles_story ON articles(story);
      CREATE INDEX articles_unclustered ON articles(clustered) WHERE clustered = 0;

      -- Contentless: holds only the index of stemmed title and body; text lives in articles.doc.
      CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 0');

      CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        keyed INTEGER NOT NULL,     -- 1 when key came from the entities stage, 0 when derived from the name
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0,
        mentions INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE entity_names (
        skel TEXT NOT NULL,
        entity INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (skel, entity)
      ) WITHOUT ROWID;
      CREATE INDEX entity_names_entity ON entity_names(entity);
      CREATE TABLE mentions (
        article INTEGER NOT NULL,
        entity INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (article, entity)
      ) WITHOUT ROWID;
      CREATE INDEX mentions_entity ON mentions(entity, article);

      CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        article INTEGER NOT NULL,
        qid TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        speaker_name TEXT,
        speaker_skel TEXT,
        speaker_entity INTEGER,
        via TEXT NOT NULL           -- JSON array of source names
      );
      CREATE INDEX quotes_article ON quotes(article);
      CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity);
      CREATE INDEX quotes_speaker_skel ON quotes(speaker_skel);

      CREATE TABLE sources (
        article INTEGER NOT NULL,
        sid TEXT NOT NULL,
        name TEXT NOT NULL,
        skel TEXT NOT NULL,
        entity INTEGER,
        cites TEXT NOT NULL,        -- JSON array of the names of the sources this one cites
        PRIMARY KEY (article, sid)
      ) WITHOUT ROWID;
      CREATE INDEX sources_skel ON sources(skel);
      CREATE INDEX sources_entity ON sources(entity);

      CREATE TABLE figures (
        article INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL,
        unit TEXT,
        approx INTEGER NOT NULL
      );
      CREATE INDEX figures_article ON figures(article);

      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        first_published TEXT,
        last_published TEXT,
        size INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX stories_first ON stories(first_published);

      CREATE TABLE lsh (
        band INTEGER NOT NULL,
        hash INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (band, hash, article)
      ) WITHOUT ROWID;
    `,
  },
  {
    // Every spelling of a name is kept (Путін and Putin share the skeleton "putin" but are different text to
    // look for in quotes), so the key takes the name too.
    version: 2,
    sql: `
      CREATE TABLE entity_names2 (
        skel TEXT NOT NULL,
        entity INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (skel, entity, name)
      ) WITHOUT ROWID;
      INSERT INTO entity_names2 SELECT skel, entity, name FROM entity_names;
      DROP TABLE entity_names;
      ALTER TABLE entity_names2 RENAME TO entity_names;
      CREATE INDEX entity_names_entity ON entity_names(entity);
    `,
  },
  {
    // Live sources (`dzherelo follow`, src/follow/state.ts): what each followed feed/sitemap is, its validators
    // and schedule and health, and every article URL already seen, so a restart refetches nothing.
    version: 3,
    sql: `
      CREATE TABLE follow_sources (
        url TEXT PRIMARY KEY,
        parent TEXT,                -- the sitemap index a child sitemap was listed in
        kind TEXT,                  -- rss | rdf | atom | jsonfeed | sitemap | sitemapindex (null before the first fetch)
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        lastmod TEXT,               -- a child sitemap's lastmod in its index
        added_at TEXT NOT NULL,
        next_poll INTEGER NOT NULL DEFAULT 0,  -- ms since the epoch
        last_poll TEXT,
        last_success TEXT,
        last_error TEXT,
        last_error_at TEXT,
        errors INTEGER NOT NULL DEFAULT 0,     -- consecutive failed polls
        polls INTEGER NOT NULL DEFAULT 0,
        not_modified INTEGER NOT NULL DEFAULT 0,
        items INTEGER NOT NULL DEFAULT 0,      -- entries in the last listing
        articles INTEGER NOT NULL DEFAULT 0    -- articles stored from it
      );
      CREATE TABLE follow_seen (
        url TEXT PRIMARY KEY,       -- canonical article URL
        source TEXT,                -- the source that listed it first
        seen_at TEXT NOT NULL,
        status TEXT NOT NULL,       -- stored | duplicate | failed
        article TEXT,               -- stored article id
        text_hash TEXT,             -- hash of the normalised article text: the same story under another URL
        error TEXT
      );
      CREATE INDEX follow_seen_text ON follow_seen(text_hash) WHERE text_hash IS NOT NULL;
      CREATE INDEX follow_seen_source ON follow_seen(source, seen_at);
    `,
  },
  {
    // The compressed raw input and Article move to their own table: the articles table stays narrow, so
    // filter scans and counts (language, dates, outlet) read a few pages instead of every blob.
    version: 4,
    sql: `
      CREATE TABLE bodies (
        rowid INTEGER PRIMARY KEY,  -- = articles.rowid
        raw BLOB NOT NULL,          -- deflated raw input
        doc BLOB NOT NULL           -- deflated Article JSON
      );
      INSERT INTO bodies (rowid, raw, doc) SELECT rowid, raw, doc FROM articles;
      ALTER TABLE articles DROP COLUMN raw;
      ALTER TABLE articles DROP COLUMN doc;
      CREATE INDEX articles_lang ON articles(lang, published);
    `,
  },
  {
    // A third index column, `tags`, holds filter tokens (language, outlet, month; see prepare.ts filterTags):
    // filtered full-text queries then intersect posting lists instead of joining every match. The index is
    // contentless, so it is rebuilt from the stored Articles.
    version: 5,
    sql: `
      DROP TABLE fts;
      CREATE VIRTUAL TABLE fts USING fts5(title, body, tags, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 0');
    `,
    run: (db) => {
      const ins = db.prepare("INSERT INTO fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)");
      const page = db.prepare("SELECT rowid, doc FROM bodies WHERE rowid > ? ORDER BY rowid LIMIT 500");
      for (let last = 0; ; ) {
        const rows = page.all(last) as Array<{ rowid: number; doc: Buffer }>;
        if (!rows.length) break;
        for (const r of rows) {
          const d = JSON.parse(inflateRawSync(r.doc).toString("utf8")) as Article;
          ins.run(r.rowid, stemText(d.title ?? ""), stemText(d.text ?? ""), filterTags(d));
        }
        last = rows[rows.length - 1].rowid;
      }
    },
  },
  {
    // A narrow covering index of the filter columns by rowid: a full-text match checked against its article's
    // language, date and outlet reads this (40 bytes a row, stays in cache) instead of the wide article row.
    version: 6,
    sql: `CREATE INDEX IF NOT EXISTS articles_filter ON articles(rowid, lang, published, publisher_norm);`,
  },
  {
    // Quotes by a speaker carry their article in the index: a speaker with tens of thousands of quotes is counted
    // and ordered by date from the index and the narrow articles_filter, without reading each wide quote row.
    version: 7,
    sql: `
      CREATE INDEX IF NOT EXISTS quotes_speaker_entity_article ON quotes(speaker_entity, article);
      CREATE INDEX IF NOT EXISTS quotes_speaker_skel_article ON quotes(speaker_skel, article);
      DROP INDEX IF EXISTS quotes_speaker_entity;
      DROP INDEX IF EXISTS quotes_speaker_skel;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
