/**
 * Opening a corpus. The default backend is one SQLite file: `--db PATH`, else $DZHERELO_DB, else dzherelo.db in
 * the current directory. A postgres:// or postgresql:// URL opens the PostgreSQL backend (src/store/postgres.ts).
 */
import { resolve } from "node:path";
import { SqliteStore, StoreError } from "./sqlite.js";
import { isPostgresUrl, PostgresStore } from "./postgres.js";

export { SqliteStore, StoreError, PostgresStore, isPostgresUrl };
/** Either backend: the Store contract plus where it lives and the ingest helpers both implement. */
export type CorpusStore = SqliteStore | PostgresStore;
export type * from "./types.js";

export const DEFAULT_DB = "dzherelo.db";

/** The database path the user asked for (flag, environment, default). */
export function dbPath(flag?: string | null): string {
  const p = flag || process.env.DZHERELO_DB || DEFAULT_DB;
  return isPostgresUrl(p) ? p : resolve(p);
}

export async function openStore(path: string, opts: { readonly?: boolean } = {}): Promise<CorpusStore> {
  if (isPostgresUrl(path)) return PostgresStore.open(path, opts);
  return SqliteStore.open(path, opts);
}
