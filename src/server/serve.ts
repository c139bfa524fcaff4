/**
 * Serving the app on a port: opens the store, starts the analysis workers, applies the network rules
 * (loopback by default; any other address requires a token), and shuts down cleanly.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { openStore } from "../store/index.js";
import type { Store } from "../store/types.js";
import { createApp } from "./app.js";
import { workerAnalyzer } from "./analyzer.js";
import { isLoopback } from "./security.js";

export interface ServeOptions {
  /** SQLite file (created when missing); null: no corpus, analysis only. */
  db: string | null;
  port?: number;
  host?: string;
  token?: string | null;
  webRoot?: string | null;
  /** Time limit for one analysis, ms (default 30 s). */
  analyzeTimeoutMs?: number;
}

export interface RunningServer {
  url: string;
  /** The token in force (generated when listening beyond loopback without one), or null. */
  token: string | null;
  store: Store | null;
  close(): Promise<void>;
}

export class ServeError extends Error {
  override name = "ServeError";
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? "127.0.0.1";
  const port = opts.port ?? 8080;
  const loopback = isLoopback(host);
  let token = opts.token ?? null;
  if (token !== null && token.length < 16) throw new ServeError("--token must be at least 16 characters");
  // Listening beyond loopback exposes the corpus and the analyser: never without a token.
  if (!loopback && !token) token = randomBytes(24).toString("base64url");

  const store = opts.db ? await openStore(opts.db) : null;
  if (store) await store.migrate();
  const analyzer = workerAnalyzer({ timeoutMs: opts.analyzeTimeoutMs ?? 30_000 });
  const app = createApp({ store, analyzer, token, loopbackOnly: loopback, webRoot: opts.webRoot });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE"
          ? new ServeError(`port ${port} on ${host} is in use; pick another with --port`)
          : err.code === "EACCES"
            ? new ServeError(`not allowed to listen on ${host}:${port}`)
            : err,
      );
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  let closed = false;
  return {
    url: `http://${shownHost}:${addr.port}`,
    token,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await analyzer.close();
      await store?.close();
    },
  };
}
