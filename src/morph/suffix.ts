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
