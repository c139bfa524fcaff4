/**
 * Moving an embedded corpus up: every article of an SQLite corpus (raw input and analysed Article, same ids)
 * into a PostgreSQL store, in batches of one transaction each, then clustering there. Nothing is re-analysed.
 * Idempotent: articles already in the target (by content hash) are skipped, so an interrupted copy resumes.
 */
import { inflateRawSync } from "node:zlib";
import type { Article } from "../article.js";
import type { PostgresStore } from "./postgres.js";
import { rowToRaw, type SqliteStore } from "./sqlite.js";

export interface CopyProgress {
  done: number;
  total: number;
  copied: number;
}

export async function copyCorpus(from: SqliteStore, to: PostgresStore, onProgress?: (p: CopyProgress) => void, batch = 200): Promise<CopyProgress> {
  const total = (from.db.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
  const p: CopyProgress = { done: 0, total, copied: 0 };
  // SQLite schema ≥ 4 keeps the blobs in `bodies` (src/store/migrations.ts).
  const select = from.db.prepare(
    `SELECT a.rowid, a.sha256, a.raw_kind, b.raw, a.raw_meta, a.origin, b.doc FROM articles a JOIN bodies b ON b.rowid = a.rowid
     WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?`,
  );
  let last = 0;
  for (;;) {
    const rows = select.all(last, batch) as Array<Record<string, any>>;
    if (!rows.length) break;
    last = rows[rows.length - 1].rowid;
    const have = await to.hasMany(rows.map((r) => r.sha256));
    const items = rows
      .filter((r) => !have.has(r.sha256))
      .map((r) => ({ raw: rowToRaw(r), article: JSON.parse(inflateRawSync(r.doc).toString("utf8")) as Article }));
    if (items.length) for (const res of await to.putArticles(items)) if (res.created) p.copied++;
    p.done += rows.length;
    onProgress?.({ ...p });
  }
  await to.cluster();
  return p;
}
