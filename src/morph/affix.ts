/**
 * The dictionary engine: a hunspell-style lexicon (lemmas with paradigm flags + suffix rules) looked up by
 * suffix inversion. A word is analysed by stripping every rule "append" it ends with, restoring the rule's
 * "strip", and checking that the resulting stem is a lemma that carries the rule's flag and meets its
 * condition. This is how hunspell itself checks words; it keeps the shipped table small (the lemma list and
 * a few thousand rules instead of millions of expanded forms). A candidate stem is first checked against a
 * Bloom filter of the lemmas (by a hash extended from the word's prefix hashes), and only a "maybe" is looked up
 * by binary search in the sorted lines, so a lookup builds almost no strings.
 *
 * The on-disk format (`data/lexicon/<lang>.lex.gz`, written by scripts/build-lexicon.ts) is plain text:
 *
 *   dzherelo-lexicon 1 <lang>
 *   #rules
 *   <flag>\t<strip>\t<append>\t<condition>      (one per suffix rule; "" for empty strip/append)
 *   #entries
 *   <lemma>\t<flags>\t<UPOS>[\t=<lemma>|+<lemma>]   (one per lemma; flags may be empty; the optional
 *                                                 column marks a bare word as a case form of another name)
 */

export interface LexAnalysis {
  lemma: string;
  /** Universal POS of the lemma's paradigm. */
  pos: string;
  /** The rule flag that produced the form ("" when the form is the lemma itself). */
  flag: string;
  /** The form is a dictionary word with no paradigm: a bare form (often an irregular form, not a lemma). */
  bare: boolean;
}

interface Rule {
  flag: string;
  strip: string;
  append: string;
  /** Condition on the lemma's end, as an end-anchored RegExp; null when any lemma qualifies. */
  cond: RegExp | null;
}

interface Entry {
  flags: string;
  pos: string;
  /** For a bare form listed as a word of its own: the lemma it is a form of ("=": only reading, "+": also). */
  of?: string;
}

const NO_ENTRIES: Entry[] = [];

/** Bloom filter size (bits) and the FNV-1a constants of its hash (over UTF-16 code units). */
const BLOOM_BITS = 1 << 23;
const BLOOM_MASK = BLOOM_BITS - 1;
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_MUL = 16777619;

/** The filter's second bit: the hash's high bits mixed, so the two bits are nearly independent. */
function bloomSecond(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 9 & BLOOM_MASK;
}

export class AffixLexicon {
  readonly lang: string;
  /**
   * Entry lines, sorted by lemma (code-unit order, as the build writes them), so a lemma's homonyms follow each
   * other and a lemma is found by binary search: no Map of 330 k keys to build at load time.
   */
  private lines: string[] = [];
  /** Number of distinct lemmas in `lines`. */
  private distinct = 0;
  /** Entries added one by one (tests, builds), on top of the parsed lines. */
  private readonly extra = new Map<string, Entry[]>();
  /** Rules by their append string, then by their strip string: one stem to look up per (append, strip). */
  private readonly byAppend = new Map<string, Map<string, Rule[]>>();
  /** The same as arrays, for the lookup loop (built on first use). */
  private groups: Map<string, { strip: string; rules: Rule[] }[]> | null = null;
  /** Parsed entries of lemmas looked up before. */
  private readonly entryCache = new Map<string, Entry[]>();
  private maxAppend = 0;
  private readonly condCache = new Map<string, RegExp | null>();
  /**
   * A Bloom filter (two bits per lemma, 2^23 bits) over the lemmas, by a hash computed from character codes.
   * Suffix inversion tries a few dozen candidate stems per word, nearly all of them not lemmas; the filter turns
   * those away from hashes extended from the word's prefix hashes, without building the stem string or probing
   * the large lemma Map (a cold word cost about 30 such probes, each a new string and a cache miss).
   */
  private readonly bloom = new Int32Array(BLOOM_BITS >>> 5);
  /** Prefix hashes of the word being analysed (reused buffer). */
  private prefix = new Int32Array(64);

  constructor(lang: string) {
    this.lang = lang;
  }

  /**
   * Parses the text format described above. Entry lines are kept as they are and indexed by lemma; a line is
   * split into flags and POS only when looked up, which keeps loading fast.
   */
  static parse(text: string): AffixLexicon {
    const nl = text.indexOf("\n");
    const header = text.slice(0, nl).split(" ");
    if (header[0] !== "dzherelo-lexicon") throw new Error("not a dzherelo lexicon file");
    const lex = new AffixLexicon(header[2] ?? "");
    const ruleStart = text.indexOf("#rules\n");
    const entStart = text.indexOf("#entries\n");
    for (const line of text.slice(ruleStart + 7, entStart).split("\n")) {
      if (!line) continue;
      const f = line.split("\t");
      lex.addRule(f[0], f[1], f[2], f[3]);
    }
    const lines = text.slice(entStart + 9).split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    lex.lines = lines;
    // Each lemma into the Bloom filter, hashed straight from the line (no key strings).
    let prevHash = 0;
    let prevLine = "";
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let h = HASH_SEED;
      let j = 0;
      for (let c = line.charCodeAt(0); c !== 9 && j < line.length; c = line.charCodeAt(++j)) h = Math.imul(h ^ c, HASH_MUL);
      if (i > 0 && h === prevHash && line.startsWith(prevLine.substring(0, j + 1))) continue;
      lex.bloomSet(h);
      lex.distinct++;
      prevHash = h;
      prevLine = line;
    }
    return lex;
  }

  private bloomAdd(word: string): void {
    let h = HASH_SEED;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), HASH_MUL);
    this.bloomSet(h);
  }

  private bloomSet(h: number): void {
    const a = h & BLOOM_MASK;
    const b = bloomSecond(h);
    this.bloom[a >>> 5] |= 1 << (a & 31);
    this.bloom[b >>> 5] |= 1 << (b & 31);
  }

  private bloomHasWord(word: string): boolean {
    let h = HASH_SEED;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), HASH_MUL);
    return this.bloomHas(h);
  }

  private bloomHas(h: number): boolean {
    const a = h & BLOOM_MASK;
    if ((this.bloom[a >>> 5] & (1 << (a & 31))) === 0) return false;
    const b = bloomSecond(h);
    return (this.bloom[b >>> 5] & (1 << (b & 31))) !== 0;
  }

  addEntry(word: string, flags: string, pos: string): void {
    this.bloomAdd(word);
    this.entryCache.delete(word);
    const list = this.extra.get(word);
    if (list) {
      const same = list.find((e) => e.pos === pos);
      if (same) same.flags = mergeFlags(same.flags, flags);
      else list.push({ flags, pos });
    } else this.extra.set(word, [{ flags, pos }]);
  }

  /** The entries (paradigm flags and POS) of a lemma. */
  private entriesOf(word: string): Entry[] {
    const hit = this.entryCache.get(word);
    if (hit) return hit;
    const es = this.readEntries(word);
    if (this.entryCache.size > 100_000) this.entryCache.clear();
    this.entryCache.set(word, es);
    return es;
  }

  /**
   * Index of the first line of a lemma, or -1: a binary search comparing the word with each line's text up to
   * its tab, code unit by code unit (the tab ends the key and sorts before every letter).
   */
  private findLine(word: string): number {
    const lines = this.lines;
    let lo = 0;
    let hi = lines.length;
    const n = word.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const line = lines[mid];
      let cmp = 0;
      for (let j = 0; ; j++) {
        const a = line.charCodeAt(j); // the tab (9) ends the key
        const b = j < n ? word.charCodeAt(j) : 9;
        if (a !== b) {
          cmp = a < b ? -1 : 1;
          break;
        }
        if (a === 9) break;
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo < lines.length && lines[lo].length > n && lines[lo].charCodeAt(n) === 9 && lines[lo].startsWith(word) ? lo : -1;
  }

  /** True when the lemma has a line of its own (not counting entries added one by one). */
  private inLines(word: string): boolean {
    return this.findLine(word) >= 0;
  }

  private readEntries(word: string): Entry[] {
    const found = this.findLine(word);
    const i = found < 0 ? undefined : found;
    const extra = this.extra.get(word);
    if (i === undefined) return extra ?? NO_ENTRIES;
    const out: Entry[] = [];
    for (let j = i; j < this.lines.length; j++) {
      const line = this.lines[j];
      const t1 = line.indexOf("\t");
      if (j > i && line.substring(0, t1) !== word) break;
      const t2 = line.indexOf("\t", t1 + 1);
      const t3 = line.indexOf("\t", t2 + 1);
      const flags = line.substring(t1 + 1, t2);
      const pos = t3 < 0 ? line.substring(t2 + 1) : line.substring(t2 + 1, t3);
      const of = t3 < 0 ? undefined : line.substring(t3 + 1);
      const same = out.find((e) => e.pos === pos && !e.of && !of);
      if (same) same.flags = mergeFlags(same.flags, flags);
      else out.push(of ? { flags, pos, of } : { flags, pos });
    }
    return extra ? [...out, ...extra] : out;
  }

  addRule(flag: string, strip: string, append: string, cond: string): void {
    let re = this.condCache.get(cond);
    if (re === undefined) {
      re = cond === "" || cond === "." ? null : new RegExp(`(?:${cond})$`, "u");
      this.condCache.set(cond, re);
    }
    const rule: Rule = { flag, strip, append, cond: re };
    this.groups = null;
    let byStrip = this.byAppend.get(append);
    if (!byStrip) this.byAppend.set(append, (byStrip = new Map()));
    const list = byStrip.get(strip);
    if (list) list.push(rule);
    else byStrip.set(strip, [rule]);
    if (append.length > this.maxAppend) this.maxAppend = append.length;
  }

  /** True when the word is a lemma of the lexicon. */
  hasLemma(word: string): boolean {
    return this.extra.has(word) || (this.bloomHasWord(word) && this.inLines(word));
  }

  get size(): number {
    return this.distinct + this.extra.size;
  }

  /** Every (lemma, POS) whose paradigm contains `word` exactly as written (case-sensitive). */
  analyze(word: string): LexAnalysis[] {
    const out: LexAnalysis[] = [];
    const self = this.entriesOf(word);
    for (const e of self) {
      if (e.of) {
        // A bare name form: its lemma, and (for "+") the form itself as a name of its own.
        out.push({ lemma: e.of.slice(1), pos: e.pos, flag: "=", bare: false });
        if (e.of[0] === "+") out.push({ lemma: word, pos: e.pos, flag: "", bare: true });
      } else out.push({ lemma: word, pos: e.pos, flag: "", bare: e.flags === "" });
    }
    const n = word.length;
    const maxK = Math.min(this.maxAppend, n - 1);
    if (!this.groups) {
      this.groups = new Map();
      for (const [app, byStrip] of this.byAppend) this.groups.set(app, [...byStrip].map(([strip, rules]) => ({ strip, rules })));
    }
    if (this.prefix.length <= n) this.prefix = new Int32Array(2 * n + 1);
    const prefix = this.prefix;
    let ph = HASH_SEED;
    prefix[0] = ph;
    for (let i = 0; i < n; i++) prefix[i + 1] = ph = Math.imul(ph ^ word.charCodeAt(i), HASH_MUL);
    for (let k = 0; k <= maxK; k++) {
      const groups = this.groups.get(k === 0 ? "" : word.slice(n - k));
      if (!groups) continue;
      let base: string | null = null;
      for (let g = 0; g < groups.length; g++) {
        const { strip, rules } = groups[g];
        let h = prefix[n - k];
        for (let i = 0; i < strip.length; i++) h = Math.imul(h ^ strip.charCodeAt(i), HASH_MUL);
        if (!this.bloomHas(h)) continue;
        base ??= word.slice(0, n - k);
        const stem = strip ? base + strip : base;
        // Entries of the stem (memoised; none when the filter's "maybe" was a false alarm).
        const es = this.entriesOf(stem);
        if (es.length === 0) continue;
        for (const r of rules) {
          if (r.cond && !r.cond.test(stem)) continue;
          for (const e of es) {
            if (e.flags.indexOf(r.flag) < 0) continue;
            if (!out.some((o) => o.lemma === stem && o.pos === e.pos)) out.push({ lemma: stem, pos: e.pos, flag: r.flag, bare: false });
          }
        }
      }
    }
    return out;
  }

  /** Every form of a lemma's paradigm(s), with the flag that makes it ("" for the lemma itself). */
  *expand(lemma: string): Generator<{ form: string; flag: string; pos: string }> {
    for (const e of this.entriesOf(lemma)) {
      yield { form: lemma, flag: "", pos: e.pos };
      for (const byStrip of this.byAppend.values()) {
        for (const r of [...byStrip.values()].flat()) {
          if (e.flags.indexOf(r.flag) < 0) continue;
          if (!lemma.endsWith(r.strip)) continue;
          if (r.cond && !r.cond.test(lemma)) continue;
          yield { form: lemma.slice(0, lemma.length - r.strip.length) + r.append, flag: r.flag, pos: e.pos };
        }
      }
    }
  }

  /** All lemmas (for building derived tables). */
  lemmas(): IterableIterator<string> {
    const lines = this.lines;
    return (function* () {
      let prev: string | null = null;
      for (const line of lines) {
        const key = line.substring(0, line.indexOf("\t"));
        if (key !== prev) yield key;
        prev = key;
      }
    })();
  }

  posOf(lemma: string): string[] {
    return this.entriesOf(lemma).map((e) => e.pos);
  }
}

function mergeFlags(a: string, b: string): string {
  let out = a;
  for (const ch of b) if (out.indexOf(ch) < 0) out += ch;
  return out;
}
