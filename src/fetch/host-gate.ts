/**
 * Per-host politeness: at most `concurrency` requests in flight to one host, and request starts spaced at
 * least `intervalMs` apart (so a host never sees more than 1000/intervalMs requests a second from us, however
 * many feeds and pages point at it). A host can be slowed further: robots.txt Crawl-delay raises its interval,
 * and a 429/503 with Retry-After pauses it for everyone waiting on it.
 */

export interface HostGateOptions {
  /** Requests in flight to one host at once (default 2). */
  concurrency?: number;
  /** Minimum time between the starts of two requests to one host, in ms (default 1000). */
  intervalMs?: number;
}

interface HostSlot {
  active: number;
  /** Earliest time the next request may start (ms epoch). */
  nextStart: number;
  /** Interval for this host (the default, or longer by Crawl-delay). */
  intervalMs: number;
  waiting: Array<() => void>;
  timer: NodeJS.Timeout | null;
}

/**
 * What the fetcher needs from a politeness gate: this process's own (`HostGate`), or one shared by every worker
 * through Redis (`RedisHostGate`, src/fetch/redis-gate.ts) so the limits hold across machines.
 */
export interface Gate {
  /** Waits for a turn at the host; call the returned function when the request is done (body read). */
  acquire(host: string): Promise<() => void>;
  /** Raises (never lowers) a host's interval, e.g. from robots.txt Crawl-delay. */
  slowDown(host: string, intervalMs: number): void;
  /** No request to the host starts before `until` (ms epoch): a server asked us to wait (Retry-After). */
  pause(host: string, until: number): void;
}

export class HostGate implements Gate {
  readonly concurrency: number;
  readonly intervalMs: number;
  private hosts = new Map<string, HostSlot>();

  constructor(opts: HostGateOptions = {}) {
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.intervalMs = Math.max(0, opts.intervalMs ?? 1000);
  }

  private slot(host: string): HostSlot {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, nextStart: 0, intervalMs: this.intervalMs, waiting: [], timer: null };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Raises (never lowers) a host's interval, e.g. from robots.txt Crawl-delay. */
  slowDown(host: string, intervalMs: number): void {
    const s = this.slot(host);
    if (intervalMs > s.intervalMs) s.intervalMs = intervalMs;
  }

  /** No request to the host starts before `until` (ms epoch): a server asked us to wait (Retry-After). */
  pause(host: string, until: number): void {
    const s = this.slot(host);
    if (until > s.nextStart) s.nextStart = until;
  }

  /** Waits for a turn at the host; call the returned function when the request is done (body read). */
  async acquire(host: string): Promise<() => void> {
    const s = this.slot(host);
    await new Promise<void>((resolve) => {
      s.waiting.push(resolve);
      this.pump(s);
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      s.active--;
      this.pump(s);
    };
  }

  private pump(s: HostSlot): void {
    if (s.timer) return;
    while (s.waiting.length && s.active < this.concurrency) {
      const now = Date.now();
      if (now < s.nextStart) {
        s.timer = setTimeout(() => {
          s.timer = null;
          this.pump(s);
        }, s.nextStart - now);
        return;
      }
      s.active++;
      s.nextStart = now + s.intervalMs;
      s.waiting.shift()!();
    }
  }
}

/** The key requests are limited by: host name and port (one server). */
export function hostKey(url: URL): string {
  return url.host.toLowerCase();
}
