/**
 * Opening a corpus. The default backend is one SQLite file: `--db PATH`, else $DZHERELO_DB, else dzherelo.db in
 * the current directory. (A PostgreSQL backend will be chosen here by a postgres:// URL.)
 */
import { resolve } from "node:path";
import { SqliteStore, StoreError } from "./sqlite.js";
import type { Store } from "./types.js";

export { SqliteStore, StoreError };
export type * from "./types.js";

export const DEFAULT_DB = "dzherelo.db";

/** The database path the user asked for (flag, environment, default). */
export function dbPath(flag?: string | null): string {
  return resolve(flag || process.env.DZHERELO_DB || DEFAULT_DB);
}

export async function openStore(path: string, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(path)) throw new StoreError("PostgreSQL backend is not available yet; use an SQLite file");
  return SqliteStore.open(path, opts);
}
