import type { Command } from "commander";
import { DB_HELP } from "../../corpus/cli-support.js";
import { StoreError } from "../../store/index.js";
import { dbPath, isPostgresUrl, openStore, PostgresStore, SqliteStore } from "../../store/index.js";
import { copyCorpus } from "../../store/postgres-copy.js";

interface MigrateFlags {
  db?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("create or upgrade the corpus schema (--db / $DZHERELO_DB), or copy an SQLite corpus to PostgreSQL (--from FILE --to URL)")
    .option("--db <file|url>", DB_HELP)
    .option("--from <file>", "an SQLite corpus to copy from")
    .option("--to <url>", "the PostgreSQL database to copy into (postgres://user@host/db)")
    .option("--json", "print the result as JSON")
    .action(async (flags: MigrateFlags) => {
      if (flags.from || flags.to) {
        if (!flags.from || !flags.to) throw new StoreError("give both --from FILE and --to postgres://…");
        if (!isPostgresUrl(flags.to)) throw new StoreError(`--to must be a postgres:// URL, got ${flags.to}`);
        const from = await SqliteStore.open(dbPath(flags.from), { readonly: true });
        const to = await PostgresStore.open(flags.to);
        try {
          const t0 = Date.now();
          let lastLog = 0;
          const res = await copyCorpus(from, to, (p) => {
            if (!flags.json && Date.now() - lastLog > 2000) {
              lastLog = Date.now();
              process.stderr.write(`migrate: ${p.done}/${p.total} articles\n`);
            }
          });
          const stats = await to.stats();
          if (flags.json) process.stdout.write(JSON.stringify({ ...res, seconds: (Date.now() - t0) / 1000, to: to.path, corpus: stats }) + "\n");
          else process.stderr.write(`migrate: copied ${res.copied} of ${res.total} articles (${res.total - res.copied} already there) to ${to.path}: ${stats.articles} articles, ${stats.stories} stories\n`);
        } finally {
          await from.close();
          await to.close();
        }
        return;
      }
      const store = await openStore(dbPath(flags.db));
      try {
        const stats = await store.stats();
        if (flags.json) process.stdout.write(JSON.stringify({ db: store.path, schemaVersion: stats.schemaVersion }) + "\n");
        else process.stderr.write(`migrate: ${store.path} is at schema version ${stats.schemaVersion}\n`);
      } finally {
        await store.close();
      }
    });
}
