import type { Command } from "commander";
import { checkDate, checkInt, cut, day, dim, openExisting, output, table, DB_HELP, OptionError } from "../../corpus/cli-support.js";

interface QuotesFlags {
  db?: string;
  speaker?: string;
  about?: string;
  lang?: string;
  from?: string;
  to?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
  jsonl?: boolean;
}

export function registerQuotes(program: Command): void {
  program
    .command("quotes")
    .description("quotes in the corpus by speaker (any alias or language: Путін, Путин, Putin) or about someone")
    .option("--speaker <name>", "who speaks")
    .option("--about <name>", "whom the quotes mention")
    .option("--lang <lang>", "only articles in this language")
    .option("--from <date>", "published on or after (YYYY-MM-DD)")
    .option("--to <date>", "published on or before (YYYY-MM-DD)")
    .option("--limit <n>", "how many (default 20)")
    .option("--offset <n>", "skip this many")
    .option("--db <file|url>", DB_HELP)
    .option("--json", "print the result as one JSON document")
    .option("--jsonl", "print one JSON quote per line")
    .action(async (f: QuotesFlags) => {
      if (!f.speaker && !f.about) throw new OptionError("give --speaker NAME or --about NAME");
      const store = await openExisting(f.db);
      try {
        const res = await store.quotes({
          speaker: f.speaker ?? null,
          about: f.about ?? null,
          lang: f.lang ?? null,
          from: checkDate("from", f.from),
          to: checkDate("to", f.to),
          limit: checkInt("limit", f.limit, 1),
          offset: checkInt("offset", f.offset),
        });
        output(f, res, res.quotes, () => {
          if (!res.quotes.length) return "no quotes\n";
          return (
            table(
              ["date", "outlet", "speaker", "quote"],
              res.quotes.map((q) => [day(q.published), cut(q.publisher ?? "—", 18), cut(q.speakerName ?? "?", 22), q.text]),
            ) + dim(`${res.quotes.length} of ${res.approximate ? "about " : ""}${res.total}`) + "\n"
          );
        });
      } finally {
        await store.close();
      }
    });
}
