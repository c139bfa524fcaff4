import type { Command } from "commander";
import { checkDate, checkInt, cut, day, dim, openExisting, output, table, DB_HELP } from "../../corpus/cli-support.js";

interface StoriesFlags {
  db?: string;
  from?: string;
  to?: string;
  minSize?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
  jsonl?: boolean;
}

export function registerStories(program: Command): void {
  program
    .command("stories")
    .description("stories: articles of different outlets and languages that report the same news, newest first")
    .option("--from <date>", "first reported on or after (YYYY-MM-DD)")
    .option("--to <date>", "first reported on or before (YYYY-MM-DD)")
    .option("--min-size <n>", "only stories with at least this many articles (default 2)")
    .option("--limit <n>", "how many (default 20)")
    .option("--offset <n>", "skip this many")
    .option("--db <file|url>", DB_HELP)
    .option("--json", "print the result as one JSON document")
    .option("--jsonl", "print one JSON story per line")
    .action(async (f: StoriesFlags) => {
      const store = await openExisting(f.db);
      try {
        const res = await store.stories({
          from: checkDate("from", f.from),
          to: checkDate("to", f.to),
          minSize: checkInt("min-size", f.minSize, 1),
          limit: checkInt("limit", f.limit, 1),
          offset: checkInt("offset", f.offset),
        });
        output(f, res, res.stories, () => {
          if (!res.stories.length) return "no stories\n";
          return (
            table(
              ["id", "first", "articles", "langs", "outlets", "title"],
              res.stories.map((s) => [s.id, day(s.first), String(s.size), s.langs.join(","), cut(s.publishers.join(", "), 30), s.title ?? "—"]),
            ) + dim(`${res.stories.length} of ${res.total}; \`dzherelo story ID\` shows one`) + "\n"
          );
        });
      } finally {
        await store.close();
      }
    });
}
