import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteStore, StoreError } from "../../src/store/index.js";
import { SCHEMA_VERSION } from "../../src/store/migrations.js";
import { storeSuite } from "./suite.js";

const tmp = () => mkdtempSync(join(tmpdir(), "dz-store-"));
const dir = tmp();

storeSuite("SQLite", {
  open: (name) => SqliteStore.open(join(dir, `${name}.db`)),
  reopen: (name) => SqliteStore.open(join(dir, `${name}.db`)),
  schemaVersion: SCHEMA_VERSION,
});

describe("SQLite store: opening", () => {
  it("refuses a file that is not SQLite, and an SQLite file of another application", async () => {
    const d = tmp();
    writeFileSync(join(d, "notes.db"), "these are my notes, not a database ".repeat(100));
    await expect(SqliteStore.open(join(d, "notes.db"))).rejects.toThrow(/not an SQLite database/);
    const other = new Database(join(d, "other.db"));
    other.exec("CREATE TABLE t (x)");
    other.close();
    await expect(SqliteStore.open(join(d, "other.db"))).rejects.toThrow(StoreError);
  });

});
