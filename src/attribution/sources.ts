/**
 * Sources: the outlets, agencies and services an article cites as its channel of information, and who cites
 * whom. Cues: "пише/передає/повідомляє X", "як інформує X", "X з посиланням на Y" (X cites Y), "якого цитує
 * X", "за даними X", "сообщает X", "со ссылкой на X", "according to (outlet)", "reported by X", "в інтерв'ю
 * агентству X", "в ефірі телеканалу X".
 *
 * A name after a reporting cue counts as an outlet when something marks it as one: an outlet word before it
 * ("видання", "агентство", "the newspaper"), guillemets («Новинарня»), Latin script inside Cyrillic text, a web
 * domain, or a widely known agency name. People after "повідомив" are speakers, not sources.
 */
import type { Span } from "../article.js";
import { KNOWN_OUTLETS, OUTLET_WORDS, SPEECH_VERBS } from "./lexicon.js";
import { W_CUE, wordInfo, type NameRef } from "./speakers.js";
import { analyzeWord } from "../morph/index.js";
import { words } from "./text.js";

export interface RawSource {
  name: string;
  /** The name as written (for aliases). */
  surface: string;
  span: Span;
  cue: Span;
  /** Index (in the returned list) of the source this one is cited by. */
  citedBy: number | null;
  entity: string | null;
}

// Cues, longest first. `strong` cues make any organisation-like name after them a source; weak ones need an
// outlet mark on the name.
const CUES: { re: string; strong: boolean; cites?: boolean }[] = [
  { re: "з посиланням на|із посиланням на|посилаючись на|со ссылкой на|ссылаясь на|citing", strong: true, cites: true },
  { re: "якого цитує|яку цитує|якого цитують|которого цитирует|которую цитирует|которого цитируют|quoted by|cited by|reported by", strong: true },
  { re: "(?:як |как |as )?(?:пише|пишуть|передає|передають|повідомляє|повідомляють|інформує|інформують|сообщает|сообщают|пишет|пишут|передает|передаёт|передают|информирует|цитирует|цитує|reports|reported|writes|wrote|monitored by|сообщал|сообщала|сообщали|писал|писала|писали|передавал|передавала|повідомляв|повідомляла|повідомляли|писав|писала|писали|передавав|передавала)", strong: true },
  { re: "повідомило|повідомила|повідомив|сообщило|сообщила|сообщил|заявило|заявила|написала|написало|написав|написал|розповіли", strong: false },
  { re: "(?:згідно з|згідно із|відповідно до|согласно)(?: \\p{Ll}+)? (?:даними|даних|опитуванням|опитування|повідомленням|повідомлення|данным|опросу|опроса|сообщению|информации|інформацією)|за даними|за інформацією|по данным|по информации|according to|в інтерв['’]ю|в интервью|in an interview with|в ефірі|в эфире|on the|на сайті|на сайте|on the website of|у прес-службі|в прес-службі|в пресс-службе|розповів|розповіла|рассказал|рассказала", strong: false },
];
/** The cue pattern, tried only where a word that can begin a cue begins (sticky), not at every character. */
const CUE_AT = new RegExp(`(${CUES.map((c) => c.re).join("|")})(?=\\s)`, "iuy");
const LETTER = /\p{L}/u;
/** Whether the character before `i` is a letter (a cue or verb must start a word). */
const letterBefore = (text: string, i: number): boolean => i > 0 && LETTER.test(text[i - 1]);

const DOMAIN_RE = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:ua|ru|com|net|org|info|by|kz|uk|de|fm|tv|media|news)\b/iu;

/** Each cue group as a whole-string pattern, compiled once (cueKind runs for every cue found). */
const CUE_EXACT = CUES.map((c) => ({ re: new RegExp(`^(?:${c.re})$`, "iu"), strong: c.strong, cites: !!c.cites }));

function cueKind(cue: string): { strong: boolean; cites: boolean } {
  const l = cue.toLowerCase();
  for (const c of CUE_EXACT) {
    if (c.re.test(l)) return { strong: c.strong, cites: c.cites };
  }
  return { strong: false, cites: false };
}

/**
 * Finds cited sources. `names` are the name mentions with their entities; `isPerson(entity)` tells people apart
 * (people are never sources); `lang` selects whether Latin names stand out as outlets.
 */
export function findSources(
  text: string,
  lang: string,
  names: NameRef[],
  isPerson: (id: string) => boolean,
  inQuote: (pos: number) => boolean,
): RawSource[] {
  const out: RawSource[] = [];
  const re = CUE_AT;
  let m: RegExpExecArray | null;
  // Cues begin at words (a letter never comes right before one): the words that can begin a cue are tried in
  // order, each from where the previous cue or source ended.
  let from = 0;
  for (const w of words(text)) {
    if (w.start < from || (wordInfo(w).bits & W_CUE) === 0) continue;
    re.lastIndex = w.start;
    if ((m = re.exec(text)) === null) continue;
    from = m.index + m[0].length;
    const cueStart = m.index;
    const cueEnd = m.index + m[1].length;
    if (inQuote(cueStart) && !/[–—-]\s*$/.test(text.slice(Math.max(0, cueStart - 3), cueStart))) continue;
    const kind = cueKind(m[1]);
    // "повідомили у прес-службі міської ради": the cue names the press service itself.
    const loc = /^(?:у|в|во)\s+(?=пресс?-служб)/iu.exec(m[1]);
    let np = loc ? pressServiceAt(text, cueStart + loc[0].length, lang) : outletAfter(text, cueEnd, names, lang);
    // "цитирует Кернеса его пресс-служба": the press service of the person quoted, named by that person.
    const own = np && /цит/i.test(m[1]) ? /^\s+(?:его|её|ее|його|її)\s+((?:пресс?-служб|пресслужб)\p{L}*)(?![\p{L}-])/iu.exec(text.slice(np.span.end, np.span.end + 40)) : null;
    if (np && own) {
      const start = np.span.end + own[0].length - own[1].length;
      const end = np.span.end + own[0].length;
      out.push({ name: `${pressServiceName(own[1])} ${np.surface}`, surface: text.slice(start, end), span: { start, end }, cue: { start: cueStart, end: cueEnd }, citedBy: null, entity: null });
      from = end;
      continue;
    }
    // "цитує Лук'янченка агенція «УРА-Інформ Донбас»": the person quoted comes first, then the outlet.
    if (np && np.entity && isPerson(np.entity) && !np.sure && /цит/i.test(m[1])) np = outletAfter(text, np.span.end, names, lang);
    if (!np) continue;
    if (np.entity && isPerson(np.entity) && !np.sure) continue;
    const outlet = np.marked || (kind.strong && np.orgLike);
    if (!outlet) continue;
    let citedBy: number | null = null;
    if (kind.cites) {
      // "X з посиланням на Y": the source just before the cue, in the same sentence.
      const prev = out[out.length - 1];
      if (prev && cueStart - prev.span.end < 60 && !/[.!?]\s/.test(text.slice(prev.span.end, cueStart))) citedBy = out.length - 1;
    }
    out.push({ name: np.name, surface: np.surface, span: np.span, cue: { start: cueStart, end: cueEnd }, citedBy, entity: np.entity });
    from = np.span.end;
  }
  // The outlet before its verb: "«КП» писала", "пресс-служба Кремля сообщила", "Tehran radio said",
  // "Ming Pao newspaper of Hong Kong said".
  const rv = /(пише|писала|писав|писало|писали|повідомляє|повідомила|повідомило|повідомляла|сообщает|сообщила|сообщило|сообщал|сообщала|пишет|писал|передає|передает|said|reported|reports|says)(?![\p{L}])/gu;
  while ((m = rv.exec(text)) !== null) {
    if (letterBefore(text, m.index)) {
      rv.lastIndex = m.index + 1;
      continue;
    }
    if (inQuote(m.index) || out.some((o) => o.cue.start <= m!.index && m!.index < o.span.end)) continue;
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    let hit: { name: string; surface: string; start: number } | null = null;
    let r: RegExpExecArray | null;
    // A quoted outlet name is short and has no sentence punctuation inside ('"It's pure fiction," said' is a quote).
    // (Each test below is read only when the text before the verb can end as it needs.)
    if (CLOSING_END.test(before) && (r = /[«"„“]([\p{Lu}][^«»"„“”\n,.!?;:]{0,40})[»"“”]\s*$/u.exec(before)) && r[1].split(/\s+/).length <= 4) {
      hit = { name: r[1], surface: r[0].trimEnd(), start: m.index - before.length + r.index };
    } else if (before.includes("рес") && (r = /((?:[Пп]рес-служб|[Пп]ресс-служб)\p{L}*(?:\s+[\p{L}'’-]+){1,3}?)\s*$/u.exec(before))) {
      hit = { name: pressServiceName(r[1]), surface: r[1], start: m.index - before.length + r.index };
    } else if (lang === "en" && OUTLET_NOUN_EN.test(before) && (r = /((?:[A-Z][\w.&'-]*\s+){0,3}?[A-Z][\w.&'-]*)\s+(newspaper|radio|television|news agency|agency|daily|magazine|weekly|TV)(?:\s+of\s+[A-Z]\w*(?:\s+[A-Z]\w*)?)?\s*$/.exec(before))) {
      const withWord = /radio|television|TV/.test(r[2]);
      const name = withWord ? `${r[1]} ${r[2]}` : r[1];
      hit = { name, surface: r[0].trimEnd(), start: m.index - before.length + r.index };
    }
    if (!hit) continue;
    const ent = names.find((n) => n.start >= hit!.start && n.start < m!.index);
    if (ent && isPerson(ent.entity) && !/[«"„“]|newspaper|radio|television|agency|daily|magazine|weekly|TV|служб/.test(hit.surface)) continue;
    out.push({ name: hit.name, surface: hit.surface, span: { start: hit.start, end: hit.start + hit.surface.length }, cue: { start: m.index, end: m.index + m[1].length }, citedBy: null, entity: null });
  }
  return out;
}

/** The text before a verb ends with a closing quotation mark (and white space). */
const CLOSING_END = /[»"“”]\s*$/u;
/** An English outlet noun anywhere in a text. */
const OUTLET_NOUN_EN = /newspaper|radio|television|agency|daily|magazine|weekly|TV/;

const PRESS_HEAD = /^(пресс?-служб|пресслужб)(\p{L}*)/iu;

/**
 * The canonical name of a press-service phrase in any case: the head noun in the nominative, the body after it as
 * written ("прес-службі міської ради", "прес-службу міської ради" → "Прес-служба міської ради").
 */
export function pressServiceName(phrase: string): string {
  const m = PRESS_HEAD.exec(phrase);
  if (!m) return phrase.charAt(0).toUpperCase() + phrase.slice(1);
  const head = m[1].toLowerCase() === "пресслужб" ? "пресслужба" : m[1].toLowerCase() + "а";
  return head.charAt(0).toUpperCase() + head.slice(1) + phrase.slice(m[0].length);
}

/**
 * A press-service phrase at `pos` ("прес-служба міської ради", after an optional "у"/"в"): the head and up to four
 * words naming its body (lower-case words of four letters or more, or capitalised ones), ending before
 * punctuation, a dash, the end, or a verb ("… міської ради повідомила").
 */
function pressServiceAt(text: string, pos: number, lang: string): OutletNP | null {
  const window = text.slice(pos, pos + 160);
  const h = /^(?:(?:у|в|во)\s+)?((?:пресс?-служб|пресслужб)\p{L}*)/iu.exec(window);
  if (!h) return null;
  const start = pos + h[0].length - h[1].length;
  let end = pos + h[0].length;
  let words = 0;
  const wordRe = /^\s+([\p{L}'’-]+)/u;
  for (let k = 0; k < 4; k++) {
    const w = wordRe.exec(text.slice(end, end + 60));
    if (!w) break;
    const t = w[1];
    const lower = t.toLowerCase();
    const capital = /^\p{Lu}/u.test(t);
    if (!capital && (!/^\p{Ll}{4,}/u.test(t) || SPEECH_VERBS.has(lower) || looksLikeVerb(lower, lang))) break;
    end += w[0].length;
    words++;
  }
  if (!words) return null;
  // The phrase ends the clause or comes before its verb: punctuation, a dash, the end, or a word we stopped at.
  const after = text.slice(end, end + 4);
  const stoppedAtWord = /^\s+\p{L}/u.test(after) && words < 4;
  if (!/^\s*(?:[,.;:!?)]|$|\s?[–—])/u.test(after) && !stoppedAtWord) return null;
  const surface = text.slice(start, end);
  return { name: pressServiceName(surface), surface, span: { start, end }, entity: null, marked: true, orgLike: true, sure: true };
}

/** A lower-case word the dictionary reads first as a verb ("повідомили", "сообщила"). */
function looksLikeVerb(lower: string, lang: string): boolean {
  if (lang !== "uk" && lang !== "ru") return false;
  const a = analyzeWord(lower, lang)[0];
  return !!a && a.pos === "VERB";
}

/** Adjective endings (uk/ru, any case) of a capitalised word that names a place or body ("Харьковского", "Київської"). */
const ADJ_END = /\p{Lu}\p{Ll}*(?:ого|его|ой|ей|ої|ий|ій|ый|ая|ое|ую|ом|ым|им|ських|ских)$/u;

interface OutletNP {
  name: string;
  surface: string;
  span: Span;
  entity: string | null;
  /** Something marks the name as an outlet. */
  marked: boolean;
  /** An organisation-like name (capitalised, not a person). */
  orgLike: boolean;
  /** Marked beyond doubt (an outlet word before it, guillemets, a domain): never a person. */
  sure?: boolean;
}

/** The outlet phrase after a cue: descriptor words, then a «quoted» name, a capitalised name or a domain. */
export function outletAfter(text: string, pos: number, names: NameRef[], lang: string): OutletNP | null {
  let i = pos;
  let described = false;
  /** Where the first outlet word ("сайт", "агентство") begins. */
  let descStart = -1;
  // A press service is named by its body: "пресс-служба президента Украины", "прес-служба Донецької ОДА".
  const lead = /^\s+/.exec(text.slice(pos, pos + 8));
  if (lead) {
    const press = pressServiceAt(text, pos + lead[0].length, lang);
    if (press) return press;
  }
  const cyrillicText = lang === "uk" || lang === "ru";
  for (let k = 0; k < 4; k++) {
    const m = /^\s+([\p{Ll}][\p{L}'’-]*)(?=\s)/u.exec(text.slice(i, i + 60));
    if (!m) break;
    const w = m[1].toLowerCase();
    if (DOMAIN_RE.test(m[1])) break;
    if (OUTLET_WORDS.has(w)) {
      if (!described) descStart = i + m[0].length - m[1].length;
      described = true;
    }
    else if (!(w === "the" || /(?:ий|ій|ый|ое|ее|ая|яя|е|а|ої|ого|ого|ому|ська|ський|ське|ской|ского|ських|ских|ьке|ьку|ного|ної|ному)$/u.test(w))) {
      if (!described) return null;
      break;
    }
    i += m[0].length;
  }
  const rest = text.slice(i);
  const ws = /^\s*/.exec(rest)![0].length;
  const s = i + ws;
  // «Quoted name»
  const q = /^[«"„“]([^«»"„“”\n]{1,60})[»"“”]/u.exec(text.slice(s));
  if (q && /^\p{Lu}|^[\p{L}\p{N}-]+\.\p{L}/u.test(q[1]) && q[1].split(/\s+/).length <= 5) {
    const inner = { start: s + 1, end: s + 1 + q[1].length };
    const ent = names.find((n) => n.start >= inner.start && n.start < inner.end);
    return { name: q[1], surface: q[0], span: { start: s, end: s + q[0].length }, entity: ent?.entity ?? null, marked: true, orgLike: true, sure: true };
  }
  const d = DOMAIN_RE.exec(text.slice(s));
  if (d) return { name: d[0], surface: d[0], span: { start: s, end: s + d[0].length }, entity: null, marked: true, orgLike: true, sure: true };
  // "according to The Washington Post's Fact Checker": the outlet is the possessor of a column, desk or team.
  if (lang === "en") {
    const art = /^The\s+/.exec(text.slice(s, s + 5));
    const s2 = s + (art ? art[0].length : 0);
    const pn = names.find((x) => x.start === s2);
    const poss = pn ? /^([^'’]+?)(?:['’]s?)\s/.exec(text.slice(s2, pn.end + 1)) : null;
    if (pn && poss && pn.start + poss[1].length < pn.end) {
      const owner = poss[1];
      if (/\b(?:post|times|journal|news|herald|tribune|telegraph|guardian|gazette|radio|television|tv|press|magazine|daily)$/i.test(owner) || KNOWN_OUTLETS.has(owner.toLowerCase())) {
        const end = s2 + owner.length;
        const surface = text.slice(s, end);
        return { name: surface, surface, span: { start: s, end }, entity: null, marked: true, orgLike: true, sure: true };
      }
    }
  }
  const n = names.find((x) => x.start === s);
  // "сайт Київської міськради" with no name found in it: the capitalised adjective and its noun after the outlet
  // word are the outlet's body, as below.
  if (!n && described && descStart >= 0 && cyrillicText) {
    const adj = /^\p{Lu}\p{Ll}+(?![\p{L}'’.-])/u.exec(text.slice(s, s + 40));
    if (adj && ADJ_END.test(adj[0])) {
      const end = s + adj[0].length;
      const next = /^\s+(\p{Ll}{4,})(?![\p{L}'’-])/u.exec(text.slice(end, end + 40));
      if (next && !SPEECH_VERBS.has(next[1]) && !looksLikeVerb(next[1], lang)) {
        const e2 = end + next[0].length;
        const phrase = text.slice(descStart, e2);
        return { name: phrase.charAt(0).toUpperCase() + phrase.slice(1), surface: phrase, span: { start: descStart, end: e2 }, entity: null, marked: true, orgLike: true, sure: true };
      }
    }
  }
  if (n) {
    // A name may run on with a dot-joined part ("Крим.Реалії", "NEWSru.com").
    let end = n.end;
    const dotted = /^\.[\p{L}\p{N}]+/u.exec(text.slice(end));
    if (dotted) end += dotted[0].length;
    const surface = text.slice(s, end);
    const latin = /^[A-Za-z]/.test(surface);
    const known = KNOWN_OUTLETS.has(surface.toLowerCase().split(/\s+/)[0]);
    const marked = described || known || (cyrillicText && latin) || !!dotted;
    // "сайт Харьковского горсовета": a capitalised adjective after the outlet word is not the outlet itself but
    // part of its name with the noun it goes with; the source is the whole phrase from the outlet word.
    if (described && descStart >= 0 && cyrillicText && !dotted && ADJ_END.test(surface)) {
      const next = /^\s+(\p{Ll}{4,})(?![\p{L}'’-])/u.exec(text.slice(end, end + 40));
      if (next && !SPEECH_VERBS.has(next[1]) && !looksLikeVerb(next[1], lang)) {
        const e2 = end + next[0].length;
        const phrase = text.slice(descStart, e2);
        return { name: phrase.charAt(0).toUpperCase() + phrase.slice(1), surface: phrase, span: { start: descStart, end: e2 }, entity: null, marked: true, orgLike: true, sure: true };
      }
    }
    return { name: surface, surface, span: { start: s, end }, entity: n.entity, marked, orgLike: n.type !== "PER", sure: described };
  }
  return null;
}
