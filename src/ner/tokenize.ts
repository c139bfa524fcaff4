/**
 * Fallback tokeniser and line splitter for the recogniser, used when a caller gives no tokens and by the
 * training and evaluation scripts (so that the model is trained on the same token boundaries it sees at run
 * time). A token is a run of letters/digits with inner apostrophes or hyphens kept ("Слов'яносербському",
 * "Більче-Волицько-Угерське"), a number with inner decimal separators ("7,08"), or one other non-space
 * character (punctuation, quotes, symbols each stand alone, because entity boundaries fall next to them).
 */

export interface TokenSpan {
  start: number;
  end: number;
  text: string;
}

const TOKEN_RE =
  /\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:(?:['’ʼ`-]|\u2011)[\p{L}\p{M}\p{N}]+)*|\S/gu;

export function tokenize(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/**
 * Groups tokens into tagging units. Given sentence spans, each sentence is one unit; otherwise a unit ends at
 * a line break or after sentence-final punctuation followed by a capitalised token, which is how the training
 * text is laid out (about one sentence per line). Units bound the Viterbi search, so a wrong split costs at
 * most an entity that crosses it. Returns [from, to) token index pairs.
 */
export function units(
  text: string,
  tokens: readonly TokenSpan[],
  sentences?: readonly { start: number; end: number }[],
): [number, number][] {
  const out: [number, number][] = [];
  if (tokens.length === 0) return out;
  if (sentences && sentences.length > 0) {
    let i = 0;
    for (const s of sentences) {
      while (i < tokens.length && tokens[i].end <= s.start) {
        // tokens outside any sentence form their own unit
        const j = i;
        while (i < tokens.length && tokens[i].end <= s.start) i++;
        out.push([j, i]);
      }
      const from = i;
      while (i < tokens.length && tokens[i].start < s.end) i++;
      if (i > from) out.push([from, i]);
    }
    if (i < tokens.length) out.push([i, tokens.length]);
    return out;
  }
  let from = 0;
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1];
    let cut = hasNewline(text, prev.end, tokens[i].start);
    if (!cut && (prev.text === "." || prev.text === "!" || prev.text === "?" || prev.text === "…")) {
      // "В . І . Вернадським": a single capital letter before the dot is an initial, not a sentence end.
      const before = i >= 2 ? tokens[i - 2].text : "";
      const isInitial = before.length === 1 && /\p{Lu}/u.test(before);
      const isAbbrev = prev.text === "." && ABBREVIATIONS.has(before);
      cut = !isInitial && !isAbbrev && /^\p{Lu}/u.test(tokens[i].text) && i - from > 3;
    }
    if (cut) {
      out.push([from, i]);
      from = i;
    }
  }
  out.push([from, tokens.length]);
  return out;
}

/**
 * Lowercase abbreviations that a full stop follows and a name continues: "вул. Хрещатик", "м. Києва",
 * "ім. Глієра", "с. Романків". Not "р." (рік) or "грн.", which often end a sentence.
 */
const ABBREVIATIONS = new Set([
  "вул", "просп", "пр", "пл", "бул", "пров", "узв", "наб", "ш", "м", "с", "смт", "сщ", "обл", "ім", "св", "ст",
  "акад", "проф", "доц", "ген", "о", "оз", "р-н", "мкр", "див", "англ", "нім", "рос", "укр", "пол", "фр",
  "тов", "пан", "п", "д", "т", "им", "ул", "г",
]);

function hasNewline(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}
