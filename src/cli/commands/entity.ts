import type { Command } from "commander";
import { bold, cut, day, dim, openExisting, output, table, DB_HELP } from "../../corpus/cli-support.js";
import { StoreError } from "../../store/index.js";

interface EntityFlags {
  db?: string;
  json?: boolean;
}

export function registerEntity(program: Command): void {
  program
    .command("entity")
    .description("one person, organisation or place across the corpus: names, mentions, quotes by and about it, who appears with it")
    .argument("<name>", "any name or alias, in any language (КНДР, Путин, Putin)")
    .option("--db <file|url>", DB_HELP)
    .option("--json", "print the report as JSON")
    .action(async (name: string, f: EntityFlags) => {
      const store = await openExisting(f.db);
      try {
        const rep = await store.entity(name);
        if (!rep) {
          if (f.json) process.stdout.write("null\n");
          throw new StoreError(`no entity named "${name}" in the corpus`);
        }
        output(f, rep, [rep], () => {
          const e = rep.entity;
          let out = `${bold(e.name)} ${dim(`(${e.type}, ${e.key})`)}\n`;
          if (e.aliases.length) out += `also: ${e.aliases.slice(0, 15).join(", ")}\n`;
          out += `${e.articles} articles, ${e.mentions} mentions\n`;
          const qt = (title: string, total: number, qs: typeof rep.quotesBy) =>
            `\n${bold(title)} ${dim(`(${total})`)}\n` +
            (qs.length
              ? table(["date", "outlet", "speaker", "quote"], qs.map((q) => [day(q.published), cut(q.publisher ?? "—", 18), cut(q.speakerName ?? "?", 20), q.text]))
              : "—\n");
          out += qt("quotes by", rep.quotesByTotal, rep.quotesBy);
          out += qt("quotes about", rep.quotesAboutTotal, rep.quotesAbout);
          out += `\n${bold("appears with")}\n`;
          out += rep.cooccurring.length
            ? table(["articles", "type", "name"], rep.cooccurring.map((c) => [String(c.articles), c.entity.type, c.entity.name]))
            : "—\n";
          return out;
        });
      } finally {
        await store.close();
      }
    });
}
