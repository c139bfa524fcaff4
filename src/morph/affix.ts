/**
 * The dictionary engine: a hunspell-style lexicon (lemmas with paradigm flags + suffix rules) looked up by
 * suffix inversion. A word is analysed by stripping every rule "append" it ends with, restoring the rule's
 * "strip", and checking that the resulting stem is a lemma that carries the rule's flag and meets its
 * condition. This is how hunspell itself checks words; it keeps the shipped table small (the lemma list and
 * a few thousand rules instead of millions of expanded forms). In memory the lemma lines are packed into typed
 * arrays with an open-addressing hash table over them; a candidate stem is looked up by a hash extended from
 * the word's prefix hashes, so the few dozen stems tried per word, nearly all of them not lemmas, build no
 * strings and leave no garbage.
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
import { endingTrie, type EndingTrie } from "../text/ending-trie.js";

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
  /** The same condition as letter classes by position (see compileCondition); null when it is no such sequence. */
  seq: CondClass[] | null;
}

interface Entry {
  flags: string;
  pos: string;
  /** For a bare form listed as a word of its own: the lemma it is a form of ("=": only reading, "+": also). */
  of?: string;
}

const NO_ENTRIES: Entry[] = [];

/** FNV-1a over UTF-16 code units: the lemma table's hash, extended from a word's prefix hashes. */
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_MUL = 16777619;

function hashOf(word: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), HASH_MUL);
  return h;
}

/** The table slot a hash starts probing at (the hash's bits mixed, so similar stems spread out). */
const FILTER_BITS = 1 << 22;

function filterBit(h: number): number {
  return (Math.imul(h ^ (h >>> 13), 0x2c1b3c6d) >>> 10) & (FILTER_BITS - 1);
}

/** Bits of the base filter (see AffixLexicon.baseFilter) and a hash's bit in it. */
const BASE_BITS = 1 << 23;

function baseBit(h: number): number {
  return (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 9) & (BASE_BITS - 1);
}

/** The rules' strips as a trie read backwards. */
function stripTrie(byAppend: Map<string, Map<string, Rule[]>>): EndingTrie {
  const strips: string[] = [];
  for (const byStrip of byAppend.values()) for (const strip of byStrip.keys()) strips.push(strip);
  return endingTrie(strips);
}

/**
 * Sets the base-filter bits of one lemma (letters `chars[k .. k + len)`, prefix hashes `prefix[0 .. len]`): the
 * hash of what is left when each strip the lemma ends with is cut.
 */
function markBases(bits: Int32Array, root: EndingTrie, chars: Uint16Array, k: number, len: number, prefix: Int32Array): void {
  let node: EndingTrie | undefined = root;
  for (let j = len; node; j--) {
    if (node.end) {
      const b = baseBit(prefix[j]);
      bits[b >>> 5] |= 1 << (b & 31);
    }
    node = j > 0 ? node.next.get(chars[k + j - 1]) : undefined;
  }
}

function slotOf(h: number, mask: number): number {
  return (Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0) & mask;
}

export class AffixLexicon {
  readonly lang: string;
  /**
   * The parsed lemma lines, packed into typed arrays (a few MB, invisible to the garbage collector): the distinct
   * lemmas' letters end to end, where each lemma starts, and its first line; per line (sorted by lemma, so a
   * lemma's homonyms follow each other) its interned flag set and POS. A lemma is found through an
   * open-addressing hash table by the same FNV hash suffix inversion extends from the word's prefix hashes, so
   * a candidate stem that is no lemma costs one probe and builds no string.
   */
  private keyChars = new Uint16Array(0);
  private keyStart = new Int32Array(1);
  /**
   * A lemma's entries (its lines, homonym lines of one POS merged, as `entriesOf` gives them) from
   * `firstEntry[id]`: the interned flag set and POS of each.
   */
  private firstEntry = new Int32Array(1);
  private entFlags = new Int32Array(0);
  private entPos = new Uint8Array(0);
  /** The rare fourth column (a bare name form's lemma), by entry. */
  private readonly entOf = new Map<number, string>();
  private readonly flagNames: string[] = [];
  private readonly posNames: string[] = [];
  /** Hash table: lemma id + 1 per slot (0: empty), and the lemma's full hash. */
  private slots = new Int32Array(1);
  private slotHash = new Int32Array(1);
  private slotMask = 0;
  /**
   * One bit per hash (2^22 bits, 512 KB: small enough to stay in the processor's cache) set for every lemma:
   * most candidate stems are no lemma and are turned away here without touching the larger table.
   */
  private filter = new Int32Array(FILTER_BITS >>> 5);
  /**
   * One bit per hash (2^23 bits, 1 MB) set for every "base" a lemma leaves when one of the rules' strips is cut
   * from its end (filled as the lemmas are read): a word's ending whose base is not set cannot lead to a lemma under
   * any of that ending's rules, and its stems are not looked up one by one.
   */
  private baseFilter: Int32Array | null = null;
  /** Number of distinct lemmas in the packed lines. */
  private distinct = 0;
  /** Entries added one by one (tests, builds), on top of the parsed lines. */
  private readonly extra = new Map<string, Entry[]>();
  /** Rules by their append string, then by their strip string: one stem to look up per (append, strip). */
  private readonly byAppend = new Map<string, Map<string, Rule[]>>();
  /**
   * The same as a trie over the appends read backwards (built on first use): a word's endings are walked letter
   * by letter from its end, with no ending string cut out per length.
   */
  private trie: SuffixNode | null = null;
  private maxAppend = 0;
  private readonly condCache = new Map<string, RegExp | null>();
  private readonly seqCache = new Map<string, CondClass[] | null>();
  /** Prefix hashes of the word being analysed (reused buffer). */
  private prefix = new Int32Array(64);

  constructor(lang: string) {
    this.lang = lang;
  }

  /**
   * Parses the text format described above into the packed arrays: one pass over the entry lines, with no
   * string kept per line (flag sets and POS are interned).
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
    // First pass: the sizes (lines, distinct lemmas, their letters), so every array is allocated once at its
    // final size (no large scratch arrays left as slack in the resident size).
    let nLines = 0;
    let nLemmas = 0;
    let nChars = 0;
    let prevStart = -1;
    let prevLen = -1;
    for (let p = entStart + 9; p < text.length; ) {
      let e = text.indexOf("\n", p);
      if (e < 0) e = text.length;
      if (e > p) {
        nLines++;
        const len = text.indexOf("\t", p) - p;
        let same = len === prevLen;
        for (let j = 0; same && j < len; j++) same = text.charCodeAt(p + j) === text.charCodeAt(prevStart + j);
        if (!same) (nLemmas++), (nChars += len);
        prevStart = p;
        prevLen = len;
      }
      p = e + 1;
    }
    const chars = new Uint16Array(nChars);
    const keyStart = new Int32Array(nLemmas + 1);
    const firstEntry = new Int32Array(nLemmas + 1);
    const hashes = new Int32Array(nLemmas);
    const entFlags = new Int32Array(nLines);
    const entPos = new Uint8Array(nLines);
    const flagIds = new Map<string, number>();
    const flagsAt = new Map<number, number[]>();
    const posIds = new Map<string, number>();
    const posAt = new Map<number, number[]>();
    const intern = (ids: Map<string, number>, names: string[], s: string) => {
      let id = ids.get(s);
      if (id === undefined) ids.set(s, (id = names.push(s) - 1));
      return id;
    };
    // A field of the text interned by its letters' hash, with no string cut out for one seen before.
    const internAt = (at: Map<number, number[]>, ids: Map<string, number>, names: string[], a: number, b: number) => {
      let h = HASH_SEED;
      for (let j = a; j < b; j++) h = Math.imul(h ^ text.charCodeAt(j), HASH_MUL);
      let list = at.get(h);
      if (list) for (const id of list) if (names[id].length === b - a && text.startsWith(names[id], a)) return id;
      const id = intern(ids, names, text.substring(a, b));
      if (!list) at.set(h, (list = []));
      list.push(id);
      return id;
    };
    // The base filter is filled as the lemmas are read (the rules come first in the file).
    const strips = stripTrie(lex.byAppend);
    const bases = new Int32Array(BASE_BITS >>> 5);
    let prefix = new Int32Array(64);
    let nc = 0;
    let ne = 0;
    let id = -1;
    for (let p = entStart + 9; p < text.length; ) {
      let e = text.indexOf("\n", p);
      if (e < 0) e = text.length;
      if (e === p) {
        p = e + 1;
        continue;
      }
      const t1 = text.indexOf("\t", p);
      const t2 = text.indexOf("\t", t1 + 1);
      const t3 = text.indexOf("\t", t2 + 1);
      // Same lemma as the line before (homonyms are adjacent)?
      const len = t1 - p;
      let same = id >= 0 && keyStart[id + 1] - keyStart[id] === len;
      if (same) for (let j = 0, k = keyStart[id]; j < len; j++) if (chars[k + j] !== text.charCodeAt(p + j)) (same = false), (j = len);
      if (!same) {
        id++;
        keyStart[id] = nc;
        firstEntry[id] = ne;
        let h = HASH_SEED;
        if (prefix.length <= len) prefix = new Int32Array(2 * len + 1);
        prefix[0] = h;
        for (let j = p; j < t1; j++) {
          const c = text.charCodeAt(j);
          chars[nc++] = c;
          prefix[j - p + 1] = h = Math.imul(h ^ c, HASH_MUL);
        }
        keyStart[id + 1] = nc;
        hashes[id] = h;
        markBases(bases, strips, chars, keyStart[id], len, prefix);
      }
      const flags = internAt(flagsAt, flagIds, lex.flagNames, t1 + 1, t2);
      const posEnd = t3 < 0 || t3 > e ? e : t3;
      const pos = internAt(posAt, posIds, lex.posNames, t2 + 1, posEnd);
      const of = posEnd < e ? text.substring(posEnd + 1, e) : undefined;
      // A homonym line of a POS the lemma has already (neither line naming another lemma) adds its flags to it.
      let merged = false;
      if (!of)
        for (let j = firstEntry[id]; j < ne && !merged; j++)
          if (entPos[j] === pos && !lex.entOf.has(j))
            (entFlags[j] = intern(flagIds, lex.flagNames, mergeFlags(lex.flagNames[entFlags[j]], lex.flagNames[flags]))), (merged = true);
      if (!merged) {
        entFlags[ne] = flags;
        entPos[ne] = pos;
        if (of) lex.entOf.set(ne, of);
        ne++;
      }
      p = e + 1;
    }
    const n = id + 1;
    firstEntry[n] = ne;
    lex.baseFilter = bases;
    lex.distinct = n;
    lex.keyChars = chars;
    lex.keyStart = keyStart;
    lex.firstEntry = firstEntry;
    lex.entFlags = ne === nLines ? entFlags : entFlags.slice(0, ne);
    lex.entPos = ne === nLines ? entPos : entPos.slice(0, ne);
    // Hash table at most two thirds full (the Bloom filter turns most misses away before it is probed).
    let cap = 1;
    while (cap < 1.5 * n) cap <<= 1;
    lex.slots = new Int32Array(cap);
    lex.slotHash = new Int32Array(cap);
    lex.slotMask = cap - 1;
    for (let i = 0; i < n; i++) {
      let s = slotOf(hashes[i], lex.slotMask);
      while (lex.slots[s] !== 0) s = (s + 1) & lex.slotMask;
      lex.slots[s] = i + 1;
      lex.slotHash[s] = hashes[i];
      const b = filterBit(hashes[i]);
      lex.filter[b >>> 5] |= 1 << (b & 31);
    }
    return lex;
  }

  /**
   * The id of the lemma whose hash is `h` and whose letters are the first `base` letters of `word` followed by
   * `strip`; -1 when there is none.
   */
  private findId(h: number, word: string, base: number, strip: string): number {
    const b = filterBit(h);
    if ((this.filter[b >>> 5] & (1 << (b & 31))) === 0) return -1;
    const slots = this.slots;
    const mask = this.slotMask;
    const len = base + strip.length;
    for (let s = slotOf(h, mask); ; s = (s + 1) & mask) {
      const v = slots[s];
      if (v === 0) return -1;
      if (this.slotHash[s] !== h) continue;
      const id = v - 1;
      const k = this.keyStart[id];
      if (this.keyStart[id + 1] - k !== len) continue;
      const chars = this.keyChars;
      let j = 0;
      while (j < base && chars[k + j] === word.charCodeAt(j)) j++;
      if (j < base) continue;
      let i = 0;
      while (i < strip.length && chars[k + base + i] === strip.charCodeAt(i)) i++;
      if (i === strip.length) return id;
    }
  }

  private idOf(word: string): number {
    return this.distinct ? this.findId(hashOf(word), word, word.length, "") : -1;
  }

  addEntry(word: string, flags: string, pos: string): void {
    const list = this.extra.get(word);
    if (list) {
      const same = list.find((e) => e.pos === pos);
      if (same) same.flags = mergeFlags(same.flags, flags);
      else list.push({ flags, pos });
    } else this.extra.set(word, [{ flags, pos }]);
  }

  /** The entries (paradigm flags and POS) of a lemma. */
  private entriesOf(word: string): Entry[] {
    const id = this.idOf(word);
    const es = id < 0 ? NO_ENTRIES : this.entriesById(id);
    if (this.extra.size === 0) return es;
    const extra = this.extra.get(word);
    return extra ? (es.length ? [...es, ...extra] : extra) : es;
  }

  /** The entries of a lemma of the packed lines, as objects. */
  private entriesById(id: number): Entry[] {
    const out: Entry[] = [];
    for (let j = this.firstEntry[id]; j < this.firstEntry[id + 1]; j++) {
      const flags = this.flagNames[this.entFlags[j]];
      const pos = this.posNames[this.entPos[j]];
      const of = this.entOf.get(j);
      out.push(of ? { flags, pos, of } : { flags, pos });
    }
    return out;
  }

  addRule(flag: string, strip: string, append: string, cond: string): void {
    let re = this.condCache.get(cond);
    if (re === undefined) {
      re = cond === "" || cond === "." ? null : new RegExp(`(?:${cond})$`, "u");
      this.condCache.set(cond, re);
    }
    let seq = this.seqCache.get(cond);
    if (seq === undefined) this.seqCache.set(cond, (seq = re ? compileCondition(cond) : null));
    const rule: Rule = { flag, strip, append, cond: re, seq };
    this.trie = null;
    this.baseFilter = null;
    let byStrip = this.byAppend.get(append);
    if (!byStrip) this.byAppend.set(append, (byStrip = new Map()));
    const list = byStrip.get(strip);
    if (list) list.push(rule);
    else byStrip.set(strip, [rule]);
    if (append.length > this.maxAppend) this.maxAppend = append.length;
  }

  /** True when the word is a lemma of the lexicon. */
  hasLemma(word: string): boolean {
    return this.extra.has(word) || this.idOf(word) >= 0;
  }

  get size(): number {
    return this.distinct + this.extra.size;
  }

  /** Every (lemma, POS) whose paradigm contains `word` exactly as written (case-sensitive). */
  analyze(word: string): LexAnalysis[] {
    const out: LexAnalysis[] = [];
    this.analyzeInto(word, out);
    return out;
  }

  /** The same as `analyze`, appended to an empty array the caller reuses (no array per call). */
  analyzeInto(word: string, out: LexAnalysis[]): void {
    const n = word.length;
    if (this.prefix.length <= n) this.prefix = new Int32Array(2 * n + 1);
    const prefix = this.prefix;
    let ph = HASH_SEED;
    prefix[0] = ph;
    for (let i = 0; i < n; i++) prefix[i + 1] = ph = Math.imul(ph ^ word.charCodeAt(i), HASH_MUL);
    const extra = this.extra.size > 0;
    // The word itself as a lemma: found by its full hash (the last prefix hash), its entries read in place.
    const selfId = this.distinct ? this.findId(prefix[n], word, n, "") : -1;
    if (extra) {
      for (const e of this.entriesOf(word)) pushSelf(out, word, e.pos, e.flags, e.of);
    } else if (selfId >= 0) {
      for (let j = this.firstEntry[selfId]; j < this.firstEntry[selfId + 1]; j++)
        pushSelf(out, word, this.posNames[this.entPos[j]], this.flagNames[this.entFlags[j]], this.entOf.size ? this.entOf.get(j) : undefined);
    }
    const maxK = Math.min(this.maxAppend, n - 1);
    if (!this.trie) this.trie = buildTrie(this.byAppend);
    if (!this.baseFilter) this.baseFilter = this.buildBaseFilter();
    const baseFilter = extra ? null : this.baseFilter;
    const flagNames = this.flagNames;
    const posNames = this.posNames;
    const entFlags = this.entFlags;
    const entPos = this.entPos;
    let node: SuffixNode | undefined = this.trie;
    for (let k = 0; k <= maxK && node; node = k < n ? node.next?.get(word.charCodeAt(n - 1 - k)) : undefined, k++) {
      const groups = node.groups;
      if (!groups) continue;
      if (baseFilter) {
        const b = baseBit(prefix[n - k]);
        if ((baseFilter[b >>> 5] & (1 << (b & 31))) === 0) continue;
      }
      let base: string | null = null;
      for (let g = 0; g < groups.length; g++) {
        const { strip, rules } = groups[g];
        let h = prefix[n - k];
        for (let i = 0; i < strip.length; i++) h = Math.imul(h ^ strip.charCodeAt(i), HASH_MUL);
        // The stem: found by its hash in the packed table (no string built for a stem that is no lemma).
        const id = this.distinct ? this.findId(h, word, n - k, strip) : -1;
        if (extra) {
          // Entries added one by one too: the general path, with entry objects.
          base ??= word.slice(0, n - k);
          const stem = strip ? base + strip : base;
          let es = id < 0 ? NO_ENTRIES : this.entriesById(id);
          const more = this.extra.get(stem);
          if (more) es = es.length ? [...es, ...more] : more;
          for (const r of rules) {
            if (r.cond && !(r.seq ? endMatches(r.seq, stem) : r.cond.test(stem))) continue;
            for (const e of es) if (e.flags.indexOf(r.flag) >= 0) pushAnalysis(out, stem, e.pos, r.flag);
          }
          continue;
        }
        if (id < 0) continue;
        // The packed entries, read in place.
        const e0 = this.firstEntry[id];
        const e1 = this.firstEntry[id + 1];
        let stem: string | null = null;
        for (const r of rules) {
          // The flag first (a string search), the condition (a pattern match) only for a lemma that has it.
          let flagged = false;
          for (let j = e0; j < e1 && !flagged; j++) flagged = flagNames[entFlags[j]].indexOf(r.flag) >= 0;
          if (!flagged) continue;
          if (stem === null) {
            base ??= word.slice(0, n - k);
            stem = strip ? base + strip : base;
          }
          if (r.cond && !(r.seq ? endMatches(r.seq, stem) : r.cond.test(stem))) continue;
          for (let j = e0; j < e1; j++) if (flagNames[entFlags[j]].indexOf(r.flag) >= 0) pushAnalysis(out, stem, posNames[entPos[j]], r.flag);
        }
      }
    }
  }

  /**
   * The base filter of the packed lemmas (see `baseFilter`): every lemma with each rule strip it ends with cut.
   * (The reader builds it while it reads the lemmas; this rebuilds it after rules were added.)
   */
  private buildBaseFilter(): Int32Array {
    const bits = new Int32Array(BASE_BITS >>> 5);
    const root = stripTrie(this.byAppend);
    const chars = this.keyChars;
    let prefix = new Int32Array(64);
    for (let id = 0; id < this.distinct; id++) {
      const k = this.keyStart[id];
      const len = this.keyStart[id + 1] - k;
      if (prefix.length <= len) prefix = new Int32Array(2 * len + 1);
      let h = HASH_SEED;
      prefix[0] = h;
      for (let i = 0; i < len; i++) prefix[i + 1] = h = Math.imul(h ^ chars[k + i], HASH_MUL);
      markBases(bits, root, chars, k, len, prefix);
    }
    return bits;
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
    const self = this;
    return (function* () {
      for (let id = 0; id < self.distinct; id++) yield String.fromCharCode(...self.keyChars.subarray(self.keyStart[id], self.keyStart[id + 1]));
    })();
  }

  posOf(lemma: string): string[] {
    return this.entriesOf(lemma).map((e) => e.pos);
  }
}

/** A node of the reversed-append trie: the rule groups whose append is the path so far, and the next letters. */
interface SuffixNode {
  groups: { strip: string; rules: Rule[] }[] | null;
  next: Map<number, SuffixNode> | null;
}

function buildTrie(byAppend: Map<string, Map<string, Rule[]>>): SuffixNode {
  const root: SuffixNode = { groups: null, next: null };
  for (const [app, byStrip] of byAppend) {
    let node = root;
    for (let i = app.length - 1; i >= 0; i--) {
      const c = app.charCodeAt(i);
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { groups: null, next: null }));
      node = child;
    }
    node.groups = [...byStrip].map(([strip, rules]) => ({ strip, rules }));
  }
  return root;
}

/** Adds the readings of a word that is itself a dictionary line (`of`: the line names the form's lemma). */
function pushSelf(out: LexAnalysis[], word: string, pos: string, flags: string, of: string | undefined): void {
  if (of) {
    // A bare name form: its lemma, and (for "+") the form itself as a name of its own.
    out.push({ lemma: of.slice(1), pos, flag: "=", bare: false });
    if (of[0] === "+") out.push({ lemma: word, pos, flag: "", bare: true });
  } else out.push({ lemma: word, pos, flag: "", bare: flags === "" });
}

/** Adds an analysis made by a rule unless one with its lemma and POS is there. */
function pushAnalysis(out: LexAnalysis[], lemma: string, pos: string, flag: string): void {
  for (let i = 0; i < out.length; i++) if (out[i].lemma === lemma && out[i].pos === pos) return;
  out.push({ lemma, pos, flag, bare: false });
}

/**
 * One letter position of a rule condition: any letter but a line end (`.`), one of `chars`, or (`neg`) none of
 * them.
 */
interface CondClass {
  any: boolean;
  neg: boolean;
  chars: string;
}

/**
 * A condition that is a plain sequence of letters, `.` and bracket classes of letters (most hunspell
 * conditions: "[^аеєиіїоуюя]ти", "ь") as classes by position, matched at the word's end without a RegExp;
 * null for anything else (alternatives, ranges, escapes), which keeps its RegExp.
 */
export function compileCondition(cond: string): CondClass[] | null {
  const out: CondClass[] = [];
  const special = "\\|*+?(){}^$-[]";
  for (let i = 0; i < cond.length; ) {
    const c = cond[i];
    if (c === ".") {
      out.push({ any: true, neg: false, chars: "" });
      i++;
    } else if (c === "[") {
      const end = cond.indexOf("]", i + 1);
      if (end < 0) return null;
      let body = cond.slice(i + 1, end);
      const neg = body.startsWith("^");
      if (neg) body = body.slice(1);
      if (!body) return null;
      for (const ch of body) if (special.includes(ch) || ch.length > 1) return null;
      out.push({ any: false, neg, chars: body });
      i = end + 1;
    } else {
      if (special.includes(c) || c.charCodeAt(0) >= 0xd800) return null;
      out.push({ any: false, neg: false, chars: c });
      i++;
    }
  }
  return out;
}

/** True when `word` ends with letters matching the classes (the compiled form of a condition). */
export function endMatches(seq: CondClass[], word: string): boolean {
  const m = seq.length;
  const at = word.length - m;
  if (at < 0) return false;
  for (let i = 0; i < m; i++) {
    const code = word.charCodeAt(at + i);
    // Outside the basic plane a position is two code units: leave such words to the RegExp's reading.
    if (code >= 0xd800 && code <= 0xdfff) return slowMatch(seq, word);
    const k = seq[i];
    if (k.any) {
      if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) return false;
    } else {
      // The class's letters compared by code unit (no one-letter string per position).
      const chars = k.chars;
      let found = false;
      for (let j = 0; j < chars.length && !found; j++) found = chars.charCodeAt(j) === code;
      if (found === k.neg) return false;
    }
  }
  return true;
}

/** The condition as an end-anchored RegExp with the `u` flag (what the rule's `cond` is). */
function slowMatch(seq: CondClass[], word: string): boolean {
  const src = seq.map((k) => (k.any ? "." : `[${k.neg ? "^" : ""}${k.chars}]`)).join("");
  return new RegExp(`(?:${src})$`, "u").test(word);
}

function mergeFlags(a: string, b: string): string {
  let out = a;
  for (const ch of b) if (out.indexOf(ch) < 0) out += ch;
  return out;
}
