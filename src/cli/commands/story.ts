import type { Command } from "commander";
import { bold, cut, day, dim, openExisting, output, table, DB_HELP } from "../../corpus/cli-support.js";
import { StoreError } from "../../store/index.js";

interface StoryFlags {
  db?: string;
  json?: boolean;
}

export function registerStory(program: Command): void {
  program
    .command("story")
    .description("one story: its articles, the first report, which outlets cite which sources, how figures vary")
    .argument("<id>", "a story id from `dzherelo stories`")
    .option("--db <file|url>", DB_HELP)
    .option("--json", "print the report as JSON")
    .action(async (id: string, f: StoryFlags) => {
      const store = await openExisting(f.db);
      try {
        const rep = await store.story(id);
        if (!rep) throw new StoreError(`no story ${id}; \`dzherelo stories\` lists them`);
        output(f, rep, [rep], () => {
          let out = `${bold(rep.story.title ?? "(untitled)")} ${dim(`story ${rep.story.id}, ${rep.story.size} articles`)}\n`;
          if (rep.firstReport) out += `first reported: ${day(rep.firstReport.published)} by ${rep.firstReport.publisher ?? "?"} (${rep.firstReport.articleId})\n`;
          out += `\n${bold("articles")}\n`;
          out += table(
            ["date", "lang", "outlet", "id", "title"],
            rep.articles.map((a) => [
              day(a.published),
              a.lang,
              cut(a.publisher ?? "—", 20),
              a.articleId,
              (a.title ?? "—") + (a.nearDuplicateOf ? dim(` (near duplicate of ${a.nearDuplicateOf})`) : ""),
            ]),
          );
          out += `\n${bold("citations")} ${dim("(outlet → cited source ← what that source cites)")}\n`;
          out += rep.citations.length
            ? rep.citations.map((c) => `${c.outlet} → ${c.source}${c.via.length ? ` ← ${c.via.join(", ")}` : ""} ${dim(`(${c.articles})`)}`).join("\n") + "\n"
            : "—\n";
          out += `\n${bold("figures")}\n`;
          out += rep.figures.length
            ? rep.figures
                .map((g) => `${g.value ?? "?"} ${g.unit ?? ""}: ` + g.variants.map((v) => `"${v.text}" (${v.publisher ?? v.articleId})`).join(" · "))
                .join("\n") + "\n"
            : "—\n";
          return out;
        });
      } finally {
        await store.close();
      }
    });
}
