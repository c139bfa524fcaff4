/**
 * NER stage (optional, `analyze(input, { ner: true })`): the trained Ukrainian recogniser (./index.ts) adds
 * the names the rules of the entities stage missed, fixes the boundaries of names they cut short or ran
 * together, and types names the rules could not type. Only `uk` text: the model is Ukrainian; ru/en
 * Articles come out exactly as without the option.
 *
 * Place in the pipeline: after the entities stage, before attribution. Attribution reads `doc.entities` once,
 * at its start: every name mention (`via` "name"/"alias") of an entity becomes a candidate speaker or source,
 * typed by its entity (only PER speaks as a person; ORG/MISC speak as bodies). Entities added or retyped here
 * therefore become speakers and sources ("Національний банк України повідомив …" is a body with its whole
 * name, not the fragment "Національний"), and the role and pronoun mentions attribution adds attach to them.
 * Run after attribution, the model's names would only be listed, never used by quotes and sources.
 *
 * Merging, per name mention of the rules (PER/ORG/LOC/MISC spans of the model only; DATE, MON, PCT … are
 * the facts stage's business; JOB is handled last):
 *  - the model gives the same span: the mention stays in its entity and the model's type is a vote for it;
 *  - the model's spans cover every word of the mention and do not just repeat it (one longer span:
 *    "Міжнародного" of "Міжнародного кримінального суду"; or several: "Нацбанку Андрій Пишний" is
 *    "Нацбанку" + "Андрій Пишний"): the mention is replaced by the model's spans. A name inside a longer
 *    organisation or place name, not at its start ("України" in "Кабінету Міністрів України"), stays as a
 *    nested mention of its own entity, unless it is the quoted name the span adds a kind to (ТОВ «Енергоатом»);
 *  - otherwise (the model sees no name there, or a shorter or crossing one) the rules' mention stays and
 *    the model's overlapping spans are dropped.
 * Spans of the model that overlap no mention left standing are new mentions. Each joins the entity that
 * already has a name or mention of the same name key (stems of the nominative: "Національним банком
 * України" and "Національний банк України"), the one the gazetteer names the same, or, for a one-word PER
 * span, the person whose first or last name it is; otherwise it starts an entity whose canonical name is the
 * nominative (src/morph/nominative.ts) of its fullest mention, a form seen in the nominative first.
 *
 * Types. The recogniser returns tags, not scores, so its confidence is read from agreement over the mentions
 * of one entity: an entity typed by the gazetteer keeps its type; any other entity of the rules (typed by
 * word lists and the shape of the name: a guess) takes the model's type when the model gives that one type
 * to more than half of its mentions and no other type to any; not PER for a one-word name in Latin script.
 * A new entity takes the type most of its mentions got. (Judged on NER-UK DEV documents held out from a
 * model trained on the rest: PER/ORG/LOC mention F1 of the merge 74.9 when only MISC entities took the
 * model's type, 80.9 so, 82.6 with quoted names; the model alone 83.8, the rules alone 48.2:
 * scripts/bench-ner-stage.ts --quality --held-out.)
 *
 * JOB spans are role phrases: one right before a person's name, with only an organisation or place name
 * between ("міністр охорони здоров'я Віктор Ляшко", "голова Нацбанку Андрій Пишний"), is added to that
 * person's `roles`, in the nominative ("заступника генпрокурора" → "заступник генпрокурора"). Other JOB spans
 * are not kept (the Article has no entity type for roles).
 */
import type { Article, Entity, EntityType, Mention, Span, Token } from "../article.js";
import type { AnalysisContext, Stage } from "../pipeline/types.js";
import { lookupName } from "../entities/lookup.js";
import { nameKey, nameStem } from "../entities/names.js";
import { nominative } from "../morph/nominative.js";
import { recognize, type NerEntity } from "./index.js";

const NAME_TYPES: ReadonlySet<string> = new Set(["PER", "ORG", "LOC", "MISC"]);

interface RuleMention extends Mention {
  entity: Entity;
}

/** A mention to group: a span of the model, or a short form of a dissolved entity of the rules. */
interface Item extends Span {
  text: string;
  type: EntityType;
  /** A span of the model: its type is a vote. */
  vote: boolean;
}

interface Work {
  entity: Entity;
  /** Model types of this entity's mentions that the model tagged (the same span, or a span that joined it). */
  votes: EntityType[];
  /** Started here from the model's spans (not one of the rules' entities). */
  fresh: boolean;
}

/** The word spans of `text[start, end)`: letters and digits with inner apostrophes and hyphens. */
function wordsIn(text: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const re = /[\p{L}\p{N}]+(?:['’ʼ`\-‑][\p{L}\p{N}]+)*/gu;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < end) out.push({ start: m.index, end: Math.min(end, m.index + m[0].length) });
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
const spanKey = (s: Span) => `${s.start}:${s.end}`;
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * Merges the recogniser's entities (`ner`, spans of `text` in text order) into the rules' entities. Returns a
 * new list (the input entities are not changed), ids renumbered e1, e2 … in order of first mention.
 */
export function mergeNer(text: string, entities: readonly Entity[], ner: readonly NerEntity[], doc: MergeContext = {}): Entity[] {
  // A name has a capital or a digit somewhere ("вул. Хлібна, 24", "міністерство оборони ДНР"): a span all in
  // lower case is a common-noun phrase ("російського кордону"); and a name never runs across a sentence end.
  const names = ner
    .filter((n) => NAME_TYPES.has(n.type))
    .map((n) => balanceQuotes(text, n))
    .filter((n): n is NerEntity => !!n && /[\p{Lu}\p{N}]/u.test(n.text) && !crossesSentence(n.text));
  const common = commonWordAtStart(text, doc);
  const jobs = ner.filter((n) => n.type === "JOB");
  const work: Work[] = entities.map((e) => ({
    entity: { ...e, aliases: [...e.aliases], mentions: [...e.mentions], ...(e.roles ? { roles: [...e.roles] } : {}) },
    votes: [],
    fresh: false,
  }));
  const workOf = new Map<Entity, Work>(work.map((w) => [w.entity, w]));
  const rule: RuleMention[] = [];
  for (const w of work) for (const m of w.entity.mentions) if (m.via === "name" || m.via === "alias" || !m.via) rule.push({ ...m, entity: w.entity });
  rule.sort((a, b) => a.start - b.start || b.end - a.end);

  // Model spans overlapping each rule mention (both lists sorted; spans of the model never overlap each other).
  const over = new Map<RuleMention, NerEntity[]>();
  const overOf = new Map<NerEntity, RuleMention[]>();
  {
    let k = 0;
    for (const m of rule) {
      while (k < names.length && names[k].end <= m.start) k++;
      const s: NerEntity[] = [];
      for (let j = k; j < names.length && names[j].start < m.end; j++) if (overlaps(names[j], m)) s.push(names[j]);
      over.set(m, s);
      for (const n of s) {
        const l = overOf.get(n);
        if (l) l.push(m);
        else overOf.set(n, [m]);
      }
    }
  }
  /**
   * A mention inside a longer organisation or place span, past its start: a nested name that stays ("України"
   * in "Кабінету Міністрів України"); not the name in quotation marks that the span only adds a kind to
   * (ТОВ «Енергоатом»), which is the span's own name.
   */
  const nested = (m: Span, n: NerEntity) =>
    n.type !== "PER" && m.start > n.start && m.end <= n.end && !(/[«"“„]$/u.test(text.slice(n.start, m.start)) && /^[»"”“]/u.test(text.slice(m.end, n.end)));
  const replaced = new Set<RuleMention>();
  for (const m of rule) {
    const s = over.get(m)!;
    if (!s.length || (s.length === 1 && (same(s[0], m) || nested(m, s[0])))) continue;
    if (wordsIn(text, m.start, m.end).every((w) => s.some((n) => n.start <= w.start && w.end <= n.end))) replaced.add(m);
  }
  // A model span may stand only where every rule mention it touches is replaced, the same span, or nested in
  // it; a replaced mention whose spans cannot all stand is kept after all (and the mentions its spans touch are looked at again).
  const stands = (n: NerEntity) => (overOf.get(n) ?? []).every((m) => replaced.has(m) || same(m, n) || nested(m, n));
  const recheck = [...replaced];
  while (recheck.length) {
    const m = recheck.pop()!;
    if (!replaced.has(m) || over.get(m)!.every(stands)) continue;
    replaced.delete(m);
    // Spans over m may no longer stand: the replaced mentions they touch are looked at again.
    for (const n of over.get(m)!) for (const m2 of overOf.get(n) ?? []) if (replaced.has(m2)) recheck.push(m2);
  }

  // Replaced mentions leave their entities. An entity left with short forms only ("Пишний" of a run
  // "Нацбанку Андрій Пишний" that the model split) is dissolved: its mentions are grouped anew below, like
  // the model's spans, but without a vote on the type.
  const orphans: Item[] = [];
  const losers = new Set<Entity>();
  const gone = new Set<string>();
  for (const m of replaced) {
    losers.add(m.entity);
    gone.add(spanKey(m));
  }
  for (const e of losers) {
    const texts = new Set(e.mentions.filter((x) => gone.has(spanKey(x))).map((x) => x.text));
    e.mentions = e.mentions.filter((x) => !gone.has(spanKey(x)));
    for (const x of e.mentions) texts.delete(x.text);
    if (texts.size) e.aliases = e.aliases.filter((a) => !texts.has(a));
  }
  for (const e of losers) {
    if (!e.mentions.length || e.mentions.some((m) => m.via === "name")) continue;
    for (const m of e.mentions) if (m.via === "alias") orphans.push({ start: m.start, end: m.end, text: m.text, type: e.type, vote: false });
    e.mentions = e.mentions.filter((m) => m.via !== "alias");
  }

  // Name keys → entities, for grouping the new mentions.
  const byKey = new Map<string, Work>();
  const byGaz = new Map<string, Work>();
  const index = (w: Work, s: string) => {
    const k = nameKey(s);
    if (k && !byKey.has(k)) byKey.set(k, w);
  };
  for (const w of work) {
    if (!w.entity.mentions.length) continue;
    index(w, w.entity.name);
    for (const a of w.entity.aliases) index(w, a);
    for (const m of w.entity.mentions) if (m.via !== "role" && m.via !== "pronoun") index(w, m.text);
    if (w.entity.key && !byGaz.has(w.entity.key)) byGaz.set(w.entity.key, w);
  }
  const fresh: Work[] = [];
  const persons = new Persons();
  for (const w of work) if (w.entity.mentions.length) persons.add(w);
  let tmp = 0;
  const noms = new Map<string, string>();
  const nomOf = (t: string) => {
    let r = noms.get(t);
    if (r === undefined) noms.set(t, (r = nominative(t, "uk")));
    return r;
  };
  const items: Item[] = [];
  const orphanAt = new Set(orphans.map(spanKey));
  for (const n of names) {
    if (!stands(n)) continue;
    // What the rules did not take for a name at all, at a sentence start, in words the morphology reads as
    // common ("Сьогодні", "Командира"), is the capital of the sentence, not of a name.
    if (!overOf.has(n) && common(n)) continue;
    const exact = (overOf.get(n) ?? []).find((m) => same(m, n) && !replaced.has(m));
    if (exact && !orphanAt.has(spanKey(n))) workOf.get(exact.entity)!.votes.push(n.type as EntityType);
    else items.push({ start: n.start, end: n.end, text: n.text, type: n.type as EntityType, vote: true });
  }
  const itemAt = new Set(items.map(spanKey));
  for (const o of orphans) if (!itemAt.has(spanKey(o))) items.push(o);
  items.sort((a, b) => a.start - b.start);
  for (const n of items) {
    // (The cheap look-ups first: the nominative is worked out only for a name not met in another form.)
    const gaz = lookupName(n.text, "uk");
    // A kind and a quoted name (ТОВ «Енергоатом», компанія «Київстар») is the entity of that name when known.
    const quoted = /^[^«"“„]*[«"“„]([^«»"“”„]+)[»"”“]$/u.exec(n.text)?.[1];
    let w = (gaz && byGaz.get(gaz.id)) || byKey.get(nameKey(n.text)) || (quoted ? byKey.get(nameKey(quoted)) : undefined);
    const nom = w ? null : nomOf(n.text);
    if (nom !== null) w = byKey.get(nameKey(nom));
    if (!w && n.type === "PER" && wordCount(n.text) === 1) w = persons.find(n);
    if (!w) {
      const e: Entity = { id: `n${++tmp}`, name: nom ?? n.text, type: n.type, aliases: [], mentions: [] };
      if (gaz) {
        e.name = gaz.canonical.uk || gaz.canonical.en || e.name;
        e.type = gaz.type;
        e.key = gaz.id;
        byGaz.set(gaz.id, (w = { entity: e, votes: [], fresh: true }));
      } else w = { entity: e, votes: [], fresh: true };
      fresh.push(w);
      work.push(w);
      persons.add(w);
    }
    const via = w.fresh || wordCount(n.text) >= wordCount(w.entity.name) ? "name" : "alias";
    w.entity.mentions.push({ start: n.start, end: n.end, text: n.text, via });
    if (n.vote) w.votes.push(n.type);
    index(w, n.text);
    if (nom !== null) index(w, nom);
  }

  for (const w of fresh) finishFresh(w, nomOf);
  for (const w of work) if (!w.fresh) retype(w);
  const out = work.map((w) => w.entity).filter((e) => e.mentions.length > 0);
  for (const e of out) e.mentions.sort((a, b) => a.start - b.start);
  out.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  out.forEach((e, i) => (e.id = `e${i + 1}`));
  addRoles(text, out, jobs, names);
  return out;
}

/** What the merge may read of the Article besides its text: the morph stage's tokens and the sentences. */
export interface MergeContext {
  tokens?: readonly Token[];
  sentences?: readonly Span[];
}

/**
 * A span with its quotation marks paired: an opening « left open takes the » right after the span
 * (ПАТ «Житомирський маслозавод» ), or else the span ends before it; a closing » never opened is cut off.
 * Null when nothing is left.
 */
function balanceQuotes(text: string, n: NerEntity): NerEntity | null {
  let { start, end } = n;
  let depth = 0;
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === "«") {
      if (depth++ === 0) open = i;
    } else if (c === "»") {
      if (depth === 0) {
        // A closing mark with no opening one: the span ends before it.
        end = i;
        break;
      }
      depth--;
    }
  }
  // «…«…» often closes both quotations with one mark.
  while (depth > 0 && text[end] === "»") {
    end++;
    depth--;
  }
  if (depth > 0 && text[end - 1] !== "»") end = open;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  if (end <= start) return null;
  return end === n.end ? n : { ...n, end, text: text.slice(start, end) };
}

/** True for a span that contains a sentence end: ". " before a capital, not after an initial or "ім.", "м.", "вул.". */
function crossesSentence(s: string): boolean {
  const re = /([\p{L}\p{N}]*)([.!?…]+)["»”]?\s+(?=\p{Lu})/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const w = m[1];
    if (m[2] === "." && (/^\p{Lu}$/u.test(w) || /^\p{Ll}{1,4}$/u.test(w))) continue;
    return true;
  }
  return false;
}

/**
 * A test for spans that start a sentence and whose words the morph stage tagged, none of them as a proper noun.
 * Without tokens (or their tags) nothing is taken for common.
 */
function commonWordAtStart(text: string, doc: MergeContext): (n: Span) => boolean {
  const tokens = doc.tokens;
  if (!tokens?.length || !tokens.some((t) => t.pos)) return () => false;
  const starts = new Set<number>();
  let k = 0;
  for (const s of doc.sentences ?? []) {
    while (k < tokens.length && tokens[k].start < s.start) k++;
    while (k < tokens.length && tokens[k].start < s.end && !/[\p{L}\p{N}]/u.test(tokens[k].text)) k++;
    if (k < tokens.length && tokens[k].start < s.end) starts.add(tokens[k].start);
  }
  const at = (pos: number) => {
    let lo = 0;
    let hi = tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // The sentence stage keeps a quotation in one sentence; a full stop before the span starts one too.
  const afterStop = (pos: number) => {
    let i = pos - 1;
    while (i >= 0 && /[\s«"„“(—–-]/u.test(text[i])) i--;
    return i < 0 || /[.!?…\n]/u.test(text[i]);
  };
  return (n) => {
    if (!starts.has(n.start) && !afterStop(n.start)) return false;
    for (let i = at(n.start); i < tokens.length && tokens[i].start < n.end; i++) {
      const t = tokens[i];
      if (!/\p{L}/u.test(t.text)) continue;
      if (!t.pos || t.pos === "PROPN" || t.pos === "X") return false;
    }
    return true;
  };
}

/**
 * People by the stems of the first and last words of their names, for a one-word PER span: the person named last
 * before it (by first mention), else the first one.
 */
class Persons {
  private byEdge = new Map<string, Work[]>();
  add(w: Work): void {
    const parts = w.entity.name.split(" ");
    if (w.entity.type !== "PER" || parts.length < 2) return;
    for (const k of new Set([nameStem(parts[0]), nameStem(parts[parts.length - 1])])) {
      const l = this.byEdge.get(k);
      if (!l) this.byEdge.set(k, [w]);
      else if (!l.includes(w)) l.push(w);
    }
  }
  find(n: Span & { text: string }): Work | undefined {
    let best: Work | undefined;
    let bestAt = -1;
    for (const w of this.byEdge.get(nameStem(n.text)) ?? []) {
      const e = w.entity;
      if (e.type !== "PER" || !e.mentions.length) continue;
      const first = e.mentions[0].start;
      const at = first < n.start ? first : -1;
      if (!best || at > bestAt) {
        best = w;
        bestAt = at;
      }
    }
    return best;
  }
}

/** Canonical name, type, aliases and mention kinds of an entity made of the model's spans. */
function finishFresh(w: Work, nomOf: (text: string) => string): void {
  const e = w.entity;
  const width = Math.max(...e.mentions.map((m) => wordCount(m.text)));
  if (!e.key) {
    // The fullest mention seen in the nominative names the entity; else the nominative of the first fullest one.
    const full = e.mentions.filter((m) => wordCount(m.text) === width);
    const seenNom = full.find((m) => nomOf(m.text) === m.text);
    e.name = seenNom ? seenNom.text : nomOf(full[0].text);
    e.type = majority(w.votes) ?? e.type;
  }
  for (const m of e.mentions) m.via = wordCount(m.text) === width ? "name" : "alias";
  const aliases = new Set<string>();
  for (const m of e.mentions) if (m.text !== e.name) aliases.add(m.text);
  if (e.type === "PER" && width > 1) aliases.add(e.name.split(" ").at(-1)!);
  e.aliases = [...aliases];
}

/** The most frequent type (the first seen on a tie), or null for none. */
function majority(votes: EntityType[]): EntityType | null {
  const counts = new Map<EntityType, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: EntityType | null = null;
  for (const [t, c] of counts) if (best === null || c > counts.get(best)!) best = t;
  return best;
}

/** The type correction of a rules' entity (see the module comment), and aliases for the mentions it gained. */
function retype(w: Work): void {
  const e = w.entity;
  const aliases = new Set(e.aliases);
  for (const m of e.mentions) {
    if (m.via === "role" || m.via === "pronoun" || m.text === e.name || aliases.has(m.text)) continue;
    aliases.add(m.text);
    e.aliases.push(m.text);
  }
  if (e.key || !w.votes.length) return;
  const names = e.mentions.filter((m) => m.via !== "role" && m.via !== "pronoun").length;
  const top = majority(w.votes)!;
  const n = w.votes.filter((v) => v === top).length;
  // Unanimous over more than half of the mentions. A one-word name in Latin script does not become a person:
  // the model learnt from Ukrainian text, where such names are few, and calls brands and outlets people
  // (Bellingcat); attribution still makes one a person when a verb agrees with it as one.
  if (n !== w.votes.length || n * 2 <= names) return;
  if (top === "PER" && wordCount(e.name) === 1 && !/[А-ЯІЇЄҐа-яіїєґ]/.test(e.name)) return;
  e.type = top;
}

/**
 * JOB spans before a person's name, with only organisation or place names (and quotation marks) between,
 * become roles of that person.
 */
function addRoles(text: string, entities: Entity[], jobs: readonly NerEntity[], names: readonly NerEntity[]): void {
  if (!jobs.length) return;
  const persons: { m: Mention; e: Entity }[] = [];
  for (const e of entities) if (e.type === "PER") for (const m of e.mentions) if (m.via === "name" || m.via === "alias") persons.push({ m, e });
  persons.sort((a, b) => a.m.start - b.m.start);
  const between = names.filter((n) => n.type === "ORG" || n.type === "LOC");
  // Jobs, persons and names are in text order: one pointer into each.
  let pi = 0;
  let bi = 0;
  for (const j of jobs) {
    while (pi < persons.length && persons[pi].m.start < j.end) pi++;
    const p = persons[pi];
    if (!p || p.m.start - j.end > 80) continue;
    // What lies between may be only spaces, quotation marks and organisation or place names.
    while (bi < between.length && between[bi].start < j.end) bi++;
    let gap = "";
    let at = j.end;
    for (let k = bi; k < between.length && between[k].end <= p.m.start; k++) {
      gap += text.slice(at, between[k].start);
      at = between[k].end;
    }
    gap += text.slice(at, p.m.start);
    if (/[^\s«»"“”„]/u.test(gap)) continue;
    let written = text.slice(j.start, p.m.start).trim();
    // A closing mark of a quotation opened before the role is not part of it.
    if ((written.match(/»/g) ?? []).length > (written.match(/«/g) ?? []).length) written = written.replace(/\s*»$/u, "");
    if (!written) continue;
    // In the nominative, as roles are listed ("заступника генпрокурора Олексія Баганця": заступник генпрокурора).
    const role = nominative(written, "uk");
    p.e.roles ??= [];
    if (!p.e.roles.includes(role)) p.e.roles.push(role);
  }
}

export const nerStage: Stage = {
  name: "ner",
  run(doc: Article, ctx: AnalysisContext): Partial<Article> {
    if (!ctx.options.ner || doc.lang !== "uk" || !doc.tokens?.length) return {};
    let found: NerEntity[];
    try {
      found = recognize(doc.text, doc.tokens, "uk", { sentences: doc.sentences });
    } catch (err) {
      // A missing model file is reported, not fatal: the Article is what the rules found.
      return { warnings: [...doc.warnings, `ner: ${err instanceof Error ? err.message : String(err)}`] };
    }
    return { entities: mergeNer(doc.text, doc.entities, found, { tokens: doc.tokens, sentences: doc.sentences }) };
  },
};
