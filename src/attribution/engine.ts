/**
 * Finds quotations and their attribution in clean text. Two passes:
 *
 *  1. Direct speech: quoted spans (./marks.ts) attributed by the cue next to them — dash-led after the
 *     closing mark ("«…», – сказав Кім"), English style ("…," Heller said), colon-led before the opening mark
 *     (Кім: «…»; "but said: …"), a speech verb framing it ("назвав переговори «…»", "said \"…\""), a quote
 *     split by its own attribution («A, – каже X. – B» → two quotes), dialogue dash lines, and whole-sentence
 *     quotes that continue the current speaker. Short quoted words without a cue are names or scare quotes.
 *  2. Indirect speech: speech verb + що/что/that clause; nominal speech acts ("закликав …", "denied …");
 *     "за словами X", "по словам X", "according to X"; cataphoric "Про це заявив X"; trailing ", X said".
 *
 * Each attribution keeps the speaker mention found next to its cue (./speakers.ts); resolving it to an entity
 * happens afterwards in text order, so pronouns and roles see the speakers before them.
 */
import type { Span } from "../article.js";
import { ACCORDING_RE, COMPLEMENTIZERS, IMPERSONAL, KNOWN_OUTLETS, OUTLET_WORDS, SPEECH_VERBS, type Gender, type VerbForm } from "./lexicon.js";
import type { QuotedSpan } from "./marks.js";
import { candidatesIn, compatible, nameAt, REPRESENTATIVE, wordInfo, type Candidate, type SpeakerEnv } from "./speakers.js";
import { spanAt, trimSpan, type Word } from "./text.js";

const PRONOUNS_RE = /^(he|she|they|він|вона|вони|он|она|они)$/u;

/** Present-tense reporting verbs of outlets ("передає", "сообщает", "reports"). */
const REPORT_PRESENT = new Set(
  "пише пишуть передає передають повідомляє повідомляють інформує інформують сообщает сообщают пишет пишут передает передаёт передают информирует reports writes".split(" "),
);

export interface RawQuote extends Span {
  kind: "direct" | "indirect";
  cue: Span | null;
  cand: Candidate | null;
  /** Gender/number shown by the verb. */
  gender: Gender | null;
  /** How the attribution was found (for debugging and the report). */
  rule: string;
  /** Sentence of the cue, for `via` (sources cited in the same sentence). */
  sentence: Span;
  /** No explicit speaker: take the current one. */
  context: boolean;
}

export interface EngineInput extends SpeakerEnv {
  paras: Span[];
  sents: Span[];
  quoted: QuotedSpan[];
}

const DASH = "–—-";
/**
 * How far an attribution after a quotation may run when no sentence end or dash closes it first (characters).
 * Real cues ("– сказав міністр оборони Південної Кореї Шин Вонсік") are far shorter; the bound keeps a text with
 * thousands of quotes and no periods from scanning to the paragraph's end for each one.
 */
const CUE_REACH = 400;
const ACCORDING_G = new RegExp(ACCORDING_RE.source, "gu");
const ACCORDING_START = "(?:^|[\\s(,—–-])";
if (!ACCORDING_RE.source.startsWith(ACCORDING_START)) throw new Error("ACCORDING_RE: unexpected start");
const ACCORDING_LOOSE = new RegExp(ACCORDING_RE.source.slice(ACCORDING_START.length), "gu");

/**
 * The quotations not strictly inside another one, in order of their opening mark. Quotations pair like
 * brackets (nested or disjoint), so one sweep with a stack of open ones decides.
 */
function notContained(quoted: QuotedSpan[]): QuotedSpan[] {
  const sorted = quoted.slice().sort((a, b) => a.open - b.open || b.close - a.close);
  const out: QuotedSpan[] = [];
  const stack: QuotedSpan[] = [];
  for (const q of sorted) {
    while (stack.length && stack[stack.length - 1].close <= q.open) stack.pop();
    // Strictly inside: some quotation opened before it and closing after it.
    let inside = false;
    for (let k = stack.length - 1; k >= 0 && k >= stack.length - 4; k--) {
      if (stack[k].open < q.open && q.close < stack[k].close) {
        inside = true;
        break;
      }
    }
    if (!inside) out.push(q);
    stack.push(q);
  }
  // Keep the input's order (by opening mark, as findQuotedSpans gives them).
  const keep = new Set(out);
  return quoted.filter((q) => keep.has(q));
}
const CLOSERS = "»”“\"’‘";

export function verbAt(w: Word | undefined): VerbForm | undefined {
  if (!w) return undefined;
  // Called for nearly every word many times: looked up once per word and kept on it (./speakers.ts wordInfo).
  return (w.info ?? wordInfo(w)).vf ?? undefined;
}

/** The index of the first word that starts at or after `s` (words are sorted by start). */
function firstWordFrom(ws: Word[], s: number): number {
  let lo = 0;
  let hi = ws.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ws[mid].start < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wordsIn(env: EngineInput, s: number, e: number): Word[] {
  const ws = env.words;
  const lo = firstWordFrom(ws, s);
  const out: Word[] = [];
  for (let i = lo; i < ws.length && ws[i].end <= e; i++) out.push(ws[i]);
  return out;
}

/** How many words `wordsIn` would give, without building the list. */
function wordCount(env: EngineInput, s: number, e: number): number {
  const ws = env.words;
  let lo = firstWordFrom(ws, s);
  // Word ends grow with their starts: the first word from `lo` on that ends after `e`.
  const first = lo;
  let hi = ws.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ws[mid].end <= e) lo = mid + 1;
    else hi = mid;
  }
  return lo - first;
}

interface QuoteIndex {
  /** Outermost quotations (depth 0), by opening mark. */
  outer: QuotedSpan[];
  /** Index of each outermost quotation in `env.quoted` (sorted by `open`). */
  at: Map<QuotedSpan, number>;
  /** All quotations by closing mark, for "which quotations close between two offsets". */
  byClose: QuotedSpan[];
}
const quoteIndex = new WeakMap<QuotedSpan[], QuoteIndex>();
function quoteIndexOf(env: EngineInput): QuoteIndex {
  const qs = env.quoted;
  let ix = quoteIndex.get(qs);
  if (!ix) {
    const at = new Map<QuotedSpan, number>();
    qs.forEach((q, i) => {
      if (q.depth === 0) at.set(q, i);
    });
    ix = { outer: [...at.keys()].sort((a, b) => a.open - b.open), at, byClose: qs.slice().sort((a, b) => a.close - b.close) };
    quoteIndex.set(qs, ix);
  }
  return ix;
}

/**
 * The innermost quotation containing `pos`: binary search to the outermost one around it, then forward over
 * the quotations opened inside it (never over all quotations before it: a text of thousands of quotes stays
 * linear).
 */
function inQuoted(env: EngineInput, pos: number): QuotedSpan | null {
  const qs = env.quoted;
  const ix = quoteIndexOf(env);
  const outer = ix.outer;
  let lo = 0;
  let hi = outer.length - 1;
  let host: QuotedSpan | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pos < outer[mid].start) hi = mid - 1;
    else if (pos >= outer[mid].end) lo = mid + 1;
    else {
      host = outer[mid];
      break;
    }
  }
  if (!host) return null;
  let best: QuotedSpan = host;
  for (let i = ix.at.get(host)! + 1; i < qs.length; i++) {
    const q = qs[i];
    if (q.open > pos) break;
    if (q.start <= pos && pos < q.end && q.depth > best.depth) best = q;
  }
  return best;
}

/** Quotations whose opening mark lies in [from, to] (env.quoted is sorted by opening mark). */
function quotesOpeningIn(env: EngineInput, from: number, to: number): QuotedSpan[] {
  const qs = env.quoted;
  let lo = 0;
  let hi = qs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (qs[mid].open < from) lo = mid + 1;
    else hi = mid;
  }
  const out: QuotedSpan[] = [];
  for (let i = lo; i < qs.length && qs[i].open <= to; i++) out.push(qs[i]);
  return out;
}

/** Whether text[start, end) ends like a sentence (an end mark, a closing quotation or bracket, a colon). */
function endsLikeSentence(text: string, start: number, end: number): boolean {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e > start && '.!?…»"”:)'.includes(text[e - 1]);
}

/**
 * Spans by start, for "does anything overlap [s, e)": a binary search, then back over the spans that start
 * early enough to reach s (at most the longest span's length back).
 */
class SpanIndex<T extends Span = Span> {
  private items: T[] = [];
  private longest = 0;
  constructor(init: Iterable<T> = []) {
    for (const x of init) this.add(x);
  }
  add(x: T): void {
    const items = this.items;
    let i = items.length;
    if (i && items[i - 1].start > x.start) {
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (items[mid].start <= x.start) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    items.splice(i, 0, x);
    this.longest = Math.max(this.longest, x.end - x.start);
  }
  overlaps(s: number, e: number, test?: (x: T) => boolean): boolean {
    const items = this.items;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].start < e) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && items[i].start + this.longest > s; i--) {
      const x = items[i];
      if (x.end > s && (!test || test(x))) return true;
    }
    return false;
  }
}

/** Quotations whose closing mark lies in [from, to). */
function quotesClosingIn(env: EngineInput, from: number, to: number): QuotedSpan[] {
  const bc = quoteIndexOf(env).byClose;
  let lo = 0;
  let hi = bc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bc[mid].close < from) lo = mid + 1;
    else hi = mid;
  }
  const out: QuotedSpan[] = [];
  for (let i = lo; i < bc.length && bc[i].close < to; i++) out.push(bc[i]);
  return out;
}

/** An English capitalised word inside a name ("Secretary of State Antony Blinken"): never a verb ("state"). */
function nameWord(env: EngineInput, w: Word): boolean {
  if (env.lang !== "en") return false;
  const c = w.text.charCodeAt(0);
  return c >= 65 && c <= 90 && !!nameAt(env, w.start);
}

function sentenceOf(env: EngineInput, pos: number): Span {
  const hit = spanAt(env.sents, pos);
  if (hit) return hit;
  // Between sentences: the next one.
  const i = firstAtOrAfter(env.sents, pos);
  return env.sents[i] ?? { start: pos, end: pos };
}

/** Index of the first span (sorted by start) starting at or after `pos`. */
function firstAtOrAfter(spans: Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function paraOf(env: EngineInput, pos: number): Span {
  return spanAt(env.paras, pos) ?? { start: pos, end: pos };
}

/**
 * The speaker next to a verb. `after` first when the cue is inverted (verb right after a quote, a dash, "як",
 * "Про це"); otherwise the subject before the verb, skipping parentheticals (", якого цитує Reuters,", ", a
 * member of the Federal Reserve Board,"), then after the verb.
 */
export function speakerForVerb(env: EngineInput, verb: Word, lo: number, hi: number, preferAfter: boolean): Candidate | null {
  // Impersonal reports ("зазначається", "отмечалось") have no subject: the speaker comes from context.
  if (IMPERSONAL.has(verb.lower)) return null;
  const vg = verbAt(verb)?.gender ?? null;
  const fits = (c: Candidate) => {
    // The verb's gender/number must agree: "львів'яни пообіцяли" is not "Гришко"; "Бут рассказала" is Alla.
    if (!vg || c.kind === "org" || c.kind === "body") return true;
    if (c.kind === "name" && vg === "pl" && env.entity(c.entity ?? "")?.type === "ORG") return true;
    // A plural verb: a group, an organisation, or two people joined by "та/і/and" ("Як анонсують Оробець та Гацько").
    if (vg === "pl") return c.kind === "group" || c.gender === "pl" || (c.kind === "name" && env.entity(c.entity ?? "")?.type === "ORG") ||
      (((c.kind === "name" && env.entity(c.entity ?? "")?.type === "PER") || c.kind === "role") && /^\s+(?:та|і|й|и|and)\s/u.test(env.text.slice(c.end, c.end + 6)));
    if (c.kind === "group") return false;
    // A titled name right before its verb is its subject even when the name's form suggests the other gender
    // (a foreign first name: "Министр … Кейт Пентус Роозиманнус также высказалась"): the verb tells.
    if (c.kind === "name" && c.role && (vg === "m" || vg === "f") && /^\s+(?:\S+\s+)?$/.test(env.text.slice(c.end, verb.start)) && env.entity(c.entity ?? "")?.key === undefined) return true;
    return compatible(vg, c.gender ?? null) || vg === "n";
  };
  const pick = (cs: Candidate[], last: boolean): Candidate | null => {
    const ok = cs.filter(fits);
    // A person-like candidate (name of a person, role, pronoun, organisation) beats a place or an unknown name.
    const strong = ok.filter((c) => c.kind !== "name" || !["LOC", "MISC"].includes(env.entity(c.entity ?? "")?.type ?? "MISC") || !!c.role);
    const pool = strong.length ? strong : ok;
    return (last ? pool[pool.length - 1] : pool[0]) ?? null;
  };
  const before = () => {
    let end = verb.start;
    const region = env.text.slice(lo, end);
    const lastMatch = (re: RegExp) => {
      const m = re.exec(region);
      return m ? m[0].length : 0;
    };
    // Cut at the last clause boundary: a complementizer, a semicolon or colon, the end of a real quotation
    // (not a quoted name like «Бердянськ»).
    let quoteCut = 0;
    for (const q of quotesClosingIn(env, lo, end)) {
      if (wordCount(env, q.start, q.end) >= 4) quoteCut = Math.max(quoteCut, q.close + 1 - lo);
    }
    // Anchored at the start: an unanchored ".*X" that finds no X retries from every position (quadratic in
    // the clause length); anchored, the greedy ".*" still finds the last X, in one pass.
    const cut = Math.max(lastMatch(/^.*[;:]/su), lastMatch(/^.*(?:^|\s)(?:що|что|that)\s/isu), quoteCut);
    // A coordinated clause ("…, однако отметил", "…, but has denied") shares the subject of the clause before it.
    const conj = lastMatch(/^.*,\s+(?:but|and|while|whereas|але|а|но|однако|проте|тоді як|тогда как)\s/isu);
    const start = lo + Math.max(cut, conj);
    // Parenthetical before the verb: ", …," is dropped, repeatedly — unless it is the name itself
    // ("Iran's revolutionary leader, Ayatollah Ruhollah Khomeini, warned").
    for (let guard = 0; guard < 3; guard++) {
      const seg = env.text.slice(start, end);
      const t = seg.trimEnd();
      if (!t.endsWith(",")) break;
      const inner = t.slice(0, -1);
      const k = inner.lastIndexOf(",");
      if (k < 0) {
        end = start + inner.length;
        break;
      }
      const paren = candidatesIn(env, start + k + 1, start + inner.length);
      const onlyName = paren.length === 1 && paren[0].kind === "name" && env.entity(paren[0].entity ?? "")?.type === "PER" &&
        wordCount(env, start + k + 1, start + inner.length) <= paren[0].text.split(/\s+/).length + 1;
      if (onlyName) {
        end = start + inner.length;
        break;
      }
      end = start + k;
    }
    // Not inside a quotation opened in the clause (the innermost quotation around a point opened last).
    const outside = (c: Candidate) => {
      const iq = inQuoted(env, c.start);
      return !iq || iq.open < start;
    };
    // English puts the subject first and modifiers after it ("One lobbyist with close connections to the Reagan
    // administration said"); Ukrainian and Russian put the speaker next to the verb more often.
    const cs = candidatesIn(env, start, end).filter(outside);
    // English: the subject right before the verb ("…, he said") wins; otherwise the clause's first candidate.
    const adjacent = cs.length && /^\s*(?:\S+ly\s+|also\s+|later\s+|then\s+)?$/.test(env.text.slice(cs[cs.length - 1].end, verb.start)) ? cs[cs.length - 1] : null;
    // A subject the rules do not know, right before the verb, that is a group or someone's staff ("the unions
    // said", "His office said"): someone other than the people named, with no name.
    const collective = adjacent ? null : collectiveSubject(env, start, end, verb.start);
    if (collective) return collective;
    // "A doctor on the scene told …": an indefinite subject with no name in it is someone unnamed.
    if (env.lang === "en" && !cs.length && conj <= cut) {
      const ind = /^\s*(?:A|An|One|Another)\s+([a-z][a-z-]*)/.exec(env.text.slice(start, verb.start));
      // (A document — "A report, monitored by …, said" — speaks for whoever issued it: left to the context.)
      if (ind && !/^(?:report|statement|study|survey|document|letter|memo|release|bulletin|broadcast|dispatch|notice|filing|review|analysis)$/.test(ind[1])) {
        const at = start + ind.index + ind[0].length - ind[1].length;
        const g: Candidate = { kind: "group", start: at, end: at + ind[1].length, text: ind[1], gender: "pl" };
        return g;
      }
    }
    const found = env.lang === "en" && adjacent && pick([adjacent], true) ? adjacent : pick(cs, env.lang !== "en");
    if (found || conj <= cut) return found;
    // Nothing in the coordinated clause: the subject of the clause before the conjunction.
    return pick(candidatesIn(env, lo + cut, lo + conj).filter(outside), env.lang !== "en");
  };
  const after = (reach = 0): Candidate | null => {
    // First candidate within a few words after the verb, before any punctuation that ends the phrase; with
    // `reach`, over that many commas ("Як повідомив сьогодні, 13 липня, перший заступник … Ігор Терехов, …").
    const seg = env.text.slice(verb.end, hi);
    // (The reported clause begins at a complementizer: "said that he …" is not "he said".)
    const stopRe = /[,;:!?(]|[.](?=\s|$)|\s[–—]\s|\s(?:that|що|что)(?=\s)/g;
    let stop: RegExpExecArray | null = stopRe.exec(seg);
    for (let r = 0; r < reach && stop && stop[0] === ","; r++) stop = stopRe.exec(seg);
    let end = verb.end + (stop ? stop.index : seg.length);
    const ws = wordsIn(env, verb.end, end);
    if (ws.length > 9 + reach * 8) end = ws[8 + reach * 8].end;
    const cs = candidatesIn(env, verb.end, end);
    // "цитує Лук'янченка агенція …": after a quoting verb the person quoted is the speaker, not the outlet.
    const quoting = /^(цитувати|процитувати|цитировать|процитировать|quote)$/.test(verbAt(verb)?.lemma ?? "");
    // "сообщили УНИАН в пресс-службе горсовета", "повідомили «Укрінформу» у прокуратурі": after a plural verb, a
    // name followed by a body in the locative is the one told (in the dative); the body speaks.
    const told = vg === "pl" && cs.length >= 2 && cs[0].kind === "name" ? cs.find((x, k) => k > 0 && (x.kind === "org" || x.kind === "body") && /(?:^|\s)(?:в|у|во)\s+$/iu.test(env.text.slice(Math.max(0, x.start - 4), x.start))) : undefined;
    // "told Ruptly that …", "tells reporters": the one right after "tell" is told, not the speaker.
    if (/^tell$/.test(verbAt(verb)?.lemma ?? "") && cs.length && /^\s+(?:the\s+)?$/.test(env.text.slice(verb.end, cs[0].start))) cs.shift();
    const c = quoting ? (cs.find((x) => x.kind !== "name" || env.entity(x.entity ?? "")?.type === "PER") ?? null) : told ?? pick(cs, false);
    if (c && ws.length && ws.indexOf(ws.find((w) => w.start >= c.start)!) > 7 + reach * 8) return null;
    return c;
  };
  if (preferAfter) return after() ?? before() ?? after(2);
  const b = before();
  // Only a place before the verb ("Ракети летіли з боку Чорного моря, повідомив речник … Ігнат"): a person or
  // role right after the verb is the speaker.
  if (b && b.kind === "name" && !b.role && env.entity(b.entity ?? "")?.type === "LOC") {
    const a = after();
    if (a && (a.kind === "role" || (a.kind === "name" && env.entity(a.entity ?? "")?.type === "PER"))) return a;
  }
  return b ?? after();
}

/** `findQuotes`' table of the next speech verb by word, reused from article to article. */
let nextVerbBuf = new Int32Array(4096);

/** English determiners: a verb form right after one is an adjective. */
const DETERMINER_EN = /^(?:a|an|the|this|these|those|its|his|her|their|our|my|your|every|each|no)$/;

/** A phrase of linking words only (discourse connectives of uk, ru, en), as a whole. */
const CONNECTIVES = new RegExp(
  "^(?:(?:" +
    [
      "зокрема", "крім того", "окрім того", "також", "теж", "проте", "однак", "однаково", "водночас", "при цьому", "тим часом",
      "натомість", "утім", "втім", "отже", "тож", "нагадаємо", "наприклад", "до того ж", "а", "і", "й", "але", "ще",
      "в частности", "кроме того", "также", "тоже", "однако", "впрочем", "при этом", "тем временем", "между тем", "вместе с тем",
      "напомним", "например", "к тому же", "и", "но", "итак", "так", "however", "meanwhile", "in particular", "also", "moreover",
      "still", "yet", "and", "but", "so", "for example", "for instance", "in addition", "instead",
    ].join("|") +
    ")[\\s,]*)+$",
  "iu",
);

/** "ранее", "раніше", "earlier", "previously": a report recalled from before. */
const EARLIER = /(?:^|[\s,])(?:ранее|раніше|раньше|earlier|previously)(?![\p{L}])/iu;

/** A candidate that names an outlet: a known agency, an outlet word in its name, or Latin script in uk/ru text. */
function outletCandidate(env: EngineInput, c: Candidate): boolean {
  if (c.kind === "role") return /^(paper|newspaper|agency)$/.test(c.roleHead ?? "");
  if (c.kind !== "name") return false;
  const words = c.text.toLowerCase().replace(/[«»"“”„]/g, "").split(/\s+/);
  if (words.some((w) => KNOWN_OUTLETS.has(w) || OUTLET_WORDS.has(w) || /^(?:иа|іа|ria|ap)$/.test(w))) return true;
  const e = c.entity ? env.entity(c.entity) : undefined;
  return env.lang !== "en" && /^[A-Za-z]/.test(c.text) && !!e && e.type !== "PER";
}

/** Plural English nouns that are not groups of people ("news", "series"), and words in -s that are no plural. */
const NOT_PLURAL_EN = /^(?:news|series|species|this|has|was|is|its|his|us|thus|plus|bus|status|census|chaos|always|perhaps|unless|less|across)$/;

/**
 * An English subject the speaker rules have no candidate for, right before a verb (at most an adverb between): a
 * plural noun phrase ("the unions", "the striking nurses") or a noun after a possessive ("his office", "their
 * lawyer"). Such a subject is someone other than the people named before, and unnamed: a group candidate (no
 * speaker; the statement is not given to the last person heard).
 */
function collectiveSubject(env: EngineInput, from: number, to: number, verbStart: number): Candidate | null {
  const region = env.text.slice(Math.max(from, to - 80), Math.min(to, verbStart));
  let m: RegExpExecArray | null;
  if (env.lang === "en") {
    m = /(?:^|[\s(])(?:(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[Yy]our|[Tt]hese|[Tt]hose|[Mm]any|[Ss]ome|[Ss]everal|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive)\s+)(?:[a-z][a-z-]*\s+){0,2}([a-z][a-z-]*)\s+(?:(?:also|later|then|have|had|\w+ly)\s+)?$/.exec(region);
    if (!m) return null;
    const det = m[0].trim().split(/\s+/)[0].toLowerCase();
    const noun = m[1];
    const possessive = /^(?:his|her|its|their|our|my|your)$/.test(det);
    const plural = /[^s]s$/.test(noun) && !NOT_PLURAL_EN.test(noun);
    if (!possessive && !plural) return null;
    // "their own", "his latest": an adjective last is no subject head.
    if (/^(?:own|latest|first|last|former|new|old)$/.test(noun)) return null;
  } else return null;
  const at = region.lastIndexOf(m[1]);
  const start = Math.max(from, to - 80) + at;
  return { kind: "group", start, end: start + m[1].length, text: m[1], gender: "pl" };
}

/** Whether the text before a verb (within its sentence) makes the cue inverted: speaker after the verb. */
function invertedBefore(prevText: string): boolean {
  // Every test looks at the end of the text (the longest at a few words): a long sentence is cut to its tail
  // first, so a verb late in a long sentence costs no more than one early in it.
  const t = (prevText.length > 120 ? prevText.slice(-120) : prevText).trimEnd();
  if (!t) return true;
  if (/[–—-]$/.test(t)) return true;
  if (/[»”"“][,.!?…]?$/.test(t)) return true;
  if (/(?:^|\s)(?:як|как|as|так|це|этом|это|цьому|цим|этим|so)$/iu.test(t)) return true;
  // "Також заявив X" opening a sentence; not "X також заявив".
  if (/^(?:також|также|теж|тоже|also)$/iu.test(t)) return true;
  if (/(?:^|\s)(?:про це|об этом|про що|о чем|this)(?:\s+\S+)?$/iu.test(t)) return true;
  return false;
}

export function findQuotes(env: EngineInput): RawQuote[] {
  const out: RawQuote[] = [];
  const usedVerbs = new Set<number>();
  const text = env.text;
  const outer = notContained(env.quoted);

  const verbIn = (s: number, e: number, maxWords = 5): Word | null => {
    const ws = wordsIn(env, s, e).slice(0, maxWords);
    for (const w of ws) if (verbAt(w) && !nameWord(env, w)) return w;
    return null;
  };

  /**
   * The verb after a speaker phrase longer than four words ('," Agriculture Minister Vitaliy Koval said',
   * '," Secretary of State Antony Blinken told …'): titles put several capitalised words before the name, so the
   * verb sits beyond the usual reach. Only capitalised words (and "of"/"the"/"for" inside titles) may come before it.
   */
  const verbAfterTitledName = (s: number, e: number): Word | null => {
    const ws = wordsIn(env, s, e).slice(0, 9);
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i];
      if (verbAt(w) && !nameWord(env, w)) return i > 0 ? w : null;
      const t = text.slice(w.start, w.end);
      if (!/^\p{Lu}/u.test(t) && !(i > 0 && /^(?:of|the|for)$/.test(t))) return null;
    }
    return null;
  };

  /**
   * '«…», подытожил Кернес.': a speech verb the lexicon does not know, read by its form. Only in uk/ru, only right
   * after a comma (or ! ?) that follows the closing mark, only a lower-case past-tense form (-л/-ла/-ли, uk also
   * -в), and only when a person's name follows it at once and ends the attribution.
   */
  const pastVerbBeforeName = (after: number, s: number, e: number): Word | null => {
    if (env.lang === "en" || !/^[,!?…]/.test(text.slice(after, s))) return null;
    const ws = wordsIn(env, s, e);
    const w = ws[0];
    if (!w || ws.length < 2 || ws.length > 4 || nameWord(env, w)) return null;
    const t = text.slice(w.start, w.end);
    const past = env.lang === "uk" ? /^\p{Ll}{3,}(?:в|ла|ли)(?:ся|сь)?$/u : /^\p{Ll}{3,}(?:л|ла|ли)(?:ся|сь)?$/u;
    if (!past.test(t)) return null;
    const c = candidatesIn(env, w.end, e)[0];
    if (!c || c.kind !== "name" || text.slice(w.end, c.start).trim() !== "" || env.entity(c.entity ?? "")?.type !== "PER") return null;
    if (wordCount(env, c.end, e) > 0) return null;
    return w;
  };

  /**
   * '," a spokesman for the Justice Department said': an unnamed representative of a named body puts the body's
   * name between the quote and the verb. Only English, only when the attribution opens with an article and a
   * representative word, and the verb comes within ten words with no punctuation before it.
   */
  const verbAfterRepresentative = (s: number, e: number): Word | null => {
    if (env.lang !== "en") return null;
    const ws = wordsIn(env, s, e).slice(0, 10);
    if (ws.length < 4 || !/^(?:a|an|the|one)$/.test(ws[0].lower)) return null;
    const repAt = ws.findIndex((w, k) => k <= 2 && REPRESENTATIVE.test(w.lower));
    if (repAt < 0 || !/^(?:for|of|at|with)$/.test(ws[repAt + 1]?.lower ?? "")) return null;
    for (let k = repAt + 2; k < ws.length; k++) {
      if (/[,;:.!?()]/.test(text.slice(ws[k - 1].end, ws[k].start))) return null;
      if (verbAt(ws[k]) && !nameWord(env, ws[k])) return ws[k];
    }
    return null;
  };

  /** The organisation that last "said in a statement" within a few sentences before `pos` (en). */
  const statementIssuer = (pos: number): Candidate | null => {
    const lo = Math.max(0, pos - 600);
    const re = /(?<![\p{L}])(?:said|says|announced)\s+in\s+(?:a|an|its|their)\s+(?:\p{L}+\s+)?statement(?![\p{L}])/giu;
    let last: RegExpExecArray | null = null;
    for (let m: RegExpExecArray | null; (m = re.exec(text.slice(lo, pos))) !== null; ) last = m;
    if (!last) return null;
    const at = lo + last.index;
    const w = wordsIn(env, at, at + 10)[0];
    if (!w || !verbAt(w)) return null;
    const s0 = sentenceOf(env, at);
    const c = speakerForVerb(env, w, s0.start, Math.min(s0.end, pos), invertedBefore(text.slice(s0.start, w.start)));
    if (!c) return null;
    const type = c.entity ? env.entity(c.entity)?.type : undefined;
    return c.kind === "org" || c.kind === "body" || (c.kind === "name" && type === "ORG") ? c : null;
  };

  // ---- 1. direct speech -------------------------------------------------------------------------------------
  for (const q of outer) {
    const content = text.slice(q.start, q.end);
    const nWords = wordCount(env, q.start, q.end);
    if (nWords === 0) continue;
    // One or two quoted words are names, titles or scare quotes unless a dash or colon attributes them.
    const short = nWords < 3;
    // Without a dash or colon, a quotation of fewer than four words is a title, slogan or scare quote.
    const brief = nWords < 4;
    const para = paraOf(env, q.close);
    const sent = sentenceOf(env, q.close);
    const afterText = text.slice(q.close + 1, Math.max(para.end, q.close + 1));
    const push = (s: number, e: number, cand: Candidate | null, cue: Span | null, gender: Gender | null, rule: string, context = false) => {
      const t = trimSpan(text, s, e, " \t\n,:");
      if (t.end <= t.start) return;
      out.push({ kind: "direct", start: t.start, end: t.end, cue, cand, gender, rule, sentence: sent, context });
    };
    // A quote split by its own attribution: «A, – каже X. – B».
    const split = findSplit(env, q);
    let parts: Span[] = split ? [{ start: q.start, end: split.cueStart }, { start: split.cueEnd, end: q.end }] : [{ start: q.start, end: q.end }];
    // A quotation continued over paragraphs (each reopened with a mark) is one quote per paragraph.
    parts = parts.flatMap((p) => {
      const pieces: Span[] = [];
      let s0 = p.start;
      for (let pi = firstAtOrAfter(env.paras, s0 + 1); pi < env.paras.length && env.paras[pi].start < p.end; pi++) {
        const para = env.paras[pi];
        if (para.start > s0) {
          pieces.push({ start: s0, end: para.start });
          s0 = para.start + (/[«"„“]/.test(text[para.start]) ? 1 : 0);
        }
      }
      pieces.push({ start: s0, end: p.end });
      return pieces.map((x) => trimSpan(text, x.start, x.end, " \t\n,")).filter((x) => x.end > x.start);
    });

    // (a) dash-led attribution after the closing mark.
    const dash = /^[,.!?…]*\s*[–—-]\s*/.exec(afterText);
    if (dash) {
      const cueStart = q.close + 1 + dash[0].length;
      const cueLimit = Math.min(para.end, cueStart + CUE_REACH);
      const cueEndM = /[.!?…](?=\s|$)|\s[–—]\s/.exec(text.slice(cueStart, cueLimit));
      const cueEnd = cueStart + (cueEndM ? cueEndM.index : cueLimit - cueStart);
      const v = verbIn(cueStart, cueEnd);
      let cand: Candidate | null = null;
      if (v) {
        usedVerbs.add(v.start);
        cand = speakerForVerb(env, v, cueStart, cueEnd, true);
      } else if (wordCount(env, cueStart, cueEnd) <= 6) {
        cand = candidatesIn(env, cueStart, cueEnd)[0] ?? null;
      } else if (wordCount(env, cueStart, cueEnd) <= 12) {
        // "– такою була позиція співака": no verb, but a person named in the attribution.
        cand = candidatesIn(env, cueStart, cueEnd).find((c) => c.kind === "role" || (c.kind === "name" && env.entity(c.entity ?? "")?.type === "PER")) ?? null;
      }
      // One or two quoted words are a name or a scare quote unless a speech verb attributes them as a full
      // utterance (ending in . ! ? …).
      const utterance = /[.!?…]\s*$/.test(content);
      if ((v || cand) && !(short && (!v || (nWords < 2 && !utterance)))) {
        const g = v ? verbAt(v)!.gender ?? null : null;
        for (const p of parts) push(p.start, p.end, cand, { start: cueStart, end: cueEnd }, g, "dash-after");
        if (split) markSplit(split);
        continue;
      }
    }
    // (b) English style / no dash: `," Heller said` `," said Heller` `», сказал он`.
    const plain = /^[,.!?…]?\s+/.exec(afterText);
    // English puts the comma inside the closing mark ('"It's pure fiction," said …'): that marks speech even when brief.
    const punctInside = /[,.!?…]\s*$/.test(content) && nWords >= 2;
    if (plain && (!brief || punctInside) && !/^[.!?…]/.test(afterText)) {
      const cueStart = q.close + 1 + plain[0].length;
      const cueLimit = Math.min(para.end, cueStart + CUE_REACH);
      const cueEndM = /[.!?;:](?=\s|$)|[«"“„]/.exec(text.slice(cueStart, cueLimit));
      const cueEnd = cueStart + (cueEndM ? cueEndM.index : cueLimit - cueStart);
      const v = verbIn(cueStart, cueEnd, 4) ?? verbAfterTitledName(cueStart, cueEnd) ?? pastVerbBeforeName(q.close + 1, cueStart, cueEnd) ?? verbAfterRepresentative(cueStart, cueEnd);
      if (v) {
        const cand = speakerForVerb(env, v, cueStart, cueEnd, invertedBefore(text.slice(cueStart, v.start)));
        if (cand) {
          usedVerbs.add(v.start);
          for (const p of parts) push(p.start, p.end, cand, { start: cueStart, end: cueEnd }, verbAt(v)?.gender ?? null, "plain-after");
          if (split) markSplit(split);
          continue;
        }
        // '," the statement said': the statement speaks for the organisation that issued it a little earlier
        // ("the ministry said in a statement"); with no such organisation the quote stays unattributed and is dropped.
        if (env.lang === "en" && /^(?:the|its|their|this|that)\s+(?:\p{L}+\s+)?statement\s*$/iu.test(text.slice(cueStart, v.start))) {
          const issuer = statementIssuer(q.open);
          if (issuer) {
            usedVerbs.add(v.start);
            for (const p of parts) push(p.start, p.end, issuer, { start: cueStart, end: cueEnd }, "n", "plain-after-statement");
            if (split) markSplit(split);
            continue;
          }
        }
      }
    }
    // (c) colon-led: "Кім: «…»", "заявив: «…»", "but said: \"…\"".
    const beforeText = text.slice(Math.max(0, q.open - 300), q.open);
    const colon = /:\s*$/.exec(beforeText);
    if (colon) {
      const colonPos = q.open - colon[0].length;
      const cs = sentenceOf(env, colonPos);
      const lo = Math.max(cs.start, paraOf(env, colonPos).start);
      const ws = wordsIn(env, lo, colonPos);
      const v = [...ws].reverse().find((w) => verbAt(w) && !inQuoted(env, w.start));
      let cand: Candidate | null = null;
      if (v) {
        usedVerbs.add(v.start);
        cand = speakerForVerb(env, v, lo, colonPos, invertedBefore(text.slice(lo, v.start)));
      } else if (ws.length <= 8) {
        const c = candidatesIn(env, lo, colonPos);
        cand = c[c.length - 1] ?? null;
      }
      if (v || cand) {
        // 'розповіла про слоган: «Вільні творять майбутнє!» — це наше гасло. …': a short quotation after the colon
        // that the speaker goes on from is the start of unquoted speech running to the paragraph's end.
        const rest = text.slice(q.close + 1, para.end);
        if (brief && v && wordCount(env, q.close + 1, para.end) >= 3 && !verbIn(q.close + 1, Math.min(para.end, q.close + 40), 3)) {
          parts = [{ start: q.open, end: para.end }];
          void rest;
        }
        for (const p of parts) push(p.start, p.end, cand, v ? { start: v.start, end: colonPos } : cand, v ? verbAt(v)!.gender ?? null : null, "colon", !cand);
        if (split) markSplit(split);
        continue;
      }
    }
    // (d) framed by a speech verb just before: "назвав переговори «…»", "He said \"we …\"", "сказати, що «…»".
    {
      const s0 = Math.max(sent.start, paraOf(env, q.open).start);
      const ws = wordsIn(env, s0, q.open);
      const tail = ws.slice(-5);
      const vi = tail.findIndex((w) => verbAt(w) && !inQuoted(env, w.start));
      // 'Weinberger said, "Nothing."': a comma or colon right after the verb introduces even a one-word quote.
      const introduced = vi >= 0 && /^\s*[,:]\s*$/.test(text.slice(tail[vi].end, q.open)) && vi === tail.length - 1;
      if (vi >= 0 && (!brief || introduced)) {
        const v = tail[vi];
        const between = tail.slice(vi + 1);
        // Only linking words between the verb and the quotation; naming verbs take one object first
        // ("назвав переговори «…»", "called the move \"…\"").
        const naming = /^(назвати|називати|назвать|называть|охарактеризовать|describe)$/.test(verbAt(v)!.lemma);
        const linking = (w: Word) => COMPLEMENTIZERS.has(w.lower) || /^(про|о|об|того|те|as|it|його|її|их|его|её|это|це|так|такими|словами)$/u.test(w.lower);
        const ok = between.filter((w) => !linking(w)).length <= (naming ? 3 : 0);
        if (ok && !/[.!?]/.test(text.slice(v.end, q.open))) {
          usedVerbs.add(v.start);
          const cand = speakerForVerb(env, v, s0, q.open, invertedBefore(text.slice(s0, v.start)));
          for (const p of parts) push(p.start, p.end, cand, { start: v.start, end: q.open }, verbAt(v)!.gender ?? null, "frame", !cand);
          if (split) markSplit(split);
          continue;
        }
      }
    }
    // (e) split quote with the cue inside, nothing outside.
    if (split) {
      for (const p of parts) push(p.start, p.end, split.cand, { start: split.cueStart, end: split.cueEnd }, split.gender, "split");
      markSplit(split);
      continue;
    }
    // (f) a whole-sentence quote with no cue of its own continues the current speaker.
    const startsSentence = /(?:^|[.!?…:]\s*|\n\s*|[–—]\s*)$/.test(text.slice(Math.max(para.start, q.open - 3), q.open).trimEnd()) || q.open === para.start || sent.start >= q.open - 1;
    const endsSentence = /^[.!?…]?\s*$/.test(afterText.slice(0, 2).trim()) || /^[.!?…]/.test(afterText) || afterText.trim() === "";
    if (startsSentence && endsSentence && nWords >= 4 && /^[\s«"„“.…]*\p{Lu}/u.test(content)) {
      push(q.start, q.end, null, null, null, "continuation", true);
      continue;
    }
  }

  function markSplit(split: Split): void {
    if (split.verb) usedVerbs.add(split.verb.start);
  }

  // Dialogue dash lines without quotation marks: "– Текст, – сказав X. – Далі."
  for (const p of env.paras) {
    if (!/^[–—-]\s/.test(text.slice(p.start, p.start + 2))) continue;
    const body = text.slice(p.start, p.end);
    const m = /([,.!?…])\s+[–—-]\s+/g;
    let mm: RegExpExecArray | null;
    let attributed = false;
    while ((mm = m.exec(body)) !== null) {
      const cueStart = p.start + mm.index + mm[0].length;
      const cueEndM = /[.!?…]|\s[–—]\s/.exec(text.slice(cueStart, p.end));
      const cueEnd = cueStart + (cueEndM ? cueEndM.index : p.end - cueStart);
      const v = verbIn(cueStart, cueEnd, 3);
      if (!v) continue;
      usedVerbs.add(v.start);
      const cand = speakerForVerb(env, v, cueStart, cueEnd, true);
      const sent = sentenceOf(env, cueStart);
      const first = trimSpan(text, p.start + 1, p.start + mm.index + (mm[1] === "," ? 0 : 1));
      out.push({ kind: "direct", ...first, cue: { start: cueStart, end: cueEnd }, cand, gender: verbAt(v)!.gender ?? null, rule: "dialogue", sentence: sent, context: !cand });
      const rest = /^[.,:]\s+[–—-]\s+/.exec(text.slice(cueEnd, p.end));
      if (rest) {
        const r = trimSpan(text, cueEnd + rest[0].length, p.end);
        out.push({ kind: "direct", ...r, cue: { start: cueStart, end: cueEnd }, cand, gender: verbAt(v)!.gender ?? null, rule: "dialogue", sentence: sent, context: !cand });
      }
      attributed = true;
      break;
    }
    // A dialogue line with no attribution of its own continues the current speaker (interview answers).
    if (!attributed && !quotesOpeningIn(env, p.start, p.end).some((q) => q.close <= p.end && q.close - q.open > (p.end - p.start) / 2)) {
      const r = trimSpan(text, p.start + 1, p.end);
      if (wordCount(env, r.start, r.end) >= 4 && !/\?\s*$/.test(text.slice(r.start, r.end))) {
        out.push({ kind: "direct", ...r, cue: null, cand: null, gender: null, rule: "dialogue-continued", sentence: sentenceOf(env, r.start), context: true });
      }
    }
  }

  // Interview monologue: unquoted first-person paragraphs after a paragraph that introduces someone's speech
  // ("… він розповів про те, яке місце в його житті займають подорожі") are that person's words, one quote per
  // paragraph.
  {
    const FIRST = /(?:^|[\s(«"])(?:я|мене|мені|мною|мій|моя|моє|мої|мого|моєї|меня|мне|мой|моя|мое|мои|I|me|my)(?=[\s,.!?;:)»"])/gu;
    let open = false;
    const taken = new SpanIndex(out);
    for (const p of env.paras) {
      const pt = text.slice(p.start, p.end);
      const nw = wordCount(env, p.start, p.end);
      const heading = !endsLikeSentence(text, p.start, p.end) && nw < 15;
      if (heading) continue;
      // (Only an open monologue asks whether a paragraph speaks in the first person.)
      const firstPerson: boolean = open && !/[«»"“”„]/.test(pt) && !/^[–—-]\s/.test(pt) && (pt.match(FIRST) ?? []).length >= 2;
      if (firstPerson && nw >= 8 && !taken.overlaps(p.start, p.end)) {
        out.push({ kind: "direct", start: p.start, end: p.end, cue: null, cand: null, gender: null, rule: "monologue", sentence: sentenceOf(env, p.start), context: true });
        continue;
      }
      // A paragraph that introduces speech: a speech verb followed by "про"/"about"/a colon near its end.
      let intro = false;
      for (let i = firstAtOrAfter(env.words, p.start); i < env.words.length && env.words[i].end <= p.end && !intro; i++) {
        const w = env.words[i];
        intro = !!verbAt(w) && !inQuoted(env, w.start) && /^\s+(?:про|о|об|about)\s/u.test(text.slice(w.end, w.end + 6));
      }
      open = intro || (open && firstPerson);
    }
  }

  // ---- 2. indirect speech -----------------------------------------------------------------------------------
  // Every quote found so far, indexed by position: "is this clause already reported" is asked for each candidate.
  const found = new SpanIndex(out);
  const covered = (s: number, e: number) => found.overlaps(s, e, (q) => overlapShare(q, { start: s, end: e }) > 0.5);
  const emit = (q: RawQuote) => {
    out.push(q);
    found.add(q);
  };

  // "за словами X", "по словам X", "according to X", "на думку X". One pass over the text finds the sentences
  // that can hold such a cue (the pattern without its word-boundary start); only those are read.
  const withCue = new Set<Span>();
  for (const m of text.matchAll(ACCORDING_LOOSE)) {
    const s = spanAt(env.sents, m.index!);
    if (s) withCue.add(s);
  }
  for (const sent of env.sents) {
    if (!withCue.has(sent)) continue;
    const st = text.slice(sent.start, sent.end);
    const re = ACCORDING_G;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(st)) !== null) {
      const cueS = sent.start + m.index + m[0].indexOf(m[1]);
      const cueE = cueS + m[1].length;
      if (inQuoted(env, cueS)) continue;
      if (/даними|данным|інформацією|информации/i.test(m[1])) continue; // data sources, handled as sources
      // Speaker right after the cue (possessive pronoun inside the cue: "за його словами").
      let cand: Candidate | null = null;
      const pron = /(його|її|их|его|её|ее|їхніми)/iu.exec(m[1]);
      let spkEnd = cueE;
      if (pron) {
        const ps = cueS + m[1].indexOf(pron[1]);
        cand = { kind: "pronoun", start: ps, end: ps + pron[1].length, text: pron[1], gender: pron[1].toLowerCase() === "його" || pron[1].toLowerCase() === "его" ? "m" : /^(їхніми|их)$/i.test(pron[1]) ? "pl" : "f" };
      } else {
        const stop = /[,.;:!?]/.exec(text.slice(cueE, sent.end));
        const e = cueE + (stop ? stop.index : sent.end - cueE);
        const cs = candidatesIn(env, cueE, e);
        cand = cs[0] ?? null;
        spkEnd = e;
        if (!cand) {
          // "according to the Washington Post" with no entity: keep the phrase as a name.
          const phrase = text.slice(cueE, e).trim().replace(/^(the)\s+/i, "");
          if (/^\p{Lu}/u.test(phrase) && phrase.split(/\s+/).length <= 5) {
            const ps = cueE + text.slice(cueE, e).indexOf(phrase);
            cand = { kind: "name", start: ps, end: ps + phrase.length, text: phrase };
          }
        }
      }
      const before = trimSpan(text, sent.start, cueS, " \t\n,–—-(");
      const afterS = trimSpan(text, spkEnd, sent.end, " \t\n,.;–—-)");
      let span: Span;
      // The reported clause is on the side of the cue that has one: after it ("За словами X, …"), else before it
      // ("…, according to X."). A cue in the middle keeps the part after it when that is a clause.
      const afterWords = wordCount(env, afterS.start, afterS.end);
      const beforeWords = wordCount(env, before.start, before.end);
      if (before.end - before.start < 3) span = afterS;
      else if (afterWords < 3) span = before;
      // "Регистрация в качестве СМИ, по словам Тимченко, - это катастрофа …": a short head before the cue belongs
      // to the clause.
      // A head of linking words only ("В частности, по словам X, …", "However, according to X, …") is not.
      else if (beforeWords <= 5 && !/[.!?]/.test(text.slice(before.start, before.end)) && !CONNECTIVES.test(text.slice(before.start, before.end))) span = { start: before.start, end: afterS.end };
      else span = afterS;
      span = trimSpan(text, span.start, span.end, " \t\n,.;");
      if (wordCount(env, span.start, span.end) < 3 || covered(span.start, span.end)) continue;
      emit({ kind: "indirect", ...span, cue: { start: cueS, end: Math.max(cueE, cand ? cand.end : cueE) }, cand, gender: cand?.gender ?? null, rule: "according", sentence: sent, context: !cand });
    }
  }

  // Unquoted speech after a colon: "Речниця міськради каже: до цього сезону готувалися …".
  for (const sent of env.sents) {
    const st = text.slice(sent.start, sent.end);
    const c = st.indexOf(":");
    if (c < 0 || /^\s*[«"„“]/.test(st.slice(c + 1))) continue;
    const ws = wordsIn(env, sent.start, sent.start + c);
    const v = [...ws].reverse().find((w) => verbAt(w) && !inQuoted(env, w.start) && !usedVerbs.has(w.start));
    if (!v || ws.indexOf(v) < ws.length - 4) continue;
    const para = paraOf(env, sent.start);
    // To the end of the sentence; on to the paragraph's end when the speech goes on in the first person.
    const restOfPara = text.slice(sent.end, para.end);
    const firstPerson = /(?:^|[\s«"])(?:я|ми|мы|наш|наша|наше|наші|наши|мене|нас|I|we|our)(?=[\s,.!?])/u.test(restOfPara);
    const span = trimSpan(text, sent.start + c + 1, firstPerson ? para.end : sent.end, " \t\n");
    if (wordCount(env, span.start, span.end) < 5 || covered(span.start, span.end)) continue;
    const cand = speakerForVerb(env, v, sent.start, sent.start + c, invertedBefore(text.slice(sent.start, v.start)));
    usedVerbs.add(v.start);
    emit({ kind: "indirect", ...span, cue: { start: v.start, end: sent.start + c }, cand, gender: verbAt(v)!.gender ?? null, rule: "colon-unquoted", sentence: sent, context: !cand });
  }

  // "The paper quoted Deng as saying that …", "They quoted an Iranian soldier, Hamid Dehqani, as saying …",
  // "X was quoted as saying …": the person quoted speaks. (Read only when the text has "quot" at all.)
  for (const sent of text.includes("quot") ? env.sents : []) {
    const st = text.slice(sent.start, sent.end);
    const m = /\b(?:quoted|quotes|quoting)\s+([\s\S]{1,80}?)\s*,?\s+as\s+saying(?:\s+that)?\s+/u.exec(st) ??
      /\bwas\s+quoted\s+as\s+saying(?:\s+that)?\s+/u.exec(st);
    if (!m) continue;
    const clause = trimClause(env, { start: sent.start + m.index + m[0].length, end: sent.end });
    if (!clause || covered(clause.start, clause.end) || wordCount(env, clause.start, clause.end) < 3) continue;
    let cand: Candidate | null = null;
    if (m[1] !== undefined) {
      const s0 = sent.start + m.index + m[0].indexOf(m[1]);
      const cs = candidatesIn(env, s0, s0 + m[1].length);
      cand = cs.find((c) => c.kind === "name") ?? cs[0] ?? null;
    } else {
      const cs = candidatesIn(env, sent.start, sent.start + m.index);
      cand = cs[0] ?? null;
    }
    emit({ kind: "indirect", ...clause, cue: { start: sent.start + m.index, end: sent.start + m.index + m[0].trimEnd().length }, cand, gender: null, rule: "quoted-as-saying", sentence: sent, context: !cand });
  }

  // "Мовляв, …" / "Мол, …": the rest of the sentence is the current speaker's words.
  for (const sent of text.includes("овляв") || text.includes("Мол") ? env.sents : []) {
    const m = /^(Мовляв|Мол|мовляв)\s*,?\s+/u.exec(text.slice(sent.start, sent.end));
    if (!m) continue;
    const span = trimClause(env, { start: sent.start + m[0].length, end: sent.end });
    if (!span || covered(span.start, span.end)) continue;
    emit({ kind: "indirect", ...span, cue: { start: sent.start, end: sent.start + m[1].length }, cand: null, gender: null, rule: "movliav", sentence: sent, context: true });
  }

  // Speech verbs.
  const headingPara = new Map<Span, boolean>();
  const isHeadingPara = (para: Span): boolean => {
    let h = headingPara.get(para);
    if (h === undefined) {
      h = !endsLikeSentence(text, para.start, para.end) && wordCount(env, para.start, para.end) < 15;
      headingPara.set(para, h);
    }
    return h;
  };
  // For each word, the index of the first speech verb at or after it: sentences without one are passed over.
  if (nextVerbBuf.length < env.words.length + 1) nextVerbBuf = new Int32Array(Math.max(env.words.length + 1, nextVerbBuf.length * 2));
  const nextVerb = nextVerbBuf;
  nextVerb[env.words.length] = env.words.length;
  for (let i = env.words.length - 1; i >= 0; i--) nextVerb[i] = verbAt(env.words[i]) ? i : nextVerb[i + 1];
  for (const sent of env.sents) {
    const first = firstAtOrAfter(env.words, sent.start);
    const nv = nextVerb[first];
    if (nv >= env.words.length || env.words[nv].end > sent.end) continue;
    // Headings ("КНДР передає зброю РФ – що варто знати") report nothing.
    const para = paraOf(env, sent.start);
    if (isHeadingPara(para)) continue;
    const ws = wordsIn(env, sent.start, sent.end);
    for (let i = 0; i < ws.length; i++) {
      const v = ws[i];
      const vf = verbAt(v);
      if (!vf || inQuoted(env, v.start) || nameWord(env, v)) continue;
      // A verb that introduced a quotation may still govern its own що-clause ("відзначив, що …: «…»").
      if (usedVerbs.has(v.start) && !/^,?\s*(?:що|что|that)\s/u.test(text.slice(v.end, v.end + 8))) continue;
      if (vf.lang !== "en" && env.lang === "en") continue;
      if (vf.lang === "en" && env.lang !== "en") continue;
      // "said said": the repeated word is one cue.
      if (i > 0 && ws[i - 1].lower === v.lower) continue;
      // English -ing forms are participles ("whose book warning of a crash"), except ", adding that …".
      if (vf.lang === "en" && /ing$/.test(v.lower) && !(/^(saying|adding|noting)$/.test(v.lower) && /,\s*$/.test(text.slice(sent.start, v.start)))) continue;
      // English bare infinitives after "to" are not reports ("to say").
      if (vf.lang === "en" && /^(to|will|would|could|should|may|might|must|can|not)$/.test(ws[i - 1]?.lower ?? "")) continue;
      // "That said, …" opens a sentence with a concession, not a report.
      if (vf.lang === "en" && i === 1 && ws[0].lower === "that" && /^,/.test(text.slice(v.end, v.end + 1))) continue;
      // A participle after a determiner is an adjective ("a newly revealed phone call", "the reported deal").
      if (vf.lang === "en" && i > 0 && (DETERMINER_EN.test(ws[i - 1].lower) || (/ly$/.test(ws[i - 1].lower) && i > 1 && DETERMINER_EN.test(ws[i - 2].lower)))) continue;
      if (vf.lang === "en" && v.lower === vf.lemma && !/^(i|we|you|they|sources|officials|analysts)$/.test(ws[i - 1]?.lower ?? "") && ws[i - 1]) {
        // Base form: only "they say", "analysts say" (present plural).
        if (!candidatesIn(env, ws[i - 1].start, ws[i - 1].end).length) continue;
      }
      const prevText = text.slice(sent.start, v.start);
      const inverted = invertedBefore(prevText);
      // Complementizer: що/что/that within the next words, before any other verb or quotation.
      let comp: Word | null = null;
      for (let k = i + 1; k < ws.length && k <= i + 9; k++) {
        const qk = inQuoted(env, ws[k].start);
        if (qk && wordCount(env, qk.start, qk.end) > 3) break;
        if (qk) continue;
        if (verbAt(ws[k]) && !COMPLEMENTIZERS.has(ws[k].lower)) break;
        if (COMPLEMENTIZERS.has(ws[k].lower) && ws[k].lower !== "щоб" && ws[k].lower !== "чтобы") {
          comp = ws[k];
          break;
        }
        if (/[.;!?](?:\s|$)/.test(text.slice(ws[k - 1].end, ws[k].start))) break;
      }
      const cand = speakerForVerb(env, v, sent.start, sent.end, inverted);
      let span: Span | null = null;
      let rule = "";
      // "Як зазначив X, CLAUSE" / "CLAUSE, як заявив X": the clause on the other side of the comma.
      const asLead = /(?:^|[\s,(])(?:як|как|as)\s+$/iu.exec(prevText);
      // "Як передає «Новинарня»", "как сообщает РБК": an outlet relaying the news is a source, not a speaker.
      if (asLead && REPORT_PRESENT.has(v.lower)) continue;
      // "Как ИА REGNUM сообщало ранее, …", "As the paper reported earlier, …": an outlet recalling its own (or
      // another outlet's) earlier report is not someone's statement.
      if (cand && /^[\s(«"]*(?:як|как|as)\s/iu.test(text.slice(sent.start, sent.start + 8))) {
        const lead = text.slice(sent.start, sent.end).split(",")[0];
        if (v.end <= sent.start + lead.length && cand.end <= sent.start + lead.length && EARLIER.test(lead) && outletCandidate(env, cand)) continue;
      }
      if (asLead && !comp) {
        // The clause starts after the comma that closes the speaker phrase ("Як повідомив …, заступник … Терехов, …").
        const from = cand && cand.start >= v.end ? cand.end : v.end;
        const commaAfter = text.slice(from, sent.end).search(/,\s/) + (from - v.end);
        const leadStart = sent.start + asLead.index;
        if (/^[\s(]*$/.test(text.slice(sent.start, leadStart)) && commaAfter >= 0) {
          span = { start: v.end + commaAfter + 1, end: sent.end };
          rule = "as-lead";
        } else if (/,\s*$/.test(text.slice(sent.start, leadStart + 1)) || /,$/.test(text.slice(sent.start, leadStart).trimEnd())) {
          span = { start: sent.start, end: leadStart };
          rule = "as-trail";
          // "Міна сповільненої дії, як запевняє депутат …, не побільшає": the cue sits inside the clause.
          const afterSpk = cand && cand.start >= v.end ? cand.end : v.end;
          const tailM = /^[^,.;!?]{0,60},\s+/.exec(text.slice(afterSpk, sent.end));
          if (tailM && wordCount(env, afterSpk + tailM[0].length, sent.end) >= 3) {
            // A short head ("В Mail.ru, как рассказали в пресс-службе, …") is not part of what was said.
            span = wordCount(env, sent.start, leadStart) <= 3 ? { start: afterSpk + tailM[0].length, end: sent.end } : { start: sent.start, end: sent.end };
          }
        }
      }
      // "Каже, …" / "Зізнається, …": a sentence-initial verb and a comma; the rest is the report.
      if (!span && !comp && /^[\s–—-]*$/.test(prevText) && /^\s*,/.test(text.slice(v.end, v.end + 3))) {
        span = { start: v.end + text.slice(v.end).indexOf(",") + 1, end: sent.end };
        rule = "verb-comma";
      }
      // ", каже лікар," inside a sentence: the clause around the parenthetical, cue included.
      const paren = !span && !comp && env.lang !== "en" ? /,\s*$/.exec(prevText) : null;
      if (paren) {
        const tail = text.slice(v.end, sent.end);
        const close = /^([^,.;:!?]{0,40}),\s/.exec(tail);
        if (close && !/(?:^|\s)(?:що|что|that)(?:\s|$)/u.test(close[1])) {
          const leftCut = prevText.slice(0, paren.index).lastIndexOf(",");
          const left = leftCut >= 0 ? sent.start + leftCut + 1 : sent.start;
          const right = v.end + close[0].length;
          if (wordCount(env, right, sent.end) >= 2 && wordCount(env, left, sent.end) >= 5) {
            span = { start: left, end: sent.end };
            rule = "parenthetical";
            // "A, розповідає X, а B": two clauses joined around the cue are two reports.
            const leftEnd = sent.start + paren.index;
            if (/^(а|і|й|та|але|проте|однак|и|но|and|but)$/i.test(wordsIn(env, right, sent.end)[0]?.lower ?? "") && wordCount(env, left, leftEnd) >= 3 && wordCount(env, right, sent.end) >= 4) {
              const r = trimSpan(text, right, sent.end, " \t\n,.;");
              const rr = { start: wordsIn(env, r.start, r.end)[1]?.start ?? r.start, end: r.end };
              if (!covered(rr.start, rr.end)) emit({ kind: "indirect", ...rr, cue: { start: v.start, end: v.end }, cand, gender: vf.gender ?? null, rule: "parenthetical-right", sentence: sent, context: !cand });
              span = { start: left, end: leftEnd };
            }
          }
        }
      }
      if (span) {
        // found above
      } else if (comp) {
        span = { start: comp.end, end: sent.end };
        rule = "that-clause";
        // "…, что она якобы "вмешивается …" и "ведет войну …"": a clause that is mostly quoted fragments gives the
        // fragments as direct quotes.
        const frags = quotesClosingIn(env, comp.end, sent.end).filter((q) => q.depth === 0 && q.open >= comp!.end && wordCount(env, q.start, q.end) >= 2);
        if (frags.length >= 2) {
          const inside = frags.reduce((n, q) => n + wordCount(env, q.start, q.end), 0);
          if (wordCount(env, comp.end, sent.end) - inside <= 4) {
            usedVerbs.add(v.start);
            for (const q of frags) emit({ kind: "direct", start: q.start, end: q.end, cue: { start: v.start, end: comp.end }, cand, gender: vf.gender ?? null, rule: "that-fragments", sentence: sent, context: !cand });
            continue;
          }
        }
      } else {
        // Trailing attribution: "CLAUSE, X said." / "CLAUSE, сказав X."
        const commaBefore = /,\s*(?:[–—-]\s*)?(?:\S+\s+){0,6}$/.exec(prevText);
        const relative = commaBefore && /(?:^|\s)(?:який|яка|яке|які|що|который|которая|которое|которые|что|who|which|that|where|де|где|коли|когда|when|while|whereas|but|and|але|а|но|однако)(?:\s|$)/iu.test(commaBefore[0]);
        const restAfter = text.slice(v.end, sent.end);
        if (commaBefore && !relative && cand && (cand.start >= sent.start + commaBefore.index) && (cand.end <= v.start || cand.start >= v.end) && /^\s*(?:[\p{L}'’.-]+\s+){0,3}[\p{L}'’.-]*[.!?]?\s*$/u.test(cand.start >= v.end ? text.slice(cand.end, sent.end) : restAfter) && wordCount(env, sent.start, sent.start + commaBefore.index) >= 4) {
          span = { start: sent.start, end: sent.start + commaBefore.index };
          rule = "trailing";
          // "…. Росіяни бояться демократії, – каже Еґґерт.": dash-led speech without quotation marks may run from
          // the paragraph's start.
          const para0 = paraOf(env, sent.start);
          if (/[–—]/.test(commaBefore[0]) && para0.start < sent.start && !found.overlaps(para0.start, sent.start)) {
            span = { start: para0.start, end: span.end };
          }
        } else if (/^[\s–—-]*(?:Про це|Про це ж|Об этом|Это|Про що|На цьому|На этом|Про таке|Такі дані|This|That)(?![\p{L}])/u.test(prevText) && !/[,;:]/.test(prevText.slice(0, 60).replace(/^[^,]*,\s*$/, ""))) {
          // Cataphoric: the previous sentence is what was said.
          const si = firstAtOrAfter(env.sents, sent.start);
          const prev = env.sents[si - 1];
          if (prev && !inQuoted(env, prev.start)) {
            span = prev;
            rule = "cataphoric";
          }
        } else {
          // Nominal speech act: the object after the verb (and after an inverted speaker).
          let s = v.end;
          if (cand && cand.start >= v.end && cand.start - v.end < 4) s = cand.end;
          // Adverbs right after the verb ("зазначив також про …") belong to the cue.
          const adv = /^(?:\s+(?:також|теж|ще|вже|знову|неодноразово|зокрема|також|также|еще|ещё|уже|тоже|снова|also|further|again))+(?=\s)/iu.exec(text.slice(s, sent.end));
          if (adv) s += adv[0].length;
          // "told Reuters he had …", "told reporters that …": the addressee is not part of the report.
          if (/^(told|tell|tells|telling)$/.test(v.lower)) {
            const addr = /^\s+(?:the\s+)?(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*|reporters|journalists|him|her|them|us|me|a\s+\w+(?:\s+\w+)?)(?=[\s,])/.exec(text.slice(s, sent.end));
            if (addr) s += addr[0].length;
          }
          const next = text.slice(s, sent.end);
          const nominalOk = vf.nominal || (vf.lang === "en" && /^(say|said|says|told|tell|tells|added|adds|noted|notes)$/.test(v.lower));
          // Not after a dash or quotation (that verb attributes the speech before it), and not "про це" (no content).
          const dashLed = /[–—»"”]\s*[,.!?]?\s*$/.test(prevText) || /[–—]\s*(?:\S+\s+){0,2}$/.test(prevText);
          const anaphoric = /^\s*(?:про це|об этом|о том|this|it|so)(?![\p{L}])/iu.test(next);
          const quotedNext = /^\s*[«"„“]/.test(next) ? inQuoted(env, s + next.search(/[«"„“]/) + 1) : null;
          const longQuoteNext = quotedNext && wordCount(env, quotedNext.start, quotedNext.end) >= 3;
          if (nominalOk && !dashLed && !anaphoric && /^\s+\S/.test(next) && !/^\s*[,.;:!?–—-]/.test(next) && !longQuoteNext) {
            const en = vf.lang === "en";
            const skip = en ? /^\s+(?:in|on|at|to|from|for|by|with|after|before|during|when|while|reporters|journalists|the\s+\w+\s+committee)\b/i.test(next) : false;
            if (!skip) {
              // "«високо оцінила …» та пообіцяла зміцнити …": a quoted fragment coordinated with the verb is part of
              // the same report.
              const coord = /[»"”“]\s+(?:та|і|й|и|and)\s+(?:\S+\s+)?$/u.exec(prevText);
              const q0 = coord ? inQuoted(env, sent.start + coord.index - 1) : null;
              span = { start: q0 ? q0.open : s, end: sent.end };
              rule = "nominal";
            }
          }
        }
      }
      if (!span) continue;
      // Cut a trailing attribution or source phrase off the clause and trim punctuation.
      span = trimClause(env, span);
      if (!span || wordCount(env, span.start, span.end) < 2) continue;
      // A nominal object of fewer than four words is rarely a report, unless it is the speaker's own ("his
      // opposition to protectionism", "свою позицію").
      const nw = wordsIn(env, span.start, span.end);
      if (rule === "nominal" && (nw.length < 3 || (nw.length < 4 && !/^(his|her|their|its|свою|свій|своє|свої|його|її|їхню|свою|свое|свои|свой|его|ее|её|их)$/u.test(nw[0]?.lower ?? "")))) continue;
      if (covered(span.start, span.end)) continue;
      usedVerbs.add(v.start);
      const cueEnd = comp ? comp.end : Math.max(v.end, cand && cand.start >= v.end ? cand.end : v.end);
      const cueStart = cand && cand.end <= v.start && v.start - cand.end < 40 ? cand.start : v.start;
      emit({ kind: "indirect", ...span, cue: { start: cueStart, end: cueEnd }, cand, gender: vf.gender ?? null, rule, sentence: sent, context: !cand });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const TRAILING_CUE = /,\s*(?:[–—-]\s*)?(?:(?:як|как|as)\s+)?(?:\S+\s+){0,3}?(\S+)(?:\s+\S+){0,3}\s*[.!?]?\s*$/u;
const TRAIL_REACH = 300;

/** Cuts a trailing ", – сказав X", ", he said", ", according to …" and edge punctuation off a reported clause. */
function trimClause(env: EngineInput, span: Span): Span | null {
  const text = env.text;
  let { start, end } = span;
  // A second report joined by a gerund or verb after a comma ("…, посетовав, что …") starts a new quote.
  const ws0 = wordsIn(env, start, end);
  for (let k = 0; k < ws0.length; k++) {
    const w = ws0[k];
    // Both cuts below start at a speech verb: other words are passed over at the cost of one lookup.
    if (!verbAt(w)) continue;
    const before = text.slice(Math.max(start, w.start - 3), w.start);
    // "… і додав, що", "… and his chief spokesman said …": a conjunction a few words before a speech verb.
    let conjAt = -1;
    for (let b = k - 1; b >= Math.max(0, k - 4); b--) if (/^(і|й|та|и|а|но|але|проте|однако|and|but)$/.test(ws0[b].lower)) { conjAt = b; break; }
    const between = conjAt >= 0 ? ws0.slice(conjAt + 1, k) : [];
    // ", which he said was started by …", ", яку він назвав …": a relative clause with its own report.
    const relRep = k >= 2 && /^(which|who|that|яку|який|яке|які|котор\p{L}*|что)$/u.test(ws0[k - 2].lower) && PRONOUNS_RE.test(ws0[k - 1].lower) && /,\s*$/.test(text.slice(Math.max(start, ws0[k - 2].start - 3), ws0[k - 2].start));
    if (relRep && verbAt(w) && !inQuoted(env, w.start)) {
      end = text.lastIndexOf(",", ws0[k - 2].start);
      break;
    }
    const conj = conjAt >= 0 && (between.every((b) => /^(has|have|had|was|also|later|then|не|не|також|также|тоже|ещё|еще|ще|вже|уже)$/.test(b.lower)) || candidatesIn(env, ws0[conjAt].end, w.start).length > 0);
    if ((/,\s*$/.test(before) || conj) && verbAt(w) && !inQuoted(env, w.start)) {
      const after = text.slice(w.end, Math.min(end, w.end + 40));
      if (/^,?\s*(?:что|що|that)(?![\p{L}])/u.test(after) || /^\s+(?:он|она|він|вона|he|she)(?![\p{L}])/u.test(after) || /^\s*,?\s*(?:[–—-])/.test(after) || verbAt(w)!.nominal) {
        end = conj ? ws0[conjAt].start : w.start;
        break;
      }
    }
  }
  // A trailing ", сказав X" is a comma and at most eight words: only the clause's tail can hold it (the regex
  // tries every comma it is given, so a long clause would cost a scan per comma).
  const tailFrom = Math.max(start, end - TRAIL_REACH);
  const m = TRAILING_CUE.exec(text.slice(tailFrom, end));
  if (m) {
    const w = m[1].toLowerCase().replace(/[^\p{L}'-]/gu, "");
    if (SPEECH_VERBS.has(w)) end = tailFrom + m.index;
  }
  const acc = /,\s*(?:according to|за словами|по словам|за даними|по данным)(?![\p{L}])/iu.exec(text.slice(start, end));
  if (acc) end = start + acc.index;
  // The speaker's own next action ("…, но отказался уточнить", "…, однако ни о каких …") is not reported speech.
  const contrast = /,\s+(?:(?:но|але|but)\s+(?:\S+\s+)?[\p{L}-]+(?:л|ла|ли|лся|лась|лися|в|ed)(?=[\s,.])|(?:однако|проте|however)\s)/u.exec(text.slice(start, end));
  if (contrast && contrast.index > 10) end = start + contrast.index;
  const t = trimSpan(text, start, end, " \t\n,.;:–—-");
  return t.end > t.start ? t : null;
}

function overlapShare(a: Span, b: Span): number {
  const o = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return o / Math.min(a.end - a.start, b.end - b.start || 1);
}

interface Split {
  cueStart: number;
  cueEnd: number;
  verb: Word | null;
  cand: Candidate | null;
  gender: Gender | null;
}

/** «A, – каже X. – B»: the attribution inside the quotation, between two dashes. */
function findSplit(env: EngineInput, q: QuotedSpan): Split | null {
  const text = env.text;
  const content = text.slice(q.start, q.end);
  const re = /([,.!?…])\s+[–—-]\s+((?:[^–—«»"]|«[^»]{1,40}»){2,90}?)([.,:])\s+[–—-]\s+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(content)) !== null) {
    const cueS = q.start + m.index + m[1].length + (m[0].length - m[1].length - m[2].length - m[3].length - (m[0].length - m[0].trimEnd().length) - (m[0].slice(m[1].length).length - m[0].slice(m[1].length).trimStart().length) >= 0 ? 0 : 0);
    const cueStart = q.start + m.index + m[0].indexOf(m[2], m[1].length);
    const cueEnd = cueStart + m[2].length;
    void cueS;
    const ws = wordsIn(env, cueStart, cueEnd);
    const v = ws.slice(0, 4).find((w) => verbAt(w));
    if (!v) {
      re.lastIndex = m.index + 1; // the next dash pair may share this one's closing dash
      continue;
    }
    const cand = speakerForVerb(env, v, cueStart, cueEnd, true);
    return {
      cueStart: q.start + m.index + (m[1] === "," ? 0 : 1),
      cueEnd: q.start + m.index + m[0].length,
      verb: v,
      cand,
      gender: verbAt(v)!.gender ?? null,
    };
  }
  return null;
}

export { DASH, CLOSERS, sentenceOf, wordsIn };
