import { Command, CommanderError } from "commander";
import { registerAnalyze } from "./commands/analyze.js";
import { registerServe } from "./commands/serve.js";
import { registerIngest } from "./commands/ingest.js";
import { registerSearch } from "./commands/search.js";
import { registerQuotes } from "./commands/quotes.js";
import { registerEntity } from "./commands/entity.js";
import { registerStories } from "./commands/stories.js";
import { registerStory } from "./commands/story.js";
import { registerReindex } from "./commands/reindex.js";
import { registerFollow } from "./commands/follow.js";
import { registerMigrate } from "./commands/migrate.js";
import { registerWorker } from "./commands/worker.js";
import { registerStatus } from "./commands/status.js";

/** Every subcommand registers itself here; each lives in its own module under ./commands. */
const COMMANDS: Array<(program: Command) => void> = [registerAnalyze, registerServe, registerIngest, registerSearch, registerQuotes, registerEntity, registerStories, registerStory, registerReindex, registerFollow, registerMigrate, registerWorker, registerStatus];

/** Runs the CLI with the given argv; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("dzherelo")
    .description("Who said what, citing whom, about whom, and when: news analysis for uk/ru/en.")
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    console.error(`dzherelo: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
