import type { Command } from "commander";
import { dbPath } from "../../store/index.js";
import { isPostgresUrl, redactUrl } from "../../store/postgres.js";
import { ServeError, startServer } from "../../server/serve.js";

interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  token?: string;
  timeout: string;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API and the web UI (http://127.0.0.1:8080 by default)")
    .option("--db <file|url>", "the corpus: an SQLite file or a postgres:// URL (default $DZHERELO_DB or ./dzherelo.db)")
    .option("--port <n>", "port", "8080")
    .option("--host <addr>", "address to listen on; anything but loopback requires a token", "127.0.0.1")
    .option("--token <secret>", "require this token on every API request (default $DZHERELO_TOKEN; generated when --host is not loopback)")
    .option("--timeout <seconds>", "time limit for analysing one article", "30")
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError(`--port: not a port number: ${flags.port}`);
      const timeout = Number(flags.timeout);
      if (!(timeout > 0 && timeout <= 3600)) throw new ServeError(`--timeout: want seconds between 1 and 3600, got ${flags.timeout}`);
      const running = await startServer({
        db: dbPath(flags.db),
        port,
        host: flags.host,
        token: flags.token ?? process.env.DZHERELO_TOKEN ?? null,
        analyzeTimeoutMs: timeout * 1000,
      });
      const open = running.token ? `${running.url}/?token=${encodeURIComponent(running.token)}` : running.url;
      // A database URL may carry a password: never printed (terminal scroll-back, service logs).
      const db = dbPath(flags.db);
      console.log(`dzherelo: serving ${isPostgresUrl(db) ? redactUrl(db) : db} at ${running.url}`);
      if (running.token) console.log(`dzherelo: API token required; open ${open} in a browser, or send "Authorization: Bearer ${running.token}"`);
      console.log("dzherelo: press Ctrl+C to stop");
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void running.close().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
