import { Command, CommanderError } from "commander";

type Register = (program: Command) => void;

/**
 * Every subcommand registers itself from its own module under ./commands. A module is imported only when its
 * command runs (or for the overall help): `ingest`'s main thread then holds neither the analyser's modules (they
 * live in the worker threads) nor the web server's, the queue's or PostgreSQL's code it does not use.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  analyze: async () => (await import("./commands/analyze.js")).registerAnalyze,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  ingest: async () => (await import("./commands/ingest.js")).registerIngest,
  search: async () => (await import("./commands/search.js")).registerSearch,
  quotes: async () => (await import("./commands/quotes.js")).registerQuotes,
  entity: async () => (await import("./commands/entity.js")).registerEntity,
  stories: async () => (await import("./commands/stories.js")).registerStories,
  story: async () => (await import("./commands/story.js")).registerStory,
  reindex: async () => (await import("./commands/reindex.js")).registerReindex,
  follow: async () => (await import("./commands/follow.js")).registerFollow,
  migrate: async () => (await import("./commands/migrate.js")).registerMigrate,
  worker: async () => (await import("./commands/worker.js")).registerWorker,
  status: async () => (await import("./commands/status.js")).registerStatus,
};

/**
 * The command named on the command line (the first argument that is not an option), when it is a known one;
 * otherwise (no command, `help`, a typo) every command is registered so that help and suggestions list them all.
 */
function named(argv: string[]): string | null {
  const first = argv.slice(2).find((a) => !a.startsWith("-"));
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : null;
}

/** Runs the CLI with the given argv; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name("dzherelo")
    .description("Who said what, citing whom, about whom, and when: news analysis for uk/ru/en.")
    .showHelpAfterError()
    .exitOverride();
  try {
    const one = named(argv);
    for (const name of one ? [one] : Object.keys(COMMANDS)) (await COMMANDS[name]())(program);
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    console.error(`dzherelo: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
