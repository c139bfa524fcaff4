/**
 * Gazetteer lookups of name surfaces, remembered per process. The same names (Україна, Росії, Путін) recur in
 * every article, and a miss costs the most: the gazetteer then lemmatises each word and builds a Latin key
 * before giving up. The answer depends only on the surface and the language, so it is kept; the memo is
 * bounded so a long-running process over endless news cannot grow without limit.
 */
import { lookup, type GazetteerEntry } from "../gazetteer/index.js";

const MAX = 100_000;
const memo = new Map<string, GazetteerEntry | null>();

export function lookupName(surface: string, lang?: string): GazetteerEntry | null {
  const key = (lang ?? "") + "\u0000" + surface;
  let r = memo.get(key);
  if (r === undefined) {
    r = lookup(surface, lang);
    if (memo.size >= MAX) memo.clear();
    memo.set(key, r);
  }
  return r;
}
