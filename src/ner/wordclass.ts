/**
 * Paradigm classes of dictionary lemmas, for the recogniser's features. The Ukrainian hunspell dictionary
 * (data/lexicon/uk.lex.gz, read by src/morph) marks every lemma with paradigm flags: the flags of a surname
 * ("Петренко", "Мельничук"), a first name, a town ("Львів", "Харків"), a country ("Іспанія") or a noun naming
 * a person ("директор", "етнограф": they have a vocative) differ. The class of a word is the set of
 * (part of speech, flags) pairs of its lemma's dictionary entries, so the recogniser learns from a few
 * hundred classes what the annotated text shows for only some of the 48,000 names the dictionary lists.
 *
 * The table (lowercase lemma hash → class id) is built by the training script and stored in the model, so
 * the recogniser does not depend on the dictionary's file at run time. Class 0 means "not in the
 * dictionary" (foreign names, brands, abbreviations).
 */
import { fnv1a } from "./hash.js";
import { lemmaKey } from "./features.js";

/** Parts of speech whose paradigms the classes keep (the ones names and role nouns have). */
const KEPT_POS = new Set(["PROPN", "NOUN"]);

/**
 * Builds the class table from the text of a dzherelo lexicon file (see src/morph/affix.ts for the format):
 * keys are lemmaKey(lemma) (lowercase), values are class ids ≥ 1 (a hash of the sorted pairs, folded so
 * that equal pair sets share an id).
 */
export function buildWordClasses(lexText: string, kept: ReadonlySet<string> = KEPT_POS): { keys: Uint32Array; vals: Int32Array; classes: number } {
  const start = lexText.indexOf("#entries\n");
  if (start < 0) throw new Error("not a dzherelo lexicon file");
  const pairs = new Map<number, Set<string>>();
  let from = start + 9;
  while (from < lexText.length) {
    let nl = lexText.indexOf("\n", from);
    if (nl < 0) nl = lexText.length;
    const line = lexText.slice(from, nl);
    from = nl + 1;
    const t1 = line.indexOf("\t");
    const t2 = line.indexOf("\t", t1 + 1);
    if (t1 < 0 || t2 < 0) continue;
    const t3 = line.indexOf("\t", t2 + 1);
    const pos = line.slice(t2 + 1, t3 < 0 ? undefined : t3);
    if (!kept.has(pos)) continue;
    const key = lemmaKey(line.slice(0, t1));
    let set = pairs.get(key);
    if (!set) pairs.set(key, (set = new Set()));
    set.add(pos + ":" + line.slice(t1 + 1, t2));
  }
  const ids = new Map<string, number>();
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const vals = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    const name = [...pairs.get(k)!].sort().join(" ");
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = (fnv1a(name) & 0x7fffffff) || 1));
    vals[i] = id;
  });
  return { keys: Uint32Array.from(keys), vals, classes: ids.size };
}
