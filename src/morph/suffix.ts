/**
 * Learned suffix rules: the lemma of a word the dictionary lacks (a surname, a new word) guessed from how words
 * with the same ending inflect. A rule is an edit script "cut N letters, append S" plus the POS, learned from
 * form→lemma pairs of the expanded dictionary; at run time the longest known ending of the word decides.
 * Words are keyed by whether they start with a capital: names and common words of one ending inflect differently
 * (Ковальчука → Ковальчук, but a lowercase -ука is often a feminine -ука noun).
 */

export interface SuffixPair {
  form: string;
  lemma: string;
  pos: string;
}

export interface SuffixModel {
  maxLen: number;
  /** "<A|a><ending>" → "cut|append|POS". */
  rules: Record<string, string>;
}

const MAX_LEN = 6;

function script(form: string, lemma: string, pos: string): string {
  let p = 0;
  const n = Math.min(form.length, lemma.length);
  while (p < n && form[p] === lemma[p]) p++;
  return `${form.length - p}|${lemma.slice(p)}|${pos}`;
}

function caseKey(form: string): string {
  return /^\p{Lu}/u.test(form) ? "A" : "a";
}

/**
 * Counts edit scripts per ending, then keeps an ending only when its best script differs from its parent's
 * (the one-letter-shorter ending): a longer ending that says the same adds nothing.
 */
export function trainSuffixModel(pairs: SuffixPair[], minCount = 3): SuffixModel {
  const counts = new Map<string, Map<string, number>>();
  for (const { form, lemma, pos } of pairs) {
    const s = script(form, lemma, pos);
    const cut = Number(s.slice(0, s.indexOf("|")));
    const ck = caseKey(form);
    const low = form.toLowerCase();
    // Endings at least as long as the cut, so the rule sees the letters it removes.
    for (let L = Math.max(1, cut); L <= Math.min(MAX_LEN, low.length - 1); L++) {
      const key = ck + low.slice(low.length - L);
      let m = counts.get(key);
      if (!m) counts.set(key, (m = new Map()));
      m.set(s, (m.get(s) ?? 0) + 1);
    }
  }
  const best = new Map<string, { s: string; c: number }>();
  for (const [k, m] of counts) {
    let bs = "";
    let bc = 0;
    let tot = 0;
    for (const [s, c] of m) {
      tot += c;
      if (c > bc) [bs, bc] = [s, c];
    }
    // An ending needs enough words, and a clear majority, to be a rule of its own.
    if (tot >= minCount && bc * 2 > tot) best.set(k, { s: bs, c: bc });
  }
  const rules: Record<string, string> = {};
  for (const [k, { s }] of best) {
    let parentKey = k.slice(0, k.length - 1);
    let parent = best.get(parentKey);
    while (!parent && parentKey.length > 1) {
      parentKey = parentKey.slice(0, parentKey.length - 1);
      parent = best.get(parentKey);
    }
    if (!parent || parent.s !== s || k.length === 2) rules[k] = s;
  }
  return { maxLen: MAX_LEN, rules };
}

export interface SuffixGuess {
  lemma: string;
  pos: string;
}

/** Applies the longest matching ending's rule; null when no ending is known. */
export function applySuffixModel(model: SuffixModel, word: string): SuffixGuess | null {
  const ck = caseKey(word);
  const low = word.toLowerCase();
  for (let L = Math.min(model.maxLen, low.length - 1); L >= 1; L--) {
    const s = model.rules[ck + low.slice(low.length - L)];
    if (!s) continue;
    const a = s.indexOf("|");
    const b = s.indexOf("|", a + 1);
    const cut = Number(s.slice(0, a));
    if (cut >= word.length) continue;
    return { lemma: word.slice(0, word.length - cut) + s.slice(a + 1, b), pos: s.slice(b + 1) };
  }
  return null;
}

/**
 * A suffix model packed for look-up (what the lemmatiser loads): the endings' letters end to end in one typed
 * array with an open-addressing hash table over them, and each ending's rule as an index into the distinct
 * rules (a few thousand). About 3 MB for the Ukrainian model's 109,000 endings, where the parsed JSON object
 * takes about 10 MB of heap; a look-up builds no key string. Same answers as `applySuffixModel`.
 */
export class SuffixTable {
  readonly maxLen: number;
  private readonly keyChars: Uint16Array;
  private readonly keyStart: Int32Array;
  private readonly keyRule: Uint16Array | Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly cuts: number[] = [];
  private readonly appends: string[] = [];
  private readonly poses: string[] = [];

  /** From the model's JSON text (as written by the build): read without building the rules object. */
  static fromJson(json: string): SuffixTable {
    const maxLen = Number(/"maxLen"\s*:\s*(\d+)/.exec(json)?.[1] ?? MAX_LEN);
    const at = json.indexOf('"rules"');
    const pairs: [string, string][] = [];
    const re = /"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
    re.lastIndex = at < 0 ? json.length : json.indexOf("{", at);
    const str = (s: string) => (s.includes("\\") ? (JSON.parse(`"${s}"`) as string) : s);
    for (let m = re.exec(json); m; m = re.exec(json)) pairs.push([str(m[1]), str(m[2])]);
    return new SuffixTable(maxLen, pairs);
  }

  static fromModel(model: SuffixModel): SuffixTable {
    return new SuffixTable(model.maxLen, Object.entries(model.rules));
  }

  private constructor(maxLen: number, pairs: [string, string][]) {
    this.maxLen = maxLen;
    const n = pairs.length;
    let nc = 0;
    for (let i = 0; i < n; i++) nc += pairs[i][0].length;
    this.keyChars = new Uint16Array(nc);
    this.keyStart = new Int32Array(n + 1);
    const ruleIds = new Map<string, number>();
    const keyRule = new Int32Array(n);
    let cap = 1;
    while (cap < 2 * n) cap <<= 1;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    nc = 0;
    for (let i = 0; i < n; i++) {
      const key = pairs[i][0];
      const rule = pairs[i][1];
      this.keyStart[i] = nc;
      let h = HASH_SEED;
      for (let j = 0; j < key.length; j++) {
        const c = key.charCodeAt(j);
        this.keyChars[nc++] = c;
        h = Math.imul(h ^ c, HASH_MUL);
      }
      let id = ruleIds.get(rule);
      if (id === undefined) {
        ruleIds.set(rule, (id = this.cuts.length));
        const a = rule.indexOf("|");
        const b = rule.indexOf("|", a + 1);
        this.cuts.push(Number(rule.slice(0, a)));
        this.appends.push(rule.slice(a + 1, b));
        this.poses.push(rule.slice(b + 1));
      }
      keyRule[i] = id;
      // A key met twice (not in a built model) keeps its last rule, as an object does.
      let s = slotOf(h, this.mask);
      for (; this.slots[s] !== 0; s = (s + 1) & this.mask) if (this.sameKey(this.slots[s] - 1, key)) break;
      this.slots[s] = i + 1;
    }
    this.keyStart[n] = nc;
    this.keyRule = this.cuts.length <= 0xffff ? Uint16Array.from(keyRule) : keyRule;
  }

  private sameKey(i: number, key: string): boolean {
    const k = this.keyStart[i];
    if (this.keyStart[i + 1] - k !== key.length) return false;
    for (let j = 0; j < key.length; j++) if (this.keyChars[k + j] !== key.charCodeAt(j)) return false;
    return true;
  }

  /** The rule index of the key `lead` + `low`'s last `len` letters; -1 when there is none. */
  private find(lead: number, low: string, len: number): number {
    const from = low.length - len;
    let h = Math.imul(HASH_SEED ^ lead, HASH_MUL);
    for (let j = from; j < low.length; j++) h = Math.imul(h ^ low.charCodeAt(j), HASH_MUL);
    for (let s = slotOf(h, this.mask); ; s = (s + 1) & this.mask) {
      const v = this.slots[s];
      if (v === 0) return -1;
      const k = this.keyStart[v - 1];
      if (this.keyStart[v] - k !== len + 1 || this.keyChars[k] !== lead) continue;
      let j = 0;
      while (j < len && this.keyChars[k + 1 + j] === low.charCodeAt(from + j)) j++;
      if (j === len) return this.keyRule[v - 1];
    }
  }

  /** Applies the longest matching ending's rule; null when no ending is known (as `applySuffixModel`). */
  apply(word: string): SuffixGuess | null {
    const lead = /^\p{Lu}/u.test(word) ? 65 : 97;
    const low = word.toLowerCase();
    for (let L = Math.min(this.maxLen, low.length - 1); L >= 1; L--) {
      const id = this.find(lead, low, L);
      if (id < 0) continue;
      const cut = this.cuts[id];
      if (cut >= word.length) continue;
      return { lemma: word.slice(0, word.length - cut) + this.appends[id], pos: this.poses[id] };
    }
    return null;
  }
}

/** FNV-1a over UTF-16 code units, as the lexicon's tables. */
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_MUL = 16777619;

function slotOf(h: number, mask: number): number {
  return (Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0) & mask;
}
