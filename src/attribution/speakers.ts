/**
 * Who speaks: finds the speaker mention next to a speech verb (a name, a role phrase, a pronoun, an
 * organisation, or an anonymous group) and resolves it to an entity.
 *
 *  - name: the entity of the name mention (Кім → Кім Чен Ин through the entities stage's grouping);
 *  - role + name apposition ("міністр оборони Шин Вонсік"): the name, and the role is recorded on the entity;
 *  - role alone ("сказав генерал", "російський лідер"): the latest entity the article gave that role, else the
 *    latest person speaker of compatible gender (news repeat a role to avoid repeating a name);
 *  - pronoun: the latest speaker, then the latest person mentioned, of the verb's/pronoun's gender and number;
 *  - representatives of a named body ("представники Росії", "a spokesman for X"): the body;
 *  - groups and indefinite people ("експерти", "жителі", "a lobbyist"): anonymous, so no speaker.
 */
import type { Entity, EntityType, Mention, ResolvedBy, Span } from "../article.js";
import { guessNominative, nameGender, nameStem } from "../entities/names.js";
import { analyzeWord } from "../morph/index.js";
import { dictionaryLemmas } from "../morph/lemmatizer.js";
import { GROUP_EN, GROUP_STEMS, OUTLET_WORDS, PRONOUNS, ROLE_EN_WORDS, ROLE_STEMS, SOURCE_CUE_FIRST, SPEECH_VERBS, type Gender, type VerbForm } from "./lexicon.js";
import type { Word, WordInfo } from "./text.js";

export type CandKind = "name" | "role" | "pronoun" | "org" | "group" | "body";

export interface Candidate extends Span {
  kind: CandKind;
  text: string;
  /** Entity of a name (or of the apposed name of a role phrase, or the body represented). */
  entity?: string;
  gender?: Gender | null;
  /** Head word of a role phrase, lower case ("лідер", "spokesman"). */
  roleHead?: string;
  /** Role phrase text when a role came with a name. */
  role?: string;
  /** A demonstrative pronoun: the person last named, not the last speaker. */
  demonstrative?: boolean;
  /** Organisation phrase: head stem and nominative name. */
  orgKey?: string;
  orgName?: string;
  /**
   * A name whose mention began with the last words of a title ("Secretary of [State Antony Blinken]"): the
   * start of that mention; the candidate itself is the person's name without them.
   */
  titleFrom?: number;
}

export interface ResolvedSpeaker {
  name: string;
  entity: string | null;
  mention: Mention | null;
  resolvedBy: ResolvedBy;
}

/** Prepositions: a name right after one is not a subject ("з Москвою", "від КНДР", "in Washington"). */
const PREPOSITIONS = new Set(
  `в у на з із зі до від по про для за під над між через при без після перед біля серед щодо проти о об к ко от со во
  из перед около против среди in on at to from by for with of about over under into onto against between among toward`.split(/\s+/),
);

/** Words that may sit between a subject and its verb without breaking the link ("Путін також заявив"). */
const ADVERBS = new Set(
  `також теж ще вже знову потім тоді нещодавно раніше згодом вчора сьогодні неодноразово публічно офіційно прямо
  зокрема навіть лише тільки не так і й та вже ж же також также еще уже снова потом тогда недавно ранее позже вчера
  сегодня неоднократно публично официально прямо в частности даже только не так и also further then later earlier
  yesterday today again previously repeatedly publicly officially has have had was were is are would will also
  however in turn had сам сама самі сами сами only`.split(/\s+/),
);

/**
 * Heads of organisation phrases, by stem, with their nominative: "міністерство оборони …", "у прокуратурі",
 * "в пресс-службе Кремля". Any case form of the head starts such a phrase.
 */
const ORG_HEAD_TABLE: [string, string][] = [
  ["прес-служб", "прес-служба"], ["пресс-служб", "пресс-служба"], ["прокуратур", "прокуратура"], ["відомств", "відомство"],
  ["ведомств", "ведомство"], ["міністерств", "міністерство"], ["министерств", "министерство"], ["уряд", "уряд"],
  ["правительств", "правительство"], ["компані", "компанія"], ["компани", "компания"], ["парті", "партія"], ["парти", "партия"],
  ["служб", "служба"], ["управлінн", "управління"], ["управлени", "управление"], ["адміністраці", "адміністрація"],
  ["администраци", "администрация"], ["мері", "мерія"], ["мэри", "мэрия"], ["штаб", "штаб"], ["посольств", "посольство"],
  ["музе", "музей"], ["видавництв", "видавництво"], ["издательств", "издательство"], ["холдинг", "холдинг"],
  ["міськрад", "міськрада"], ["облрад", "облрада"], ["горсовет", "горсовет"], ["департамент", "департамент"],
  ["комітет", "комітет"], ["комитет", "комитет"], ["міліці", "міліція"], ["милици", "милиция"], ["поліці", "поліція"],
  ["полици", "полиция"], ["командуванн", "командування"], ["командовани", "командование"], ["ministry", "ministry"],
  ["department", "department"], ["government", "government"], ["embassy", "embassy"], ["administration", "administration"],
  ["pentagon", "pentagon"], ["treasury", "treasury"], ["military", "military"], ["army", "army"], ["navy", "navy"], ["палат", "палата"], ["минздрав", "Минздрав"], ["минфин", "Минфин"],
  ["минобороны", "Минобороны"], ["мінфін", "Мінфін"], ["міноборони", "Міноборони"], ["минюст", "Минюст"], ["мін'юст", "Мін'юст"],
];

/** First two letters of every head stem, as a number: most words are told apart without a lookup. */
const ORG_PREFIX = new Set(ORG_HEAD_TABLE.map(([stem]) => stem.charCodeAt(0) * 65536 + stem.charCodeAt(1)));

/** `orgHead` of a word. */
export function orgHeadOf(w: Word): { key: string; nominative: string } | null {
  return wordInfo(w).org;
}

/** Word-class bits of `WordInfo.bits`. */
export const W_PRON = 1; // a subject pronoun a speaker can be (він, она, they, it)
export const W_DEMO = 2; // lower case of a demonstrative that can open a sentence (та, тот, эта)
export const W_ORG = 4; // an organisation head (orgHead)
export const W_GROUP = 8; // an anonymous group word (isGroupWord)
export const W_ROLE = 16; // a role word (isRoleWord)
export const W_PAPER = 32; // "paper", "newspaper", "agency" (English outlets referred to as a role)
export const W_SPEECH = 64; // a speech-verb form as written (SPEECH_VERBS has it)
export const W_ROLE_SINGULAR = 128; // a role word not in a plural form
export const W_CUE = 256; // a word a source cue can begin with (SOURCE_CUE_FIRST)

const SUBJECT_PRONOUNS = new Set(["він", "вона", "вони", "он", "она", "они", "he", "she", "they", "it"]);
const DEMO_LOWER = new Set(["та", "той", "тот", "эта", "этот"]);
const PAPER_WORDS = new Set(["paper", "newspaper", "agency"]);

/**
 * Everything the rules ask about a word's lower-case form, computed once per form and kept on the word: one
 * lookup per word of an article instead of one per question (speech verb, role, group, organisation head…).
 */
/** The record of a word no rule has anything to say about (most words). */
const NO_INFO: WordInfo = Object.freeze({ bits: 0, vf: null, org: null });
/** Records with class bits only, by bits (shared). */
const BY_BITS: WordInfo[] = [];
export function wordInfo(w: Word): WordInfo {
  let r = w.info;
  if (r === undefined) w.info = r = wordInfoOf(w.lower);
  return r;
}

/**
 * Computed straight from the word's letters, not remembered: a probe into a large memo costs a few cache misses,
 * more than the work. Two small tables tell most words apart at once (see `formHit`, `prefixHit`).
 */
function wordInfoOf(l: string): WordInfo {
  const form = formHit(l);
  const prefix = prefixHit(l);
  if (!form && !prefix) return NO_INFO;
  let bits = 0;
  let vf: VerbForm | null = null;
  if (form) {
    if (PRONOUNS.has(l) && SUBJECT_PRONOUNS.has(l)) bits |= W_PRON;
    if (DEMO_LOWER.has(l)) bits |= W_DEMO;
    if (PAPER_WORDS.has(l)) bits |= W_PAPER;
    if (SPEECH_VERBS.has(l)) bits |= W_SPEECH;
    if (SOURCE_CUE_FIRST.has(l)) bits |= W_CUE;
    vf = (l.indexOf("ё") < 0 ? SPEECH_VERBS.get(l) : SPEECH_VERBS.get(l.replace(/ё/g, "е")) ?? SPEECH_VERBS.get(l)) ?? null;
  }
  let org: { key: string; nominative: string } | null = null;
  if (prefix) {
    org = l.length < 4 ? null : orgHeadUncached(l);
    if (org) bits |= W_ORG;
  }
  const c0 = l.charCodeAt(0);
  const cyr = c0 >= 0x400 && c0 <= 0x4ff;
  // (A Cyrillic group word is a plural: its last letter tells most words apart first.)
  if (!(cyr && !GROUP_LAST.has(l.charCodeAt(l.length - 1))) && isGroupWord(l, prefix)) bits |= W_GROUP;
  if (isRoleWordUncached(l, form)) {
    bits |= W_ROLE;
    if (!/(?:и|і|ы|ів|ей|ов)$/u.test(l) && !isEnglishPluralRole(l)) bits |= W_ROLE_SINGULAR;
  }
  if (vf === null && org === null) {
    if (bits === 0) return NO_INFO;
    return (BY_BITS[bits] ??= Object.freeze({ bits, vf: null, org: null }));
  }
  return { bits, vf, org };
}

/**
 * Exact pre-tests: a word is of a class by its whole form (speech verbs, pronouns, English roles and groups,
 * source-cue words: a hash of the form's length and end letters in a bit set, ё read as е as the speech-verb
 * lookup does) or by its stem
 * (roles, groups, organisation heads: a hash of its first three letters in a bit set). A word that hits neither
 * has no class.
 */
let formBits: Uint32Array | null = null;
let prefixBits: Uint32Array | null = null;
let prefix4Bits: Uint32Array | null = null;
/** A hash of a form's length and first and last letters (ё read as е): read in constant time. */
function formHash(l: string): number {
  const n = l.length;
  if (n === 0) return 0;
  const a = l.charCodeAt(0);
  const z = l.charCodeAt(n - 1);
  const h = Math.imul(Math.imul(a === 0x451 ? 0x435 : a, 0x45d9f3b) ^ Math.imul(z === 0x451 ? 0x435 : z, 0x119de1f3) ^ Math.imul(n, 0x2c1b3c6d), 0x9e3779b1);
  return h >>> 16;
}
/** A hash of a word's first three letters, and of its first four (`four`). */
function prefixHash(l: string, four = false): number {
  const h = Math.imul(Math.imul(l.charCodeAt(0), 961) + Math.imul(l.charCodeAt(1), 31) + l.charCodeAt(2) + (four ? Math.imul(l.charCodeAt(3), 0x8001) : 0), 0x9e3779b1);
  return h >>> 16;
}
function buildClassBits(): void {
  const fb = new Uint32Array(2048);
  const addForm = (f: string) => {
    const h = formHash(f);
    fb[h >>> 5] |= 1 << (h & 31);
  };
  for (const f of SPEECH_VERBS.keys()) addForm(f);
  for (const f of [...PRONOUNS.keys(), ...DEMO_LOWER, ...PAPER_WORDS, ...GROUP_EN, ...OUTLET_WORDS, ...SOURCE_CUE_FIRST]) addForm(f);
  // English roles, their plurals (isEnglishPluralRole) included.
  for (const f of ROLE_EN_WORDS) {
    addForm(f);
    addForm(f + "s");
    if (f.endsWith("man")) addForm(f.slice(0, -3) + "men");
  }
  // Role, group and organisation-head stems (three letters or more): their first three letters (three-letter
  // stems), their first four (longer ones).
  const pb = new Uint32Array(2048);
  const pb4 = new Uint32Array(2048);
  for (const stem of [...ROLE_STEMS, ...GROUP_STEMS, ...ORG_HEAD_TABLE.map(([x]) => x)]) {
    if (stem.length < 3) throw new Error(`attribution: stem "${stem}" shorter than three letters`);
    const four = stem.length >= 4;
    const h = prefixHash(stem, four);
    (four ? pb4 : pb)[h >>> 5] |= 1 << (h & 31);
  }
  prefixBits = pb;
  prefix4Bits = pb4;
  formBits = fb;
}
function formHit(l: string): boolean {
  if (formBits === null) buildClassBits();
  const h = formHash(l);
  return (formBits![h >>> 5] & (1 << (h & 31))) !== 0;
}
function prefixHit(l: string): boolean {
  if (prefixBits === null) buildClassBits();
  if (l.length < 3) return false;
  const p = prefixHash(l);
  if ((prefixBits![p >>> 5] & (1 << (p & 31))) !== 0) return true;
  if (l.length < 4) return false;
  const p4 = prefixHash(l, true);
  return (prefix4Bits![p4 >>> 5] & (1 << (p4 & 31))) !== 0;
}


/** The organisation head a word is a form of, or null (remembered per word: every word is asked, often twice). */
const orgMemo = new Map<string, { key: string; nominative: string } | null>();
export function orgHead(lower: string): { key: string; nominative: string } | null {
  if (lower.length < 4 || !ORG_PREFIX.has(lower.charCodeAt(0) * 65536 + lower.charCodeAt(1))) return null;
  let r = orgMemo.get(lower);
  if (r === undefined) {
    r = orgHeadUncached(lower);
    if (orgMemo.size > 50_000) orgMemo.clear();
    orgMemo.set(lower, r);
  }
  return r;
}

function orgHeadUncached(lower: string): { key: string; nominative: string } | null {
  const heads = byPrefix2(ORG_HEADS).get(lower.charCodeAt(0) * 65536 + lower.charCodeAt(1));
  if (!heads) return null;
  for (const h of heads) {
    const stem = h.key;
    if (lower.startsWith(stem) && lower.length - stem.length <= 3 && !(stem === "уряд" && lower.length > 6) && !(stem === "штаб" && lower.length > 6)) return h;
  }
  return null;
}
/** The heads of ORG_HEAD_TABLE in its order (one shared record each). */
const ORG_HEADS = ORG_HEAD_TABLE.map(([key, nominative]) => ({ key, nominative }));

/** Items by the first two letters of their key (or of themselves), in list order; built once per list. */
const prefixIndexes = new Map<unknown[], Map<number, unknown[]>>();
function byPrefix2<T extends string | { key: string }>(list: T[]): Map<number, T[]> {
  let ix = prefixIndexes.get(list) as Map<number, T[]> | undefined;
  if (!ix) {
    ix = new Map();
    for (const x of list) {
      const k = typeof x === "string" ? x : x.key;
      const p = k.charCodeAt(0) * 65536 + k.charCodeAt(1);
      let l = ix.get(p);
      if (!l) ix.set(p, (l = []));
      l.push(x);
    }
    prefixIndexes.set(list, ix as Map<number, unknown[]>);
  }
  return ix;
}


/** Role words that stand for the body they represent when no person is named with them. */
export const REPRESENTATIVE = /^(?:представник|представител|речни|spokes|official|representative)/u;

const ADJ_RE = /(?:ий|ій|ого|ому|им|ім|а|я|ої|ою|ій|і|ых|ый|ой|ая|ое|ые|ого|ому|ым|ую|ской|ский)$/u;

/** Whether a lower-case word is a role word (a role stem's form, or an English role). */
export function isRoleWord(lower: string): boolean {
  return isRoleWordUncached(lower);
}

/** `forms`: false when the word is known to be no form of the English role and outlet word lists. */
function isRoleWordUncached(lower: string, forms = true): boolean {
  if (forms && (ROLE_EN_WORDS.has(lower) || OUTLET_WORDS.has(lower))) return /^[a-z]/.test(lower) ? ROLE_EN_WORDS.has(lower) || ["paper", "newspaper", "agency"].includes(lower) : false;
  const stems = byPrefix2(ROLE_STEMS).get(lower.charCodeAt(0) * 65536 + lower.charCodeAt(1));
  return !!stems && stems.some((s) => lower.startsWith(s) && lower.length - s.length <= (s.length <= 4 ? 2 : 4));
}


/** The role stem a role word belongs to ("генерал-лейтенанта" → "генерал"), so repeated roles match. */
export function roleKey(lower: string): string {
  if (ROLE_EN_WORDS.has(lower)) return lower.replace(/(?:s|men)$/, "");
  let best = "";
  for (const s of ROLE_STEMS) if (lower.startsWith(s) && s.length > best.length) best = s;
  return best || lower;
}

/** An English role noun in the plural ("officials", "spokesmen", "diplomats"). */
function isEnglishPluralRole(lower: string): boolean {
  if (!/^[a-z]+$/.test(lower)) return false;
  return (lower.endsWith("s") && ROLE_EN_WORDS.has(lower.slice(0, -1))) || (lower.endsWith("men") && ROLE_EN_WORDS.has(lower.slice(0, -3) + "man"));
}

/** `stems`: false when the word is known to begin with no group stem (its first three letters begin none). */
export function isGroupWord(lower: string, stems = true): boolean {
  if (GROUP_EN.has(lower)) return true;
  // "officials said", "Ukrainian diplomats say": unnamed people in the plural are anonymous like "experts".
  if (isEnglishPluralRole(lower)) return true;
  if (!stems || !/[а-яіїєё]/.test(lower)) return false;
  // Plural forms only: "експерти", "жителі", "специалисты", "учасники".
  const list = byPrefix2(GROUP_STEMS).get(lower.charCodeAt(0) * 65536 + lower.charCodeAt(1));
  return !!list && list.some((s) => lower.startsWith(s) && lower.length - s.length <= 4) && /(?:и|і|ы|ів|ей|ям|ями|ами|ах|ях|ов)$/u.test(lower);
}

export interface NameRef extends Span {
  entity: string;
  type: EntityType;
}

export interface SpeakerEnv {
  text: string;
  lang: string;
  words: Word[];
  /** Name mentions (from the entities stage), sorted. */
  names: NameRef[];
  entity(id: string): Entity | undefined;
}

function wordIndexAt(ws: Word[], pos: number): number {
  let lo = 0;
  let hi = ws.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ws[mid].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function nameAt(env: SpeakerEnv, pos: number): NameRef | undefined {
  // Binary search over the sorted name mentions.
  const ns = env.names;
  let lo = 0;
  let hi = ns.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ns[mid].end <= pos) lo = mid + 1;
    else if (ns[mid].start > pos) hi = mid - 1;
    else return ns[mid];
  }
  return undefined;
}

/**
 * Speaker candidates between `from` and `to`, in text order. Role phrases swallow the name apposed to them and
 * their complements ("глава МЗС Німеччини Хайко Маас" is one candidate, a name with a role).
 */
/**
 * Which words can begin a candidate (a name, a pronoun, a demonstrative, an organisation head, a group, a role
 * word): decided once per article, so the scans below pass over every other word at the cost of one array read.
 * (candidatesIn is asked about the same sentence for every verb in it.)
 */
// Kept for the article last asked about (articles are read one at a time), in one buffer reused from article to
// article: a new typed array per article costs more in allocation and freeing than the scan itself.
let startsOf: WeakRef<SpeakerEnv> | null = null;
let startsBuf = new Uint8Array(4096);
function candidateStarts(env: SpeakerEnv): Uint8Array {
  const ws = env.words;
  if (startsOf !== null && startsOf.deref() === env) return startsBuf;
  if (startsBuf.length < ws.length) startsBuf = new Uint8Array(Math.max(ws.length, startsBuf.length * 2));
  const cls = startsBuf;
  cls.fill(0, 0, ws.length);
  const startBits = W_PRON | W_ORG | W_GROUP | W_ROLE | (env.lang === "en" ? W_PAPER : 0);
  let ni = 0;
  const ns = env.names;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    while (ni < ns.length && ns[ni].end <= w.start) ni++;
    const nameStart = ni < ns.length && ns[ni].start === w.start;
    const bits = wordInfo(w).bits;
    const demo = (bits & W_DEMO) !== 0 && /^(Та|Той|Тот|Та|Эта|Этот)$/u.test(w.text);
    if (nameStart || demo || (bits & startBits) !== 0) cls[i] = 1;
  }
  startsOf = new WeakRef(env);
  return cls;
}

/** Last letters a Cyrillic group word (a plural) can end in. */
const GROUP_LAST = new Set([..."иіывймх"].map((c) => c.charCodeAt(0)));

export function candidatesIn(env: SpeakerEnv, from: number, to: number): Candidate[] {
  const { text, words: ws } = env;
  const out: Candidate[] = [];
  const starts = candidateStarts(env);
  let i = wordIndexAt(ws, from);
  while (i < ws.length && ws[i].end <= to) {
    if (!starts[i]) {
      i++;
      continue;
    }
    const w = ws[i];
    const prev = ws[i - 1];
    const prev2 = ws[i - 2];
    // After a preposition, also across an English article ("to the administration", "of the Board").
    const afterPrep = prev && text.slice(prev.end, w.start).trim() === "" &&
      (PREPOSITIONS.has(prev.lower) || (/^(the|a|an)$/.test(prev.lower) && !!prev2 && PREPOSITIONS.has(prev2.lower)));
    const nm = nameAt(env, w.start);
    // A title alone that the name finder took for a name ("Secretary" of "Secretary of State Antony Blinken",
    // cut at "of") is read as the role word it is.
    if (nm && nm.start === w.start && !(nm.end === w.end && bareTitle(env, w))) {
      if (!afterPrep) {
        out.push({ kind: "name", start: nm.start, end: nm.end, text: text.slice(nm.start, nm.end), entity: nm.entity, gender: genderAt(env, nm.start, nm.end) });
      } else if (env.lang !== "en" && /^(у|в|во)$/.test(prev.lower)) {
        // "сообщили в Минздраве", "В МВД сообщили": a named organisation, in the locative, next to a plural speech
        // verb speaks (its unnamed staff report for it).
        const e = env.entity(nm.entity);
        const before = ws[i - 2];
        const afterW = ws.slice(i + 1).find((x) => x.start >= nm.end);
        const plVerb = (x: Word | undefined) => !!x && isSpeechLike(x.lower) && /(?:ли|лись|ють|ять|ют|ят|ут|ат)$/u.test(x.lower);
        const nextTo = (plVerb(before) && /^\s+$/.test(text.slice(before!.end, prev.start))) || (plVerb(afterW) && /^\s+$/.test(text.slice(nm.end, afterW!.start)));
        if (e && nextTo && (e.type === "ORG" || e.type === "MISC")) {
          const t = text.slice(nm.start, nm.end);
          if (e.type === "ORG") out.push({ kind: "body", start: nm.start, end: nm.end, text: t, entity: nm.entity, gender: "pl" });
          else out.push({ kind: "org", start: nm.start, end: nm.end, text: t, gender: "n", orgName: orgHead(t.split(/\s+/)[0].toLowerCase()) ? orgName(t) : e.name });
        }
      }
      while (i < ws.length && ws[i].start < nm.end) i++;
      continue;
    }
    const bits = wordInfo(w).bits;
    if (bits & W_PRON) {
      out.push({ kind: "pronoun", start: w.start, end: w.end, text: w.text, gender: PRONOUNS.get(w.lower)! });
      i++;
      continue;
    }
    // A demonstrative opening a sentence ("Та розповіла, що …", "Тот заявил") points to the person just named.
    if ((bits & W_DEMO) !== 0 && /^(Та|Той|Тот|Та|Эта|Этот)$/u.test(w.text) && /(?:^|[.!?…]\s*)$/.test(text.slice(Math.max(0, w.start - 3), w.start).trimEnd() || ".")) {
      out.push({ kind: "pronoun", start: w.start, end: w.end, text: w.text, gender: /^(Та|Эта)$/.test(w.text) ? "f" : "m", demonstrative: true });
      i++;
      continue;
    }
    const head = orgHeadOf(w);
    // "у прокуратурі кажуть", "в пресс-службе уточнили": the body, in the locative, speaks.
    const locative = afterPrep && /^(у|в|во|in|at)$/.test(prev.lower);
    if (afterPrep && !(head && locative)) {
      i++;
      continue;
    }
    if (head) {
      // Organisation phrase: head + genitive words and names up to punctuation ("міністерство оборони Південної Кореї").
      let j = i + 1;
      let end = w.end;
      while (j < ws.length && j <= i + 5 && ws[j].end <= to && /^\s+$/.test(text.slice(ws[j - 1].end, ws[j].start) || "x")) {
        const lw = ws[j].lower;
        const n2 = nameAt(env, ws[j].start);
        if (n2) {
          end = n2.end;
          while (j < ws.length && ws[j].start < n2.end) j++;
          continue;
        }
        if (/[а-яіїєё]/.test(lw) && /(?:и|і|ї|а|я|у|ів|их|ого|ої|ы|ей|ов)$/u.test(lw) && !PREPOSITIONS.has(lw) && lw.length > 3 && !/(?:в|ла|ли|ло|л|ться|ся|ть|ють|ять|ає|ує|ить)$/.test(lw) && !isSpeechLike(lw)) {
          end = ws[j].end;
          j++;
          continue;
        }
        if (/^(?:of|for)$/.test(lw) && ws[j + 1]) {
          j++;
          continue;
        }
        break;
      }
      // "the US military", "the Israeli army": a country's name right before the head names the body with it.
      const prevCand = out[out.length - 1];
      const prevType = prevCand && prevCand.kind === "name" ? env.entity(prevCand.entity ?? "")?.type : undefined;
      if (env.lang === "en" && (prevType === "LOC" || prevType === "ORG") && /^\s+$/.test(text.slice(prevCand.end, w.start))) {
        out.pop();
        const phrase = text.slice(prevCand.start, end);
        out.push({ kind: "org", start: prevCand.start, end, text: phrase, gender: "n", orgKey: head.key, orgName: phrase });
      } else out.push({ kind: "org", start: w.start, end, text: text.slice(w.start, end), gender: "n", orgKey: head.key, orgName: orgName(text.slice(w.start, end)) });
      i = Math.max(j, i + 1);
      continue;
    }
    if ((bits & W_GROUP) !== 0 && (bits & W_ROLE_SINGULAR) === 0) {
      // "Agriculture Department officials said": representatives named by the body before them speak for it.
      const prevCand = out[out.length - 1];
      if (env.lang === "en" && REPRESENTATIVE.test(w.lower) && prevCand && prevCand.kind === "name" && prevCand.entity && /^\s+$/.test(text.slice(prevCand.end, w.start))) {
        const pe = env.entity(prevCand.entity);
        if (pe && pe.type !== "PER" && pe.type !== "LOC") {
          out[out.length - 1] = { kind: "body", start: prevCand.start, end: w.end, text: text.slice(prevCand.start, w.end), entity: prevCand.entity, gender: "pl" };
          i++;
          continue;
        }
      }
      // "представники Росії" → the body; other groups are anonymous.
      const body = REPRESENTATIVE.test(w.lower) ? followingBody(env, i, to) : null;
      if (body) out.push({ kind: "body", start: w.start, end: body.end, text: text.slice(w.start, body.end), entity: body.entity, gender: "pl" });
      else out.push({ kind: "group", start: w.start, end: w.end, text: w.text, gender: "pl" });
      i++;
      continue;
    }
    if ((bits & W_ROLE) !== 0 || (env.lang === "en" && (bits & W_PAPER) !== 0)) {
      // Adjectives before the head belong to the phrase ("російський лідер", "the presidential spokesman").
      let s = i;
      while (s > 0 && ws[s - 1].start >= from && /^\s+$/.test(text.slice(ws[s - 1].end, ws[s].start)) && !nameAt(env, ws[s - 1].start) &&
        ((/[а-яіїєё]/.test(ws[s - 1].lower) && ADJ_RE.test(ws[s - 1].lower) && ws[s - 1].lower.length > 4 && !PREPOSITIONS.has(ws[s - 1].lower) && !PRONOUNS.has(ws[s - 1].lower)) ||
          (env.lang === "en" && /(?:al|an|ian|ial|ive|ior|ary|ic)$/.test(ws[s - 1].lower)))) s--;
      // A name right before the role modifies it ("White House spokesman", "Kremlin spokesman"): not a speaker.
      const prevCand = out[out.length - 1];
      if (prevCand && prevCand.kind === "name" && /^\s+$/.test(text.slice(prevCand.end, ws[s].start)) && env.entity(prevCand.entity ?? "")?.type !== "PER") out.pop();
      // Indefinite English roles ("a lobbyist", "one senior broker") are anonymous, unless they represent a body
      // ("one senior official at USDA's Foreign Agricultural Service").
      const det = ws[s - 1];
      if (env.lang === "en" && det && det.start >= from && /^(a|an|one|another|some)$/.test(det.lower)) {
        const body = REPRESENTATIVE.test(w.lower) ? followingBody(env, i, to) : null;
        if (body) out.push({ kind: "body", start: det.start, end: body.end, text: text.slice(det.start, body.end), entity: body.entity });
        else out.push({ kind: "group", start: det.start, end: w.end, text: text.slice(det.start, w.end) });
        i++;
        continue;
      }
      // Complements and an apposed name: up to 5 words on, no punctuation between.
      let j = i + 1;
      let end = w.end;
      let named: NameRef | undefined;
      let fallbackName: NameRef | undefined;
      while (j < ws.length && j <= i + 12 && ws[j].end <= to) {
        const gap = text.slice(ws[j - 1].end, ws[j].start);
        if (!/^[\s\-«»"“”„]*$/.test(gap)) break;
        // "начальника відділу служби з надзвичайних ситуацій Віталія Поворозника": a preposition inside the
        // complement chain is kept when a genitive-like word follows.
        if (/^(з|із|у|в|при|of|at|for)$/.test(ws[j].lower) && ws[j + 1] && /^\s+$/.test(text.slice(ws[j].end, ws[j + 1].start))) {
          j++;
          continue;
        }
        const n2 = nameAt(env, ws[j].start);
        if (n2) {
          const e = env.entity(n2.entity);
          // The apposed name: a person, or an unknown capitalised name ("дружина Анна", "генерал Хомчак"); a name
          // in quotation marks is the body ("пресс-секретаря \"Яндекса\"").
          const quotedName = /[«"„“]/.test(gap);
          if (e && !quotedName && e.type === "PER") {
            named = n2;
            break;
          }
          // An unknown capitalised word is the apposed name only if it does not look like an adjective
          // ("Харківського міського голови") and no person's name follows in the phrase.
          const nt = text.slice(n2.start, n2.end);
          if (e && !quotedName && !fallbackName && e.type === "MISC" && isPersonish(env, n2) && !/(?:ськ|цьк|зьк|ого|ому|ої|ій|ий|ая|ое|ой|ый|ого|их|ых)$/u.test(nt.toLowerCase())) {
            fallbackName = n2;
          }
          end = n2.end;
          while (j < ws.length && ws[j].start < n2.end) j++;
          continue;
        }
        const lw = ws[j].lower;
        if ((wordInfo(ws[j]).bits & W_ROLE) !== 0 || (/[а-яіїєё]/.test(lw) && /(?:и|і|ї|а|я|у|ів|их|ого|ої|ы|ей|ов|ій|ий|ій|ей|ых|ій|ь)$/u.test(lw) && !PREPOSITIONS.has(lw) && lw.length > 3 && !/(?:в|ла|ли|ло|ть)$/.test(lw) && !isSpeechLike(lw)) ||
          complementNoun(env, ws[j])) {
          end = ws[j].end;
          j++;
          continue;
        }
        break;
      }
      if (!named && fallbackName) {
        named = fallbackName;
        end = Math.min(end, fallbackName.start);
      }
      const roleText = text.slice(ws[s].start, Math.max(ws[s].end, Math.min(end, named ? named.start : end))).trim();
      if (named) {
        // "Secretary of State Antony Blinken": a name run of three or more capitalised words right after "of"/"for"
        // in a title begins with the title's own words; the person is the given name(s) and surname at its end.
        const personFrom = env.lang === "en" && /^(of|for)$/.test(ws[j - 1]?.lower ?? "") ? personStartInTitledName(env, named) : named.start;
        const ps = personFrom;
        out.push({ kind: "name", start: ps, end: named.end, text: text.slice(ps, named.end), entity: named.entity, role: ps > named.start ? text.slice(ws[s].start, named.start).trim() + " " + text.slice(named.start, ps).trim() : roleText, roleHead: roleKey(w.lower), gender: genderAt(env, ps, named.end) ?? roleGender(w.lower), ...(ps > named.start ? { titleFrom: named.start } : {}) });
        while (i < ws.length && ws[i].start < named.end) i++;
        continue;
      }
      const body = REPRESENTATIVE.test(w.lower) ? followingBody(env, i, to) : null;
      if (body) out.push({ kind: "body", start: ws[s].start, end: body.end, text: text.slice(ws[s].start, body.end), entity: body.entity });
      else out.push({ kind: "role", start: ws[s].start, end, text: roleText, roleHead: roleKey(w.lower), gender: roleGender(w.lower) });
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  return out;
}

let speechLike: ((w: string) => boolean) | null = null;
/** Set by the engine: whether a word is a speech verb (a role phrase never extends over one). */
export function setSpeechTest(f: (w: string) => boolean): void {
  speechLike = f;
}
function isSpeechLike(w: string): boolean {
  return speechLike ? speechLike(w) : false;
}


function isPersonish(env: SpeakerEnv, n: NameRef): boolean {
  const t = env.text.slice(n.start, n.end);
  return /^\p{Lu}\p{Ll}/u.test(t) && !/[.]/.test(t);
}

/** A named body right after a representative word ("представники Росії", "spokesman for the Treasury"). */
function followingBody(env: SpeakerEnv, i: number, to: number): NameRef | null {
  const ws = env.words;
  for (let j = i + 1; j < ws.length && j <= i + 6 && ws[j].end <= to; j++) {
    const gap = env.text.slice(ws[j - 1].end, ws[j].start);
    if (!/^[\s\-«"„“]*$/.test(gap) && !/^\s*'s\s*$/.test(gap)) return null;
    const n = nameAt(env, ws[j].start);
    if (n) {
      const e = env.entity(n.entity);
      if (e && e.type !== "PER") return n;
      return null;
    }
  }
  return null;
}

/**
 * A one-word name mention that is an English title word ("Secretary", "President") with no gazetteer entry: the
 * name finder's leftover of a title cut at "of".
 */
function bareTitle(env: SpeakerEnv, w: Word): boolean {
  if (env.lang !== "en" || !/^[A-Z][a-z]+$/.test(w.text) || !ROLE_EN_WORDS.has(w.lower)) return false;
  const n = nameAt(env, w.start);
  const e = n ? env.entity(n.entity) : undefined;
  return !!e && !e.key;
}

/** Where the person's name starts in "[State] Antony (J.) Blinken": the surname, one given name and its initial. */
function personStartInTitledName(env: SpeakerEnv, n: NameRef): number {
  const ws = env.words;
  const inName: Word[] = [];
  for (let k = wordIndexAt(ws, n.start); k < ws.length && ws[k].end <= n.end; k++) inName.push(ws[k]);
  if (inName.length < 3 || !inName.every((x) => /^\p{Lu}/u.test(x.text))) return n.start;
  let k = inName.length - 2; // the given name before the surname
  while (k > 0 && /^\p{Lu}$/u.test(inName[k].text)) k--; // middle initials ("J.")
  if (k > 0 && /^\p{Lu}$/u.test(inName[k - 1].text)) k--; // an initial before the given name
  return k > 0 ? inName[k].start : n.start;
}

/**
 * A lower-case word that continues a role phrase as a dependent noun or adjective ("міністра фінансів", "міністр
 * закордонних справ", "речника Повітряних сил"), by the dictionary: its likeliest reading is a noun or adjective.
 */
const complementMemo = new Map<string, boolean>();
function complementNoun(env: SpeakerEnv, w: Word): boolean {
  if (env.lang !== "uk" && env.lang !== "ru") return false;
  const lw = w.lower;
  if (!/^[а-яіїєґё'’-]{3,}$/.test(lw) || PREPOSITIONS.has(lw) || isSpeechLike(lw) || PRONOUNS.has(lw)) return false;
  const key = env.lang + ":" + lw;
  let r = complementMemo.get(key);
  if (r === undefined) {
    const first = analyzeWord(lw, env.lang)[0];
    r = !!first && (first.pos === "NOUN" || first.pos === "ADJ");
    if (complementMemo.size > 50_000) complementMemo.clear();
    complementMemo.set(key, r);
  }
  return r;
}

/**
 * Gender shown by a personal name as written. A Cyrillic first name in an oblique case ("за словами Сергія
 * Марченка") counts by its dictionary form: "Сергія" is a form of Сергій, not a feminine -я name like Марія.
 */
const genderAtCache = new WeakMap<SpeakerEnv, Map<number, Gender | null>>();
/**
 * `genderOfName` of the name at [start, end) of the article, kept per article by position: candidatesIn meets
 * the same names again for every verb of a sentence.
 */
function genderAt(env: SpeakerEnv, start: number, end: number): Gender | null {
  let byPos = genderAtCache.get(env);
  if (!byPos) genderAtCache.set(env, (byPos = new Map()));
  const key = start * 4096 + Math.min(end - start, 4095);
  let g = byPos.get(key);
  if (g === undefined) {
    g = genderOfName(env.text.slice(start, end), env.lang);
    // (A name longer than the key tells apart is not kept.)
    if (end - start < 4095) byPos.set(key, g);
  }
  return g;
}

function genderOfName(name: string, lang?: string): Gender | null {
  const g = genderOfNameAsIs(name);
  if (g !== "f" || (lang !== "uk" && lang !== "ru")) return g;
  // A woman's patronymic settles it (Теодозія Василівна).
  if (/(?:івна|ївна|овна|евна|ична)(?:\s|$)/.test(name)) return "f";
  const first = /^([А-ЯІЇЄҐЁ][а-яіїєґё'’]+[ая])\s/.exec(name)?.[1];
  if (!first) return g;
  // A surname of a consonant stem with -а is a man's in the genitive ("Александра Новака", "Сергія Марченка"):
  // women's surnames in -а are adjectival (-ова, -іна, -ська: Захарова, Стефанишина).
  const surname = /\s([А-ЯІЇЄҐЁ][а-яіїєґё'’-]+)$/.exec(name)?.[1].toLowerCase() ?? "";
  if (/[бвгґджзклмнпрстфхцчшщ]а$/.test(surname) && !/(?:ов|ев|єв|ів|ин|ін|ын|ськ|цьк|зьк|ск|цк)а$/.test(surname)) return "m";
  const key = lang + ":" + first;
  let lemmaGender = nameGenderMemo.get(key);
  if (lemmaGender === undefined) {
    // Only a name that the dictionary knows solely as a form of a masculine name (lemma in a consonant or -й).
    const lemmas = dictionaryLemmas(first, lang);
    lemmaGender = lemmas.length && !lemmas.includes(first) && lemmas.every((l) => /^[А-ЯІЇЄҐЁ].*[бвгґджзклмнпрстфхцчшщй]$/.test(l)) ? "m" : null;
    if (nameGenderMemo.size > 50_000) nameGenderMemo.clear();
    nameGenderMemo.set(key, lemmaGender);
  }
  return lemmaGender ?? g;
}
const nameGenderMemo = new Map<string, Gender | null>();

function genderOfNameAsIs(name: string): Gender | null {
  const parts = name.split(/\s+/);
  // A Cyrillic first name before a surname tells most: -а/-я feminine (Наталка, Алла), consonant masculine.
  if (parts.length >= 2 && /^[А-ЯІЇЄҐЁ][а-яіїєґё'’]+$/.test(parts[0])) {
    if (/(?:а|я)$/.test(parts[0]) && !/^(Микола|Ілля|Илья|Микита|Никита|Лука|Фома|Кузьма|Сава|Савва)$/.test(parts[0])) return "f";
    if (/[бвгґджзклмнпрстфхцчшщй]$/.test(parts[0])) return "m";
  }
  for (const p of [parts[parts.length - 1], parts[0]]) {
    const g = nameGender(p);
    if (g) return g;
  }
  if (parts.length >= 2 && /[ая]$/.test(parts[0]) && /[а-яіїє]/.test(parts[0])) return "f";
  return null;
}

const roleGenderMemo = new Map<string, Gender | null>();
function roleGender(lower: string): Gender | null {
  let g = roleGenderMemo.get(lower);
  if (g === undefined) {
    g = roleGenderUncached(lower);
    if (roleGenderMemo.size > 50_000) roleGenderMemo.clear();
    roleGenderMemo.set(lower, g);
  }
  return g;
}

function roleGenderUncached(lower: string): Gender | null {
  if (/(?:ка|ки|ця|ці|иня|ині|иса|исы|ица|ицы|ья|woman)$/.test(lower) || /^(дружин|жена|супруга|мати|мать|донька|дочь|вдов|співачк)/.test(lower)) return "f";
  // Most role nouns serve both genders ("канцлер Меркель", "міністр"): no gender unless the form is feminine.
  return null;
}

export function compatible(a: Gender | null | undefined, b: Gender | null | undefined): boolean {
  if (!a || !b) return true;
  return a === b;
}

/** Canonical name text for an organisation phrase ("міністерство оборони Південної Кореї" → capitalised). */
export function orgName(phrase: string): string {
  const first = phrase.split(/\s+/)[0];
  const h = orgHead(first.toLowerCase());
  const head = h ? (first[0] === first[0].toUpperCase() ? h.nominative[0].toUpperCase() + h.nominative.slice(1) : h.nominative) : guessNominative(first);
  return head.charAt(0).toUpperCase() + head.slice(1) + phrase.slice(first.length);
}

export { nameStem };
