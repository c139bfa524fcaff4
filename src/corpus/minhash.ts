/**
 * MinHash signatures and LSH bands for story clustering and near-duplicate detection.
 *
 * A signature of K 32-bit minima estimates the Jaccard similarity of two feature sets (the fraction of equal
 * positions). LSH splits it into BANDS bands of ROWS values; two articles become candidates when any band is
 * equal. With 20 bands of 2 rows a pair with Jaccard 0.3 is a candidate with probability 0.85, a pair at 0.1
 * only 0.18: retellings of one report (Jaccard ~0.25–0.5 over story features) are found, unrelated news mostly
 * not, and the candidates are then scored exactly (see `storySimilarity`).
 */

export const ROWS = 2;
export const BANDS = 20;
export const K = ROWS * BANDS;

/** FNV-1a, 32 bit. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a good 32-bit mix, used as the i-th hash function with a per-position seed. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Array.from({ length: K }, (_, i) => fmix((i + 1) * 0x9e3779b9));

export function signature(features: Iterable<string>): Uint32Array {
  const sig = new Uint32Array(K).fill(0xffffffff);
  let any = false;
  for (const f of features) {
    any = true;
    const x = hash32(f);
    for (let i = 0; i < K; i++) {
      const v = fmix(x ^ SEEDS[i]);
      if (v < sig[i]) sig[i] = v;
    }
  }
  return any ? sig : new Uint32Array(0);
}

/** Estimated Jaccard similarity of two signatures (0 when either is empty). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== K || b.length !== K) return 0;
  let eq = 0;
  for (let i = 0; i < K; i++) if (a[i] === b[i]) eq++;
  return eq / K;
}

/** One hash per band (a signed 32-bit integer, for an SQLite INTEGER column). */
export function bands(sig: Uint32Array): number[] {
  if (sig.length !== K) return [];
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = fmix(Math.imul(h ^ sig[b * ROWS + r], 0x01000193));
    out.push(h | 0);
  }
  return out;
}

export function sigToBuffer(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function sigFromBuffer(buf: Buffer | Uint8Array | null): Uint32Array {
  if (!buf || buf.byteLength !== K * 4) return new Uint32Array(0);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer);
}

/** Two articles are near duplicates (one text, slightly reworded or re-formatted) above this similarity. */
export const NEAR_DUPLICATE = 0.75;

/**
 * Story similarity of two articles: the estimated Jaccard of their story features, raised by the *rare* global
 * entities they share (two retellings name the same people and places even when their wording differs; common
 * ones such as Україна or Росія say nothing, see `rareEntityLimit`), and zero when both are dated more than a
 * week apart (a story is news of some days, not a topic).
 *
 * Calibrated on ../shared/data/quotes-dev plus the seed and the fixture corpus (69 articles, long undated
 * texts): true retellings score 0.4–0.5, the best unrelated pairs 0.25 (similar topic, another event).
 */
export function storySimilarity(
  jaccard: number,
  sharedRareEntities: number,
  publishedA: string | null,
  publishedB: string | null,
): number {
  if (publishedA && publishedB) {
    const d = Math.abs(Date.parse(publishedA.slice(0, 10)) - Date.parse(publishedB.slice(0, 10)));
    if (Number.isFinite(d) && d > 7 * 86400_000) return 0;
  }
  return jaccard + 0.05 * Math.min(sharedRareEntities, 4);
}

/** Candidates at or above this story similarity join the candidate's story. */
export const SAME_STORY = 0.3;

/** An entity counts as rare (story-specific) when it is in at most this many articles of a corpus of n. */
export function rareEntityLimit(n: number): number {
  return Math.max(3, Math.floor(n / 100));
}

/** A story never spans more than this many days (first to last dated article): news of some days, not a topic. */
export const MAX_STORY_DAYS = 30;

/**
 * Two stories are merged only while the result has at most this many articles (an article can still join a
 * larger story). Unbounded merging made connected components of a month's news on a 506k-article bench corpus
 * (stories of 30,000 articles); joining alone, as before merging, never does that.
 */
export const MAX_MERGED_STORY = 200;

/** A story as merging sees it. */
export interface StorySpan {
  id: number;
  size: number;
  first: string | null;
  last: string | null;
}

const day = (iso: string) => Date.parse(iso.slice(0, 10));

/**
 * The stories an article linked to (a candidate at or above SAME_STORY in each) that it joins: the largest one
 * (on a tie the oldest) keeps its id and absorbs the others, taken largest first, as long as the whole — the
 * article's date included — spans at most MAX_STORY_DAYS and a merge stays within MAX_MERGED_STORY articles; a
 * story that would stretch it further stays apart.
 * Null when the article cannot join any (then it starts a story). Without that bound a story would be a
 * connected component of the "same story" graph, and chains of retellings a few days apart would join a
 * year's coverage of one subject; the bound binds only for such chains, so in every other case the stories do
 * not depend on the order the articles came in.
 */
export function storiesToJoin(linked: StorySpan[], published: string | null): { keep: StorySpan; absorb: StorySpan[] } | null {
  const sorted = [...linked].sort((a, b) => b.size - a.size || a.id - b.id);
  let lo = published ? day(published) : NaN;
  let hi = lo;
  const taken: StorySpan[] = [];
  let size = 1;
  for (const s of sorted) {
    const f = s.first ? day(s.first) : NaN;
    const l = s.last ? day(s.last) : NaN;
    const nlo = Math.min(...[lo, f].filter(Number.isFinite));
    const nhi = Math.max(...[hi, l].filter(Number.isFinite));
    if (Number.isFinite(nlo) && Number.isFinite(nhi) && nhi - nlo > MAX_STORY_DAYS * 86400_000) continue;
    if (taken.length && size + s.size > MAX_MERGED_STORY) continue;
    size += s.size;
    taken.push(s);
    lo = nlo;
    hi = nhi;
  }
  return taken.length ? { keep: taken[0], absorb: taken.slice(1) } : null;
}
