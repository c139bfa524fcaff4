/**
 * Following live sources in scale-out mode: fetching is queue work like analysis, so workers on many machines
 * share it, and the per-host politeness limits hold over all of them (a RedisHostGate).
 *
 *   follow (scheduler) ──poll job──▶ worker: conditional GET of the feed/sitemap, new items ──page jobs──▶
 *   worker: fetch the page (robots.txt, per-host limits) ──article job──▶ worker: analyse, dedup, store, record
 *
 * State lives in PostgreSQL (PostgresFollowState: validators, next poll, health, seen URLs), so any worker can
 * take any job and a restart of everything refetches nothing. A page is recorded as "fetched" when it is handed
 * on for analysis, so a poll meanwhile does not fetch it again; the page job's id (its URL) keeps two polls listing
 * one page from fetching it twice.
 */
import type { Article } from "../article.js";
import type { Analyzed } from "../corpus/pool.js";
import { Fetcher } from "../fetch/client.js";
import type { Gate } from "../fetch/host-gate.js";
import type { FetchJob, FetchPolicy, JobOutcome, JobQueue, PageMeta } from "../queue/types.js";
import type { RawInput } from "../store/types.js";
import { Follower, stoppableSleep, type ArticleSink, type PollResult } from "./follow.js";
import type { FollowState } from "./state.js";

export interface FollowJobsOptions {
  store: ArticleSink;
  state: FollowState;
  queue: JobQueue;
  analyze: (raw: RawInput) => Promise<Article | Analyzed>;
  /** The gate shared by all workers for a policy's limits (a RedisHostGate). */
  gate: (policy: FetchPolicy) => Gate;
  log?: (event: Record<string, unknown>) => void;
}

/** The worker side: runs poll, page and (followed) article jobs. */
export class FollowJobs {
  private followers = new Map<string, Follower>();
  /** One Fetcher per politeness policy, kept across runs: its robots.txt cache lasts its 6 hours. */
  private fetchers = new Map<string, Fetcher>();

  constructor(private readonly o: FollowJobsOptions) {}

  /** One Follower per politeness policy and run (a run's new pages are queued under that run). */
  private follower(policy: FetchPolicy, run: string): Follower {
    const pkey = JSON.stringify(policy);
    const key = pkey + "\u0000" + run;
    let f = this.followers.get(key);
    if (!f) {
      let fetcher = this.fetchers.get(pkey);
      if (!fetcher) {
        fetcher = new Fetcher({ userAgent: policy.userAgent ?? undefined, timeoutMs: policy.timeoutMs, gate: this.o.gate(policy) });
        if (this.fetchers.size > 20) this.fetchers.clear();
        this.fetchers.set(pkey, fetcher);
      }
      f = new Follower({
        fetcher,
        state: this.o.state,
        store: this.o.store,
        analyze: this.o.analyze,
        everyMs: policy.everyMs,
        maxNewPerPoll: policy.maxNewPerPoll,
        maxAgeDays: policy.maxAgeDays,
        pageSink: (pages) => this.o.queue.enqueueFetch(run, pages.map((p) => ({ kind: "page", item: p.item, source: p.source, policy }))),
        onEvent: (e) => {
          if (e.type === "poll") this.o.log?.({ event: "follow.poll", ...pollSummary(e.result) });
          else if (e.status !== "stored") this.o.log?.({ event: "follow.page", url: e.url, status: e.status, error: e.error });
        },
      });
      if (this.followers.size > 50) this.followers.clear();
      this.followers.set(key, f);
    }
    return f;
  }

  async handle(job: FetchJob, run: string): Promise<void> {
    if (job.kind === "poll") {
      const s = await this.o.state.getSource(job.url);
      if (s) await this.follower(job.policy, run).pollSource(s);
      return;
    }
    if ((await this.o.state.seen([job.item.url])).has(job.item.url)) return;
    const got = await this.follower(job.policy, run).fetchPage({ item: job.item, source: job.source });
    if ("done" in got) return;
    const { raw, ...meta } = got.page;
    // Seen from now on (for an hour without a final status): a poll meanwhile does not fetch it again.
    await this.o.state.markSeen(meta.urls.map((url) => ({ url, source: meta.source, status: "fetched", article: null, textHash: null, error: null })));
    await this.o.queue.enqueue(run, [raw], meta);
  }

  /** An article job made from a fetched page: analysed, deduplicated, stored and recorded like `follow` does. */
  async storeArticle(raw: RawInput, page: PageMeta): Promise<JobOutcome> {
    const follower = this.follower({ userAgent: null, intervalMs: 1000, concurrency: 1, timeoutMs: 30_000, everyMs: 600_000, maxNewPerPoll: 100, maxAgeDays: 7 }, "store");
    const o = await follower.storePage({ ...page, raw });
    if (o.status === "stored" && page.source) await this.o.state.creditArticles?.(page.source, 1);
    return o.status === "stored" ? "stored" : o.status === "duplicate" ? "duplicate" : "failed";
  }
}

function pollSummary(r: PollResult) {
  return { source: r.source, status: r.status, kind: r.kind, listed: r.listed, fresh: r.fresh, error: r.error };
}

export interface ScheduleOptions {
  state: FollowState;
  queue: JobQueue;
  urls: string[];
  policy: FetchPolicy;
  /** Enqueue one poll of every due source, wait until all its work is done, return. */
  once?: boolean;
  signal?: { stopped: boolean };
  log?: (event: Record<string, unknown>) => void;
  /** How often to look for due sources (default: 1 s). */
  tickMs?: number;
}

/**
 * The `follow` side in scale-out mode: enqueues a poll job for each source when it is due (the workers update
 * the next poll time when they poll it), until stopped. With `once`, waits until the queue has nothing left.
 */
export async function scheduleFollow(o: ScheduleOptions): Promise<void> {
  const signal = o.signal ?? { stopped: false };
  const sleep = stoppableSleep(() => signal.stopped);
  const run = `follow-${Date.now().toString(36)}`;
  await o.state.addSources(o.urls);
  while (!signal.stopped) {
    const due: string[] = [];
    for (const u of o.urls) {
      const s = await o.state.getSource(u);
      if (s && s.nextPoll <= Date.now()) due.push(u);
    }
    await o.queue.enqueueFetch(run, due.map((url) => ({ kind: "poll", url, policy: o.policy })));
    if (due.length) o.log?.({ event: "follow.enqueued", polls: due.length });
    if (o.once) {
      await waitIdle(o.queue, signal);
      return;
    }
    await sleep(o.tickMs ?? 1000);
  }
}

/** Resolves once the queue has been idle at two looks in a row (a job in hand may add the next job). */
export async function waitIdle(queue: JobQueue, signal: { stopped: boolean } = { stopped: false }): Promise<void> {
  let quiet = 0;
  while (!signal.stopped && quiet < 2) {
    await new Promise((r) => setTimeout(r, 250));
    quiet = (await queue.idle()) ? quiet + 1 : 0;
  }
}
