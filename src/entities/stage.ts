/**
 * Entities stage: proper-name mentions grouped into entities across inflection and partial names.
 *
 *  - mentions: capitalised runs and abbreviations (./mentions.ts);
 *  - grouping: the same stems (Путін/Путіним, Росії/Росією), and a one-word mention joined to the fuller
 *    person name whose first or last word it is (Кім → Кім Чен Ин, Маас → Хайко Маас), nearest before first;
 *  - canonical name: the nominative form, preferring a form seen in the text (./names.ts);
 *  - type: PER for multi-word personal names, ORG/LOC/MISC by the words in them.
 *
 * The attribution stage adds role and pronoun mentions and the organisations that speak.
 */
import type { Article, Entity, EntityType, Mention } from "../article.js";
import type { Stage } from "../pipeline/types.js";
import { adjectiveNounNominative, findNameMentions, keepCapitals, type NameMention } from "./mentions.js";
import { guessNominative, nameStem } from "./names.js";
import type { GazetteerEntry } from "../gazetteer/index.js";
import { lookupName } from "./lookup.js";
import { analysesOf, dictionaryPos } from "../morph/lemmatizer.js";

const ORG_WORDS =
  /^(?:college|university|board|bank|committee|council|post|times|journal|ministry|department|agency|party|company|corp|corporation|inc|reserve|fund|house|senate|congress|court|office|service|association|union|organization|organisation|exchange|group|news|radio|television|network|institute|commission|authority|bureau|club|church|army|navy|forces|assembly|parliament|government|administration|federation|securities|holdings|airlines|motors|petroleum|oil|trust|partners|capital|international|foundation|center|centre|school|hospital|police|treasury|опера|банк|рада|ради|раді|міністерство|министерство|партія|партия|комітет|комитет|служба|управління|управление|академія|академия|університет|университет|інститут|институт|театр|музей|компанія|компания|агентство|суд|прокуратура|уряд|союз|фонд|центр|асоціація|ассоциация|федерація|федерация|об'єднання|організація|организация|рух|движение)/iu;
const LOC_ABBREV = new Set(["РФ", "США", "КНДР", "ФРН", "ФРГ", "ОАЕ", "ОАЭ", "КНР", "США", "РК", "UK", "US", "USA", "U.S", "U.K", "UAE", "USSR", "СРСР", "СССР"]);
/** Adjectival first word ("Північної Кореї", "Federal …" is handled by ORG_WORDS): a place or body, not a person. */
const ADJ_END = /(?:(?:ськ|цьк|зьк|ск|цк)\p{L}*|ний|ній|ної|ного|ному|ним|чна|жна|шна|ьна|дна|тна|вна|ая|ое|ой|ый|ий|ого|ому|ої)$/u;

export interface EntityIndex {
  entities: Entity[];
  /** Mention start offset → entity id. */
  byStart: Map<number, string>;
}

/**
 * A word of ORG_WORDS: in Latin script the whole word (Times, Holdings; not Newsom, Houston, Banks), in Cyrillic
 * any word it begins but a surname (університету, Центризбирком; not Судак, Банков).
 */
const ORG_WORDS_LONGEST = new RegExp(
  "^(?:" + ORG_WORDS.source.slice(4, -1).split("|").sort((a, b) => b.length - a.length).join("|") + ")",
  "iu",
);
/** First two letters of the ORG_WORDS: most words are passed over without the pattern. */
const ORG_WORDS_START = new Set(ORG_WORDS.source.slice(4, -1).split("|").map((w) => w.slice(0, 2).toLowerCase()));
function orgWord(p: string): boolean {
  if (!ORG_WORDS_START.has(p.slice(0, 2).toLowerCase())) return false;
  const m = ORG_WORDS_LONGEST.exec(p);
  if (!m) return false;
  const rest = p.length - m[0].length;
  // (Plurals of the longer words only: Services, Centers; not Banks, Posts.)
  if (/^[A-Za-z]/.test(p)) return rest === 0 || (rest === 1 && m[0].length >= 6 && /s$/i.test(p));
  return !SURNAME_REST.test(p.slice(m[0].length).toLowerCase());
}
/** What makes a surname of an ORG word's beginning (Судак, Банков, Фондюк); compounds (Центризбирком) stay ORG. */
const SURNAME_REST = /^(?:ак|як|ик|ук|юк|ко|енко|ич|ович|евич|ський|ский|цький|цкий|(?:ов|ев|єв|ёв|ін|ин)\p{L}{0,3})$/u;

/**
 * Head words of bodies, whole words (English) or name stems (uk/ru): "Arab League", "Mayo Clinic", "Державна
 * Дума", "Ліга Націй". (ORG_WORDS matches word beginnings; these are too short or too common for that.)
 */
const ORG_HEADS = new Set(
  `league leagues clinic clinics taliban alliance coalition museum academy brigade brigades battalion regiment society
  laboratory laboratories labs airways railways industries systems technologies media studios magazine tribune herald
  gazette cathedral monastery mosque caucus cabinet prison zoo guard corps command orchestra ensemble research
  ліг лиг клінік клиник альянс коаліці коалици бригад батальйон батальон дум сейм кнесет меджліс меджлис гварді гварди
  церкв церков собор монастир монастыр лавр фронт флот кабмін кабмин оркестр ансамбл міністерств министерств`.split(/\s+/),
);
/** First words of place names: "San Francisco", "West Virginia", "Fort Worth", "Lake Tahoe". */
const LOC_FIRST = new Set(
  `san santa santo são los las fort port lake mount cape new north south east west northern southern eastern western`.split(/\s+/),
);
/** Last words of place names: "Orange County", "Gaza Strip", "Silicon Valley". */
const LOC_LAST = new Set(`county city island islands valley beach bay river mountains province strip peninsula airport street avenue square`.split(/\s+/));

function guessType(m: NameMention, lang: string): EntityType {
  if (m.abbrev) return LOC_ABBREV.has(m.text.replace(/\.$/, "")) ? "LOC" : "ORG";
  const parts = m.parts.map((p) => p.text);
  if (parts.some(orgWord)) return "ORG";
  if (m.parts.some((p, i) => ORG_HEADS.has(/[а-яіїєґё]/.test(p.lower) ? m.stems[i] : p.lower))) return "ORG";
  if (parts.length >= 2 && (LOC_FIRST.has(m.parts[0].lower) || LOC_LAST.has(m.parts[parts.length - 1].lower))) return "LOC";
  if (parts.length >= 2 && parts.length <= 4) {
    // (A first name with an adjective's ending, Юрий, Григорій, is one the dictionary knows only as a name.)
    if (ADJ_END.test(parts[0].toLowerCase()) && /[а-яіїє]/i.test(parts[0]) && !onlyName(parts[0], lang)) return "LOC";
    if (parts.every((p) => /^[\p{Lu}][\p{Ll}'’\-\p{Lu}]*$/u.test(p) || /^\p{Lu}\p{Ll}?\.$/u.test(p) || /^(?:ле|де|фон|ван|van|von|de|da|al|bin|ibn)$/iu.test(p))) return "PER";
  }
  return "MISC";
}

/**
 * A first name with an adjective's ending (Юрий, Анатолій, Євгеній): a capitalised -ий/-ій word the dictionary
 * reads as a proper name only, never as an adjective or noun.
 */
function onlyName(word: string, lang: string): boolean {
  if (!/^\p{Lu}\p{Ll}+(?:ий|ій)$/u.test(word)) return false;
  const pos = dictionaryPos(word, lang);
  return pos.length > 0 && pos.every((p) => p === "PROPN");
}

/**
 * The form of each word that best serves as the nominative: a seen form the dictionary gives as its own lemma
 * (Алла, Шмигаль), else a seen form our ending rules leave unchanged, else the dictionary's or our guess.
 */
function canonicalWord(forms: string[], lang: string): string {
  const counts = new Map<string, number>();
  for (const f of forms) counts.set(f, (counts.get(f) ?? 0) + 1);
  const cyr = lang === "uk" || lang === "ru";
  const lemmaOf = (f: string) => (cyr && /[А-Яа-яІЇЄҐіїєґЁё]/.test(f) ? analysesOf(f, lang).find((a) => a.pos === "PROPN")?.lemma : undefined);
  const score = (f: string) => {
    const l = lemmaOf(f);
    if (l === f) return 2;
    // The dictionary reads a case ending as inflection (Віталія → Віталій); trusted only for oblique-looking
    // endings, since its guesses for unknown names ending in -о (Хайко) are not reliable.
    if (l && l !== f && /(?:[аяуюіїиыеє]|ом|ем|ою|ею|им|ым|ой|ей)$/u.test(f)) return 0;
    return guessNominative(f) === f ? 1 : 0;
  };
  const seen = [...counts.keys()].sort((a, b) => score(b) - score(a) || counts.get(b)! - counts.get(a)! || a.length - b.length);
  const best = seen[0];
  if (score(best) > 0) return best;
  const l = lemmaOf(best);
  return l && /(?:[аяуюіїиыеє]|ом|ем|ою|ею|им|ым|ой|ей)$/u.test(best) ? l : guessNominative(best);
}

/**
 * A surname form that is a masculine oblique case: a consonant stem with an ending only masculine names take
 * (Новаком, Новакові), or with -а/-я/-у/-ю when the text also writes the bare stem (Новака beside Новак; alone,
 * Драшкаба may be a woman's surname in the nominative). Never -ова/-ина/-ська forms (Захарова).
 */
function masculineObliqueSurname(w: string, seen: ReadonlySet<string>): boolean {
  const low = w.toLowerCase();
  if (!/[а-яіїєґё]/.test(low)) return false;
  if (/(?:ов|ев|єв|ёв|ин|ін|ын|ськ|цьк|зьк|ск|цк)[аяуюіиы]$/.test(low)) return false;
  const nom = guessNominative(w);
  if (nom === w) return false;
  if (/[бвгґджзклмнпрстфхцчшщ](?:ом|ем|ым|ові|еві)$/.test(low)) return true;
  return /[бвгґджзклмнпрстфхцчшщ][аяую]$/.test(low) && seen.has(nom);
}

const UK_CONSONANT_I = /[бвгґджзклмнпрстфхцчшщ]і$/;
const UK_PATRONYMIC_I = /(?:івн|ївн)і$/;

/**
 * The nominative of a body's or place's name (uk/ru, not a person) read with the dictionary: one common noun
 * (Міністерства → Міністерство, not the stem Міністерств), or an adjective and a noun (Верховного Суду →
 * Верховний Суд). Null when the dictionary does not read it so.
 */
function bodyName(full: string[][], width: number, type: EntityType, lang: string): string | null {
  if (type === "PER" || (lang !== "uk" && lang !== "ru")) return null;
  if (width === 2) return adjectiveNounNominative(full[0][0], full[0][1], lang);
  if (width !== 1) return null;
  const f = full[0][0];
  if (f.length < 4 || f === f.toUpperCase()) return null;
  const as = analysesOf(f, lang);
  if (!as.length || as.some((a) => a.pos !== "NOUN")) return null;
  const l = as[0].lemma.toLowerCase();
  if (l.slice(0, 3) !== f.slice(0, 3).toLowerCase()) return null;
  return keepCapitals(l, f);
}

/** Masculine first names that end in -а/-я. */
const MALE_A = /^(микола|ілля|илья|микита|никита|лука|фома|кузьма|сава|савва|данила|гаврила|фока)$/i;

/**
 * The canonical name of a group, word by word. A person whose first name is feminine (-а/-я: Лілія, Алла)
 * keeps the feminine surname (Шевцова, not Шевцов).
 */
function personName(full: string[][], width: number, type: EntityType, lang: string, seen: ReadonlySet<string>): string {
  const words: string[] = [];
  let female = false;
  // A surname in a masculine oblique case (Новаком; Новака where the text also writes Новак) puts the first name
  // in that case too: Александра Новака is Александр Новак, though Александра is also a woman's name.
  const maleOblique = type === "PER" && width > 1 && full.some((p) => masculineObliqueSurname(p[p.length - 1], seen));
  for (let i = 0; i < width; i++) {
    const forms = full.map((p) => p[i]);
    if (i > 0 && female && type === "PER") {
      // (A patronymic in -івні/-ївні is the dative or locative of -івна: Василівні → Василівна.)
      const fem =
        forms.find((f) => guessNominative(f, "f") === f && /[ая]$/.test(f)) ??
        forms.find((f) => guessNominative(f, "f") === f && /і$/.test(f) && !UK_CONSONANT_I.test(f)) ??
        (UK_PATRONYMIC_I.test(forms[0]) ? forms[0].slice(0, -1) + "а" : guessNominative(forms[0], "f"));
      words.push(fem);
      continue;
    }
    let w = canonicalWord(forms, lang);
    // A first name seen only in -ии/-ії (Юлии, Юлії): the dictionary reads it as a man's name in the locative or a
    // woman's in the genitive, dative or locative; the woman's reading is the likelier one.
    if (i === 0 && width > 1 && type === "PER" && !maleOblique && forms.every((f) => /(?:ии|ії)$/.test(f))) {
      const fem = analysesOf(forms[0], lang).find((a) => a.pos === "PROPN" && /(?:ия|ія)$/.test(a.lemma));
      if (fem) w = fem.lemma;
    }
    if (i === 0 && maleOblique && /[ая]$/.test(w)) {
      const male = analysesOf(w, lang).find((a) => a.pos === "PROPN" && a.lemma !== w && !/[ая]$/.test(a.lemma) && nameStem(a.lemma) === nameStem(w));
      if (male) w = male.lemma;
    }
    words.push(w);
    if (i === 0 && width > 1 && /[а-яіїє][ая]$/.test(w) && !MALE_A.test(w)) female = true;
  }
  return words.join(" ");
}

/**
 * A body's name in quotation marks after the word for what it is (партії «Батьківщина», компании «Газпром»,
 * газета «Известия»): in uk/ru such a name stays in the nominative whatever the case of the word before it, so
 * the written form is the name.
 */
const BODY_NOUN =
  /^(?:парті|парти|компані|компани|газет|агентств|видання|издани|телеканал|канал|концерн|холдинг|банк|фонд|об['’ʼ]?єднанн|объединени|рух|движени|блок|фракці|фракци|організаці|организаци|груп|корпораці|корпораци|завод|клуб|команд|журнал|радіо|радио|союз|асоціаці|ассоциаци|видавництв|издательств|театр|музей)\p{L}{0,3}$/u;
/** « „ “ " before the name, » “ ” " after it. */
const isOpenQuote = (c: number) => c === 0xab || c === 0x201e || c === 0x201c || c === 34;
const isCloseQuote = (c: number) => c === 0xbb || c === 0x201c || c === 0x201d || c === 34;
function quotedName(text: string, mentions: NameMention[]): string | null {
  for (const m of mentions) {
    if (!isOpenQuote(text.charCodeAt(m.start - 1)) || !isCloseQuote(text.charCodeAt(m.end))) continue;
    const before = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, m.start - 40), m.start - 1));
    if (before && BODY_NOUN.test(before[1]) && before[1] === before[1].toLowerCase()) return m.text;
  }
  return null;
}

export function buildEntities(text: string, lang = "uk"): EntityIndex {
  const mentions = findNameMentions(text, lang);
  interface Group {
    key: string;
    parts: string[][];
    mentions: NameMention[];
    type: EntityType;
    last: number;
  }
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const assign = new Map<NameMention, Group>();
  // Pass 1: multi-word names and abbreviations form groups by their stems.
  for (const m of mentions) {
    if (m.parts.length < 2 && !m.abbrev) continue;
    // (An adjective-and-noun body is keyed by its nominative: its words' case endings vary more than a name's.)
    const key = m.nominative ? m.nominative.toLowerCase() : m.stems.join(" ");
    let g = byKey.get(key);
    if (!g) {
      g = { key, parts: [], mentions: [], type: m.type ?? guessType(m, lang), last: m.start };
      byKey.set(key, g);
      groups.push(g);
    }
    g.mentions.push(m);
    g.parts.push(m.parts.map((p) => p.text));
    assign.set(m, g);
  }
  // Pass 2: one-word names join a multi-word person name by its first or last word (nearest before), or a
  // group of their own stem.
  // Person groups by their first and last stems (all person groups exist after pass 1: a one-word group is never
  // typed PER), so each one-word mention finds its candidates without a scan over every group.
  const personsByEdge = new Map<string, Group[]>();
  for (const g of groups) {
    if (g.type !== "PER") continue;
    const ks = g.key.split(" ");
    for (const k of new Set([ks[0], ks[ks.length - 1]])) {
      const list = personsByEdge.get(k);
      if (list) list.push(g);
      else personsByEdge.set(k, [g]);
    }
  }
  for (const m of mentions) {
    if (assign.has(m)) continue;
    const stem = m.stems[0];
    const persons = personsByEdge.get(stem) ?? [];
    let g: Group | undefined;
    if (persons.length) {
      const before = persons.filter((p) => p.mentions[0].start < m.start);
      g = (before.length ? before : persons).sort((a, b) => b.mentions[0].start - a.mentions[0].start)[0];
      // Surname first: a match on the last word wins over a first-word match.
      const bySurname = (before.length ? before : persons).filter((p) => p.key.split(" ").at(-1) === stem);
      if (bySurname.length) g = bySurname[bySurname.length - 1];
    } else {
      g = byKey.get(stem);
      // Name stems keep -ів/-ов/-ев (surnames); a capitalised plural (Локоматів after Локомат) joins the name
      // seen before without it.
      if (!g && stem.length >= 5 && /(?:ів|ов|ев)$/.test(stem)) {
        const sg = byKey.get(stem.slice(0, -2));
        if (sg && sg.type !== "PER") g = sg;
      }
      if (!g) {
        g = { key: stem, parts: [], mentions: [], type: guessType(m, lang), last: m.start };
        byKey.set(stem, g);
        groups.push(g);
      }
      g.parts.push([m.parts[0].text]);
    }
    g.mentions.push(m);
    assign.set(m, g);
  }

  // Gazetteer: known places, bodies, outlets and leaders get their canonical name, type and key, and groups that
  // name the same thing (Росії, РФ; Кім, Кім Чен Ин) become one.
  const gaz = new Map<Group, GazetteerEntry>();
  const byGaz = new Map<string, Group>();
  const merged: Group[] = [];
  const gl = lang === "ru" || lang === "en" ? lang : "uk";
  for (const g of groups.sort((a, b) => a.mentions[0].start - b.mentions[0].start)) {
    const surfaces = [...new Set(g.mentions.map((m) => m.text))].sort((a, b) => b.length - a.length).slice(0, 3);
    let hit: GazetteerEntry | null = null;
    for (const sf of surfaces) if ((hit = lookupName(sf, gl))) break;
    if (hit) {
      const into = byGaz.get(hit.id);
      if (into) {
        into.mentions.push(...g.mentions);
        into.parts.push(...g.parts);
        continue;
      }
      byGaz.set(hit.id, g);
      gaz.set(g, hit);
    }
    merged.push(g);
  }

  const entities: Entity[] = [];
  const byStart = new Map<number, string>();
  let n = 0;
  for (const g of merged) {
    const id = `e${++n}`;
    const width = Math.max(...g.parts.map((p) => p.length));
    const full = g.parts.filter((p) => p.length === width);
    const hit = gaz.get(g);
    const seen = new Set<string>();
    if (!hit && g.type === "PER") for (const m of g.mentions) for (const p of m.parts) seen.add(p.text);
    const nominative = hit ? undefined : g.mentions.find((m) => m.nominative)?.nominative;
    const quoted = hit || nominative ? null : quotedName(text, g.mentions);
    const name = hit
      ? hit.canonical[gl] || hit.canonical.en
      : (nominative ?? quoted ?? bodyName(full, width, g.type, gl) ?? personName(full, width, g.type, gl, seen));
    if (hit) g.type = hit.type;
    else if (quoted) g.type = "ORG";
    const ms: Mention[] = g.mentions
      .sort((a, b) => a.start - b.start)
      .map((m) => ({ start: m.start, end: m.end, text: m.text, via: m.parts.length === width ? "name" : "alias" }));
    const aliases = new Set<string>();
    for (const m of ms) if (m.text !== name) aliases.add(m.text);
    if (g.type === "PER" && width > 1) {
      const surname = name.split(" ").at(-1)!;
      aliases.add(surname);
    }
    if (hit) {
      for (const a of [hit.canonical.uk, hit.canonical.ru, hit.canonical.en, ...hit.aliases.slice(0, 8)]) if (a && a !== name) aliases.add(a);
    }
    const e: Entity = { id, name, type: g.type, aliases: [...aliases], mentions: ms, ...(hit ? { key: hit.id } : {}) };
    entities.push(e);
    for (const m of ms) byStart.set(m.start, id);
  }
  return { entities, byStart };
}

export const entitiesStage: Stage = {
  name: "entities",
  run(doc: Article) {
    // Reads only `doc.text`: pieces the cleaner removed (teasers, ads) never yield entities.
    return { entities: buildEntities(doc.text, doc.lang).entities };
  },
};
