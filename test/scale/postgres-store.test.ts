import { afterAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../src/store/postgres.js";
import { PG_SCHEMA_VERSION } from "../../src/store/postgres-migrations.js";
import { storeSuite } from "../store/suite.js";
import { createDb, dropDbs, HAS_PG } from "./servers.js";

describe.skipIf(!HAS_PG)("PostgreSQL store (needs local PostgreSQL)", () => {
  const urls = new Map<string, string>();
  afterAll(() => dropDbs());
  storeSuite("PostgreSQL", {
    async open(name) {
      const url = await createDb();
      urls.set(name, url);
      return PostgresStore.open(url);
    },
    reopen: (name) => PostgresStore.open(urls.get(name)!),
    schemaVersion: PG_SCHEMA_VERSION,
  });

  it("refuses a database holding another application's tables", async () => {
    const url = await createDb();
    const s = await PostgresStore.open(url);
    await s.pool.query("DROP TABLE dzherelo_schema");
    await s.close();
    await expect(PostgresStore.open(url)).rejects.toThrow(/another application/);
  });
});
