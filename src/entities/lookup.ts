/**
 * Gazetteer lookups of name surfaces, remembered per process. The same names (Україна, Росії, Путін) recur in
 * every article, and a miss costs the most: the gazetteer then lemmatises each word and builds a Latin key
 * before giving up. The answer depends only on the surface and the language, so it is kept; the memo is
 * bounded so a long-running process over endless news cannot grow without limit.
 */
import { lookup, type GazetteerEntry } from "../gazetteer/index.js";

const MAX = 100_000;
/** One memo per language, keyed by the surface itself (no key string to build per call). */
const memos = new Map<string, Map<string, GazetteerEntry | null>>();

export function lookupName(surface: string, lang?: string): GazetteerEntry | null {
  const l = lang ?? "";
  let memo = memos.get(l);
  if (!memo) memos.set(l, (memo = new Map()));
  let r = memo.get(surface);
  if (r === undefined) {
    r = lookup(surface, lang);
    if (memo.size >= MAX) memo.clear();
    memo.set(surface, r);
  }
  return r;
}
