/**
 * Finds proper-name mentions in clean text: runs of capitalised words ("Кім Чен Ин", "Robert Heller",
 * "Жан-Ів Ле Дріан") and all-capital abbreviations ("РФ", "КНДР", "USDA").
 *
 * A capitalised word at a sentence start is a name only when the text never uses the same stem in lower case
 * (so "Своєю", "Президенти", "The" are not names, "Путін" is).
 */
import type { Span } from "../article.js";
import { FUNCTION_WORDS, ROLE_STEMS, ROLE_EN_WORDS } from "../attribution/lexicon.js";
import { words, type Word } from "../attribution/text.js";
import { nameStem } from "./names.js";

export interface NameMention extends Span {
  text: string;
  /** Words of the mention. */
  parts: Word[];
  abbrev: boolean;
}

/** Lower-case particles inside names: "Ле Дріан", "van Gogh", "ibn Saud". */
const PARTICLES = new Set(["ле", "де", "да", "дю", "фон", "ван", "ібн", "ибн", "бен", "аль", "van", "von", "de", "da", "du", "le", "al", "bin", "ibn", "der", "den"]);

const MONTHS_DAYS = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
  thursday friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec`.split(/\s+/),
);

const isUpper = (w: string) => /^\p{Lu}/u.test(w);
const isAbbrev = (w: string) => /^[\p{Lu}]{2,6}$/u.test(w) || /^(?:\p{Lu}\.){2,3}$/u.test(w + ".") || /^(?:\p{Lu}\.)+\p{Lu}$/u.test(w);

function isRoleWord(lower: string): boolean {
  if (ROLE_EN_WORDS.has(lower)) return true;
  return ROLE_STEMS.some((s) => lower.startsWith(s) && lower.length - s.length <= 4);
}

/** True when position `pos` starts a sentence (or a paragraph, a quote, a dialogue line). */
function atSentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && /[\s«„“"‚(\[–—-]/.test(text[i]) && text[i] !== "\n") i--;
  if (i < 0 || text[i] === "\n") return true;
  return /[.!?…:]/.test(text[i]);
}

export function findNameMentions(text: string): NameMention[] {
  const ws = words(text);
  // Stems the text uses in lower case: a capitalised sentence-initial word with such a stem is not a name.
  const lowerStems = new Set<string>();
  for (const w of ws) if (!isUpper(w.text)) lowerStems.add(nameStem(w.text));

  const capitalised = (w: Word, i: number): boolean => {
    if (!isUpper(w.text) || /^\p{N}/u.test(w.text)) return false;
    if (MONTHS_DAYS.has(w.lower)) return false;
    if (isAbbrev(w.text)) return true;
    // ALL-CAPS headline words are not names.
    if (w.text.length > 6 && w.text === w.text.toUpperCase() && /\p{L}{7}/u.test(w.text)) {
      return false;
    }
    const prevWord = ws[i - 1];
    const startsSentence = atSentenceStart(text, w.start);
    const joined = prevWord && text.slice(prevWord.end, w.start) === " " && isUpper(prevWord.text) && !atSentenceStart(text, prevWord.start);
    if (startsSentence || (FUNCTION_WORDS.has(w.lower) && !joined)) {
      if (FUNCTION_WORDS.has(w.lower)) return false;
      if (isRoleWord(w.lower)) return false;
      if (lowerStems.has(nameStem(w.text))) return false;
    }
    return true;
  };

  const out: NameMention[] = [];
  let run: Word[] = [];
  const flush = () => {
    // Drop a trailing particle.
    while (run.length && PARTICLES.has(run[run.length - 1].lower)) run.pop();
    if (run.length) {
      const start = run[0].start;
      const end = run[run.length - 1].end;
      out.push({ start, end, text: text.slice(start, end), parts: run, abbrev: run.length === 1 && isAbbrev(run[0].text) });
    }
    run = [];
  };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    const cap = capitalised(w, i);
    const particle = !cap && run.length > 0 && PARTICLES.has(w.lower) && ws[i + 1] && isUpper(ws[i + 1].text);
    if (cap || particle) {
      const prev = run[run.length - 1];
      // A run continues only over a single space (not over punctuation, quotes or line breaks).
      if (prev && (text.slice(prev.end, w.start) !== " " || (isAbbrev(w.text) !== isAbbrev(prev.text) && !particle))) flush();
      run.push(w);
    } else flush();
  }
  flush();
  return splitJoined(out);
}

/**
 * Splits runs that join two names side by side ("Росії Кім Чен Ин" in "Президенти Північної Кореї і Росії Кім Чен
 * Ин"): when the first word also stands alone elsewhere and the rest begins a name found elsewhere.
 */
function splitJoined(ms: NameMention[]): NameMention[] {
  const alone = new Set(ms.filter((m) => m.parts.length === 1).map((m) => nameStem(m.parts[0].text)));
  const firsts = new Map<string, number>();
  for (const m of ms) {
    const k = nameStem(m.parts[0].text);
    firsts.set(k, (firsts.get(k) ?? 0) + 1);
  }
  const out: NameMention[] = [];
  for (const m of ms) {
    let cur = m;
    while (cur.parts.length >= 2) {
      const head = nameStem(cur.parts[0].text);
      const rest = nameStem(cur.parts[1].text);
      if (alone.has(head) && (firsts.get(rest) ?? 0) >= 1 && cur !== null) {
        const restParts = cur.parts.slice(1);
        const p0 = cur.parts[0];
        out.push({ start: p0.start, end: p0.end, text: p0.text, parts: [p0], abbrev: false });
        const s = restParts[0].start;
        const e = restParts[restParts.length - 1].end;
        const restText = cur.text.slice(s - cur.start, e - cur.start);
        // Only split when the rest also occurs as a run of its own somewhere.
        if (!ms.some((o) => o !== m && nameStem(o.parts[0].text) === rest)) {
          out.pop();
          break;
        }
        cur = { start: s, end: e, text: restText, parts: restParts, abbrev: false };
      } else break;
    }
    out.push(cur);
  }
  return out.sort((a, b) => a.start - b.start);
}
