/** A minimal CoNLL-U reader: what the lemma evaluation and the tagger training need. */

export interface ConlluToken {
  /** Word id ("1") or multiword range ("3-4"); empty nodes ("3.1") are skipped. */
  id: string;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  misc: string;
}

export interface ConlluSentence {
  text: string;
  /** Syntactic words (multiword ranges excluded). */
  tokens: ConlluToken[];
  /** Multiword token ranges, if any. */
  ranges: ConlluToken[];
  /** `# newpar` seen before this sentence. */
  newPar: boolean;
  newDoc: boolean;
}

export function readConllu(text: string): ConlluSentence[] {
  const out: ConlluSentence[] = [];
  let cur: ConlluSentence = { text: "", tokens: [], ranges: [], newPar: false, newDoc: false };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (!line) {
      if (cur.tokens.length) out.push(cur);
      cur = { text: "", tokens: [], ranges: [], newPar: false, newDoc: false };
      continue;
    }
    if (line.startsWith("#")) {
      if (line.startsWith("# text = ")) cur.text = line.slice(9);
      else if (line.startsWith("# newpar")) cur.newPar = true;
      else if (line.startsWith("# newdoc")) cur.newDoc = true;
      continue;
    }
    const f = line.split("\t");
    if (f.length < 10 || f[0].includes(".")) continue;
    const tok: ConlluToken = { id: f[0], form: f[1], lemma: f[2], upos: f[3], xpos: f[4], feats: f[5], misc: f[9] };
    if (f[0].includes("-")) cur.ranges.push(tok);
    else cur.tokens.push(tok);
  }
  if (cur.tokens.length) out.push(cur);
  return out;
}
