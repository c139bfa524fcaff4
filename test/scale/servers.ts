/**
 * Local PostgreSQL and Redis for the scale tests. Each test file creates its own databases
 * (dzherelo_test_<random>) and drops them afterwards. Without the servers the tests skip with a message on a
 * user's machine, and fail under CI (CI=true), where the servers must run.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_ADMIN = process.env.DZHERELO_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.DZHERELO_TEST_REDIS ?? "redis://127.0.0.1:6379";

function probe(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export const HAS_PG = probe("psql", [PG_ADMIN, "-Atc", "SELECT 1"]);
export const HAS_REDIS = probe("redis-cli", ["-u", REDIS_URL, "ping"]);
export const HAS_SERVERS = HAS_PG && HAS_REDIS;
if (!HAS_SERVERS) {
  const msg = `scale tests need PostgreSQL (${PG_ADMIN}: ${HAS_PG ? "up" : "down"}) and Redis (${REDIS_URL}: ${HAS_REDIS ? "up" : "down"}); see README "Scale-out"`;
  if (process.env.CI === "true") throw new Error(`CI=true but ${msg}`);
  console.warn(`skipping: ${msg}`);
}

const made: string[] = [];

/** A new empty database; its URL. */
export async function createDb(): Promise<string> {
  const name = `dzherelo_test_${randomBytes(5).toString("hex")}`;
  const c = new pg.Client(PG_ADMIN);
  await c.connect();
  try {
    // CREATE DATABASE copies template1 and fails while another session is creating one too: retry briefly.
    for (let i = 0; ; i++) {
      try {
        await c.query(`CREATE DATABASE ${name}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== "55006" || i >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await c.end();
  }
  made.push(name);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops every database this process created (connections still open are terminated). */
export async function dropDbs(): Promise<void> {
  const c = new pg.Client(PG_ADMIN);
  await c.connect();
  try {
    for (const name of made.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** A fresh queue name, so parallel test files never share jobs. */
export const queueName = (what: string) => `dzherelo-test-${what}-${randomBytes(4).toString("hex")}`;
