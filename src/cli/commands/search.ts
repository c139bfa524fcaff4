import type { Command } from "commander";
import { checkDate, checkInt, cut, day, dim, highlight, openExisting, output, DB_HELP } from "../../corpus/cli-support.js";

interface SearchFlags {
  db?: string;
  lang?: string;
  from?: string;
  to?: string;
  outlet?: string;
  speaker?: string;
  source?: string;
  entity?: string;
  limit?: string;
  offset?: string;
  json?: boolean;
  jsonl?: boolean;
}

export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("full-text search of the corpus (any inflected form finds the others), best matches first")
    .argument("[query]", "words to find; nothing lists the newest articles matching the filters")
    .option("--lang <lang>", "only articles in this language (uk, ru, en)")
    .option("--from <date>", "published on or after (YYYY-MM-DD)")
    .option("--to <date>", "published on or before (YYYY-MM-DD)")
    .option("--outlet <name>", "only this publisher")
    .option("--speaker <name>", "only articles quoting this speaker (any alias or language)")
    .option("--source <name>", "only articles citing this source")
    .option("--entity <name>", "only articles mentioning this entity")
    .option("--limit <n>", "how many hits (default 20)")
    .option("--offset <n>", "skip this many hits")
    .option("--db <file|url>", DB_HELP)
    .option("--json", "print the result as one JSON document")
    .option("--jsonl", "print one JSON hit per line")
    .action(async (query: string | undefined, f: SearchFlags) => {
      const store = await openExisting(f.db);
      try {
        const res = await store.search({
          q: query ?? null,
          lang: f.lang ?? null,
          from: checkDate("from", f.from),
          to: checkDate("to", f.to),
          outlet: f.outlet ?? null,
          speaker: f.speaker ?? null,
          source: f.source ?? null,
          entity: f.entity ?? null,
          limit: checkInt("limit", f.limit, 1),
          offset: checkInt("offset", f.offset),
        });
        output(f, res, res.hits, () => {
          if (!res.hits.length) return "no matches\n";
          const rows = res.hits.map((h) => [
            h.articleId,
            day(h.published),
            h.lang,
            cut(h.publisher ?? "—", 20),
            cut(h.title ?? "(untitled)", 50) + "\n  " + highlight(h.snippet),
          ]);
          let out = "";
          for (const r of rows) out += `${dim(r[0])}  ${r[1]}  ${r[2]}  ${r[3]}  ${r[4]}\n`;
          return out + dim(`${res.hits.length} of ${res.approximate ? "about " : ""}${res.total}`) + "\n";
        });
      } finally {
        await store.close();
      }
    });
}
