/**
 * Per-host politeness shared by every process on every machine: the same rules as `HostGate` (at most
 * `concurrency` requests in flight per host, request starts at least `intervalMs` apart, Crawl-delay and
 * Retry-After slowing a host down) kept in Redis, so N workers together never exceed one host's limit.
 *
 * Per host, three keys under `<prefix>:<host>`:
 * - `:next` — the earliest time (Redis server clock, ms) the next request may start;
 * - `:leases` — a sorted set of requests in flight, scored by when their lease runs out (a worker killed
 *   mid-request stops holding its slot once the lease expires: never a slot lost for good);
 * - `:iv` — the host's own interval when longer than the default (robots.txt Crawl-delay).
 * A turn is taken by one Lua script (atomic in Redis): drop expired leases; if the start time has not come or all
 * slots are busy, say how long to wait; else take a slot and move the start time on by the interval. Time is
 * Redis's own (`TIME`), so the machines' clocks need not agree.
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { Gate } from "./host-gate.js";

export interface RedisHostGateOptions {
  /** Requests in flight to one host at once over all workers (default 2). */
  concurrency?: number;
  /** Minimum time between the starts of two requests to one host over all workers, ms (default 1000). */
  intervalMs?: number;
  /** How long a slot is held at most (a request's time limit, plus margin); default 60 s. */
  leaseMs?: number;
  /** Key prefix (default `dzherelo:host`); one per deployment sharing a Redis. */
  prefix?: string;
}

/** Returns 0 when the turn is taken, else the ms to wait before asking again. */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if nxt > now then return nxt - now end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return math.max(1, math.min(50, tonumber(first[2]) - now))
end
local iv = math.max(tonumber(ARGV[1]), tonumber(redis.call('GET', KEYS[3]) or '0'))
redis.call('SET', KEYS[1], now + iv, 'PX', iv + 60000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[4])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) + 60000)
return 0
`;

/** Pushes the start time to at least now + ARGV[1] ms (server clock). */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = now + tonumber(ARGV[1])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
if want > nxt then redis.call('SET', KEYS[1], want, 'PX', tonumber(ARGV[1]) + 60000) end
return 0
`;

/** Raises the host's interval to ARGV[1] (kept a day: robots.txt is read again well before). */
const SLOW = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'EX', 86400) end
return 0
`;

export class RedisHostGate implements Gate {
  readonly concurrency: number;
  readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    opts: RedisHostGateOptions = {},
  ) {
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.intervalMs = Math.max(0, opts.intervalMs ?? 1000);
    this.leaseMs = Math.max(1000, opts.leaseMs ?? 60_000);
    this.prefix = opts.prefix ?? "dzherelo:host";
  }

  private keys(host: string): [string, string, string] {
    const k = `${this.prefix}:${host}`;
    return [`${k}:next`, `${k}:leases`, `${k}:iv`];
  }

  async acquire(host: string): Promise<() => void> {
    const [next, leases, iv] = this.keys(host);
    const token = `${process.pid}:${randomBytes(6).toString("hex")}`;
    for (;;) {
      const wait = Number(await this.redis.eval(TAKE, 3, next, leases, iv, this.intervalMs, this.concurrency, this.leaseMs, token));
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      void this.redis.zrem(leases, token).catch(() => {});
    };
  }

  slowDown(host: string, intervalMs: number): void {
    void this.redis.eval(SLOW, 1, this.keys(host)[2], Math.round(intervalMs)).catch(() => {});
  }

  pause(host: string, until: number): void {
    const ms = Math.round(until - Date.now());
    if (ms > 0) void this.redis.eval(PAUSE, 1, this.keys(host)[0], ms).catch(() => {});
  }
}
