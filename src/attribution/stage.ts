/**
 * Attribution stage: quotes with their speakers and cues, the sources the article cites, and the chains
 * between them (a quote's `via`, a source's `cites`).
 *
 * Reads `doc.text`, `doc.lang`, `doc.sentences` (when the sentence stage gave them) and `doc.entities`; never
 * `doc.removed`. Returns `quotes`, `sources` and `entities` (the input entities plus speakers and sources that
 * had none, with role and pronoun mentions added).
 */
import type { Article, Entity, Mention, Quote, Source, Span } from "../article.js";
import type { Stage } from "../pipeline/types.js";
import { guessNominative, nameKey, nameStem } from "../entities/names.js";
import { nominative } from "../morph/index.js";
import { findQuotes, verbAt, type EngineInput, type RawQuote } from "./engine.js";
import { KNOWN_OUTLETS, ROLE_EN_WORDS, SPEECH_VERBS, type Gender } from "./lexicon.js";
import { findQuotedSpans } from "./marks.js";
import { findSources, type RawSource } from "./sources.js";
import { byId as gazById } from "../gazetteer/index.js";
import { candidatesIn, compatible, isGroupWord, orgHeadOf, orgName, setSpeechTest, type Candidate, type NameRef, type ResolvedSpeaker } from "./speakers.js";
import { paragraphs, splitSentences, words } from "./text.js";
import { isAllCapsWord } from "../text/match.js";

setSpeechTest((w) => SPEECH_VERBS.has(w));

const DEBUG = !!process.env.DZHERELO_DEBUG_ATTRIBUTION;

/** How far back (characters) a pronoun, role or bare verb may reach for its speaker. */
const CONTEXT_REACH = 2500;

export function attribute(doc: Pick<Article, "text" | "lang" | "sentences" | "entities">): Pick<Article, "quotes" | "sources" | "entities"> {
  const text = doc.text;
  const lang = doc.lang === "ru" || doc.lang === "en" ? doc.lang : "uk";
  const textParas = paragraphs(text);
  const quoted = findQuotedSpans(text, textParas);
  const outer = quoted.filter((q) => q.depth === 0);
  const protect = outer.map((q) => ({ start: q.open, end: q.close + 1 }));
  const sents = sentencesFor(doc, text, textParas, protect);
  // The rules look around a point within its paragraph; a paragraph of megabytes is taken in pieces.
  const paras = boundParagraphs(textParas, sents);

  const entities: Entity[] = doc.entities.map((e) => ({ ...e, aliases: [...e.aliases], mentions: [...e.mentions], roles: e.roles ? [...e.roles] : undefined }));
  // A capitalised name ending in a word for a sea, river or mountain range ("Black Sea", "Dead Sea") is a place,
  // whatever the name finder guessed: a speaker is never looked for among them.
  for (const e of entities) if ((e.type === "PER" || e.type === "MISC") && !e.key && isGeographicName(e.name)) e.type = "LOC";
  // The same for a name right before such a word in lower case ("Чорного моря", "Азовському морі").
  for (const e of entities) {
    if ((e.type !== "PER" && e.type !== "MISC") || e.key) continue;
    if (e.mentions.some((m) => mayBeSpace(text.charCodeAt(m.end)) && GEO_AFTER.test(text.slice(m.end, m.end + 16)))) e.type = "LOC";
  }
  const byId = new Map(entities.map((e) => [e.id, e]));
  const names: NameRef[] = [];
  for (const e of entities) for (const m of e.mentions) if (m.via === "name" || m.via === "alias") names.push({ start: m.start, end: m.end, entity: e.id, type: e.type });
  names.sort((a, b) => a.start - b.start || b.end - a.end);
  // One mention per position, the longest; mentions inside a longer one are dropped.
  const sortedNames = names.slice();
  names.length = 0;
  for (let i = 0; i < sortedNames.length; i++) if (i === 0 || sortedNames[i].start >= sortedNames[i - 1].end) names.push(sortedNames[i]);

  // "журналісти Bellingcat", "аналітики Citi": a name right after a plural profession is an organisation.
  for (const n of names) {
    const e = byId.get(n.entity);
    if (!e || e.type !== "MISC") continue;
    const before = wordBefore(text, Math.max(0, n.start - 30), n.start);
    if (before && isGroupWord(before.toLowerCase())) {
      e.type = "ORG";
      n.type = "ORG";
    }
  }

  const env: EngineInput = { text, lang, words: words(text), names, paras, sents, quoted, entity: (id) => byId.get(id) };
  const raw = findQuotes(env);

  // Direct speech found without quotation marks too (dialogue lines, monologue paragraphs).
  const inDirect = spanTest(raw.filter((r) => r.kind === "direct"));
  const inQuote = spanTest(outer.map((q) => ({ start: q.start, end: q.end })));
  const rawSources = findSources(text, lang, names, (id) => byId.get(id)?.type === "PER", inQuote);

  let nextId = entities.reduce((n, e) => Math.max(n, Number(e.id.slice(1)) || 0), 0);
  const mentionIx = new MentionIndex(entities);
  /** The first entity (in list order) with a name or alias of this key, checked against its current names. */
  const newEntity = (name: string, type: Entity["type"], mention: Mention | null): Entity => {
    const key = nameKey(name);
    const existing = entities.find((e) => keyedBy(e, key));
    if (existing) {
      if (mention) mentionIx.add(existing, mention);
      return existing;
    }
    const e: Entity = { id: `e${++nextId}`, name, type, aliases: [], mentions: [] };
    if (mention) mentionIx.add(e, mention);
    entities.push(e);
    byId.set(e.id, e);
    return e;
  };

  // ---- sources ----
  const sources: Source[] = [];
  const sourceIdx: string[] = [];
  const sourceByEntity = new Map<string, string>();
  const sourceById = new Map<string, Source>();
  for (const rs of rawSources) {
    const clean = rs.name.replace(/^[«"„“]|[»"“”]$/g, "").trim();
    // A press service the name finder took only the head of ("Прес-служба" of "Прес-служба міської ради") is
    // that entity under the source's full name.
    const headOnly = !rs.entity ? namesIn(names, rs.span.start, rs.span.end).find((n) => n.start === rs.span.start && n.end < rs.span.end) : undefined;
    const headEnt = headOnly ? byId.get(headOnly.entity) : undefined;
    if (headEnt && !headEnt.key && (headEnt.type === "MISC" || headEnt.type === "ORG") && /^пресс?-служб/iu.test(clean) && headEnt.mentions.every((m) => /^пресс?-служб/iu.test(m.text))) {
      headEnt.name = clean;
      headEnt.aliases = headEnt.aliases.filter((x) => x !== clean);
    }
    const ent = rs.entity ? byId.get(rs.entity)! : newEntity(clean, "ORG", { start: rs.span.start, end: rs.span.end, text: rs.surface, via: "name" });
    if (ent.type === "MISC" || ent.type === "PER") ent.type = "ORG";
    if (rs.surface !== ent.name && !ent.aliases.includes(rs.surface)) ent.aliases.push(rs.surface);
    let id = sourceByEntity.get(ent.id);
    if (!id) {
      id = `s${sources.length + 1}`;
      const src: Source = { id, name: ent.name === clean || !rs.entity ? ent.name : clean, entity: ent.id, cue: { ...rs.cue, text: text.slice(rs.cue.start, rs.cue.end) }, cites: [] };
      sources.push(src);
      sourceById.set(id, src);
      sourceByEntity.set(ent.id, id);
    }
    sourceIdx.push(id);
    if (rs.citedBy !== null) {
      const citer = sourceById.get(sourceIdx[rs.citedBy!]);
      if (citer && citer.id !== id && !citer.cites.includes(id)) citer.cites.push(id);
    }
  }

  // ---- speakers, in text order ----
  interface Heard {
    entity: string;
    gender: Gender | null;
    pos: number;
    type: Entity["type"];
  }
  const heard: Heard[] = [];
  const genderOf = new Map<string, Gender>();
  const roleOf = new Map<string, string>(); // role stem → entity id
  const quotes: Quote[] = [];

  const lastHeard = (pos: number, g: Gender | null, wantOrg = false): Heard | undefined => {
    for (let i = heard.length - 1; i >= 0; i--) {
      const h = heard[i];
      if (pos - h.pos > CONTEXT_REACH) break;
      if (wantOrg !== (h.type === "ORG")) continue;
      if (compatible(g, genderOf.get(h.entity) ?? null)) return h;
    }
    return undefined;
  };
  // The latest person mentioned before `pos` (within reach) whose gender fits: a walk back over the mentions
  // near `pos`, not over every mention of the article.
  const lastPersonMention = (pos: number, g: Gender | null): Entity | undefined =>
    mentionIx.lastBefore(pos, CONTEXT_REACH, (e, at) =>
      // People named inside a quotation are talked about, not talking.
      e.type === "PER" && compatible(g, genderOf.get(e.id) ?? null) && !inQuote(at) && !inDirect(at),
    );

  const nextPersonMention = (pos: number, g: Gender | null): Entity | undefined =>
    mentionIx.firstAfter(pos, 800, (e) => e.type === "PER" && compatible(g, genderOf.get(e.id) ?? null));

  const resolve = (rq: RawQuote): ResolvedSpeaker | null | "anonymous" => {
    const c: Candidate | null = rq.cand;
    const pos = rq.cue?.start ?? rq.start;
    const g = rq.gender ?? c?.gender ?? null;
    const mention = (e: Entity, via: Mention["via"]): Mention => {
      const m: Mention = { start: c!.start, end: c!.end, text: c!.text, via };
      mentionIx.add(e, m);
      return m;
    };
    if (!c) {
      // A plural verb with no subject reports a group ("учасники назвали її корисною"): anonymous.
      if (rq.gender === "pl") return "anonymous";
      const h = g === "n" ? lastHeard(pos, null, true) ?? lastHeard(pos, null) : lastHeard(pos, g);
      if (!h) {
        // An impersonal report ("зазначається в доповіді") speaks for the body the article is about: the most
        // mentioned organisation so far.
        if (g === "n") {
          const org = salientOrg(entities, pos, new Set(sources.map((x) => x.entity ?? "")), inQuote);
          if (org) return { name: org.name, entity: org.id, mention: null, resolvedBy: "context" };
        }
        return null;
      }
      const e = byId.get(h.entity)!;
      return { name: e.name, entity: e.id, mention: null, resolvedBy: "context" };
    }
    switch (c.kind) {
      case "group":
        return "anonymous";
      case "name":
      case "body": {
        let e = c.entity ? byId.get(c.entity) : undefined;
        // Two people sharing a surname (Алла and Виктор Бут): a bare surname goes to the one the verb agrees with.
        if (e && e.type === "PER" && g && (g === "m" || g === "f") && c.text.split(/\s+/).length === 1 && personGender(e) && personGender(e) !== g) {
          const stem = nameStem(c.text);
          const other = entities.find((o) => o !== e && o.type === "PER" && nameStem(o.name.split(" ").at(-1) ?? "") === stem && personGender(o) === g);
          if (other) {
            mentionIx.move(e, other, { start: c.start, end: c.end, text: c.text, via: "alias" });
            e = other;
          }
        }
        // "Secretary of [State Antony Blinken]": the name finder's run began with the title's last word; the
        // person is named without it.
        if (e && c.titleFrom !== undefined) dropTitleWords(e, text, c.titleFrom, c.start);
        if (!e) {
          const outlet = KNOWN_OUTLETS.has(c.text.toLowerCase()) || /^(the\s+)?[A-Z]/.test(c.text) && lang !== "en";
          e = newEntity(c.text.replace(/^the\s+/i, ""), outlet ? "ORG" : "PER", { start: c.start, end: c.end, text: c.text, via: "name" });
        }
        if (e.type === "MISC" || (e.type === "LOC" && c.kind === "name" && g && g !== "n" && g !== "pl" && e.mentions.length <= 2)) {
          e.type = g === "n" ? "ORG" : g === "m" || g === "f" ? "PER" : e.type === "MISC" ? "PER" : e.type;
        }
        if (g && g !== "pl" && e.type === "PER") genderOf.set(e.id, g);
        if (c.role) {
          e.roles ??= [];
          if (!e.roles.includes(c.role)) e.roles.push(c.role);
          if (c.roleHead) roleOf.set(nameStem(c.roleHead), e.id);
        }
        // The form next to a speech verb is usually the nominative: prefer it as the canonical name's last word.
        if (c.kind === "name" && e.type === "PER" && rq.rule !== "according") preferNominative(e, c.text, g);
        // After "за словами", "по словам" the name is in the genitive: its nominative, by the dictionary and the
        // declension rules, gives the canonical form ("Сергія Марченка" → Сергій Марченко).
        if (c.kind === "name" && e.type === "PER" && rq.rule === "according" && lang !== "en" && /^\p{Lu}/u.test(c.text)) nominativeFromGenitive(e, c.text, lang);
        return { name: e.name, entity: e.id, mention: { start: c.start, end: c.end, text: c.text, via: "name" }, resolvedBy: "name" };
      }
      case "org": {
        // A bare press service ("В Mail.ru, как рассказали в пресс-службе, …") speaks for the organisation named
        // in the same sentence.
        if (/служб/.test(c.orgKey ?? "") && c.text.split(/\s+/).length === 1) {
          const host = namesIn(names, rq.sentence.start, c.start).filter((n) => n.type === "ORG" || n.type === "MISC").pop();
          if (host) {
            const e = byId.get(host.entity)!;
            if (e.type === "MISC") e.type = "ORG";
            return { name: e.name, entity: e.id, mention: mention(e, "role"), resolvedBy: "role" };
          }
        }
        // A bare or locative head ("у прокуратурі") stands for the fullest phrase with that head seen so far.
        const full = c.orgKey ? lastOrgPhrase(c.orgKey, pos) : undefined;
        const name = full && (c.orgName ?? "").split(" ").length <= 1 ? full.name : c.orgName ?? orgName(c.text);
        const e = newEntity(name, "ORG", null);
        const m = mention(e, "name");
        if (c.text !== e.name && !e.aliases.includes(c.text)) e.aliases.push(c.text);
        return { name: e.name, entity: e.id, mention: m, resolvedBy: "name" };
      }
      case "role": {
        const outletRole = /^(paper|newspaper|agency)$/.test(c.roleHead ?? "");
        let id = outletRole ? undefined : roleOf.get(nameStem(c.roleHead ?? "")) ?? leaderOf(c);
        if (outletRole) {
          const h = lastHeard(pos, null, true);
          id = h?.entity ?? (sources.length ? sources[sources.length - 1].entity ?? undefined : undefined);
        }
        if (!id) {
          // A bare role repeats someone just spoken of: the latest speaker since the previous paragraph.
          const h = lastHeard(pos, g);
          const from = prevParaStart(pos);
          id = h && h.pos >= from ? h.entity : lastPersonMention(pos, g)?.id;
          // A role in the lead before anyone is named ("канцлер подчеркнула …") is the person named next.
          if (!id && c.kind === "role") id = nextPersonMention(pos, g)?.id;
        }
        if (!id) return null;
        const e = byId.get(id)!;
        const m = mention(e, "role");
        e.roles ??= [];
        if (!e.roles.includes(c.text)) e.roles.push(c.text);
        if (!e.aliases.includes(c.text)) e.aliases.push(c.text);
        return { name: e.name, entity: e.id, mention: m, resolvedBy: "role" };
      }
      case "pronoun": {
        // "they said", "вони заявили": a body heard before (a company speaks as "they"), never one person; with
        // no body, the people meant are unnamed.
        if (c.gender === "pl") {
          const body = lastHeard(pos, null, true);
          if (!body) return "anonymous";
          const e = byId.get(body.entity)!;
          return { name: e.name, entity: e.id, mention: mention(e, "pronoun"), resolvedBy: "pronoun" };
        }
        const pg = c.gender === "n" ? null : (c.gender ?? g);
        const it = c.gender === "n" || (lang === "en" && c.text.toLowerCase() === "it");
        const h = c.demonstrative ? undefined : it ? lastHeard(pos, null, true) : lastHeard(pos, pg);
        let e = h ? byId.get(h.entity) : lastPersonMention(pos, pg);
        // The last speaker is paragraphs back and someone else was named just before: the pronoun is that person
        // ("… вручення «Золотого Дюка» Еміру Кустуріці. … – сказав він").
        if (h && !it && !c.demonstrative) {
          const from = prevParaStart(pos);
          const recent = lastPersonMention(pos, pg);
          if (recent && recent.id !== h.entity && h.pos < from) {
            // Named (outside quotations) since the start of the previous paragraph.
            if (mentionIx.lastBefore(pos, pos - from + 1, (x, at) => x === recent && at >= from && !inQuote(at))) e = recent;
          }
        }
        if (!e) return null;
        const m = mention(e, "pronoun");
        return { name: e.name, entity: e.id, mention: m, resolvedBy: "pronoun" };
      }
    }
    return null;
  };

  // Organisation phrases anywhere in the text, for bare heads that refer back to them.
  const orgRegistry: { key: string; name: string; start: number; words: number }[] = [];
  const orgByKey = new Map<string, { name: string; start: number; words: number }[]>();
  /** The last phrase of more than one word with this head at or before `pos` (the registry is in text order). */
  const lastOrgPhrase = (key: string, pos: number) => {
    const list = orgByKey.get(key);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].start <= pos && list[i].words > 1) return list[i];
    return undefined;
  };
  /** Start of the paragraph before the one that reaches `pos` (0 at the top). */
  const prevParaStart = (pos: number): number => {
    let lo = 0;
    let hi = paras.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (paras[mid].end < pos) lo = mid + 1;
      else hi = mid;
    }
    const pi = lo < paras.length ? lo : -1;
    return paras[Math.max(0, pi - 1)]?.start ?? 0;
  };
  // Only sentences with an organisation head word can hold one (most have none): those are the ones scanned.
  const heads = env.words.filter((w) => orgHeadOf(w));
  for (const sent of sents) {
    let lo = 0;
    let hi = heads.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (heads[mid].start < sent.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo === heads.length || heads[lo].end > sent.end) continue;
    for (const c of candidatesIn(env, sent.start, sent.end)) {
      if (c.kind === "org" && c.orgKey) orgRegistry.push({ key: c.orgKey, name: c.orgName ?? c.text, start: c.start, words: c.text.split(/\s+/).length });
    }
  }
  for (const o of orgRegistry) {
    let list = orgByKey.get(o.key);
    if (!list) orgByKey.set(o.key, (list = []));
    list.push(o);
  }

  // "Президент Північної Кореї", "президент РФ": the known leader of the country the role names, when the
  // article mentions that person (gazetteer: the person's office names the country).
  // Entities the gazetteer knows, kept in list order (only the entities stage gives keys).
  const keyed = entities.filter((e) => e.key);
  const leaderOf = (c: Candidate): string | undefined => {
    const places = namesIn(names, c.start, c.end).filter((n) => n.type === "LOC").map((n) => byId.get(n.entity)!).filter((e) => e.key);
    for (const place of places) {
      const pe = gazById(place.key!);
      if (!pe) continue;
      const countryNames = [pe.canonical.en, ...pe.aliases.filter((a) => /^[A-Z]/.test(a))];
      const leader = keyed.find((e) => e.type === "PER" && countryNames.some((n) => (gazById(e.key!)?.kind ?? "").endsWith(` of ${n}`)));
      if (leader) return leader.id;
    }
    return undefined;
  };

  const ordered = raw.slice().sort((a, b) => (a.cue?.start ?? a.start) - (b.cue?.start ?? b.start) || a.start - b.start);
  const resolved = new Map<RawQuote, ResolvedSpeaker>();
  for (const rq of ordered) {
    const r = resolve(rq);
    if (!r || r === "anonymous") continue;
    resolved.set(rq, r);
    const e = r.entity ? byId.get(r.entity) : undefined;
    if (e) heard.push({ entity: e.id, gender: genderOf.get(e.id) ?? null, pos: rq.cue?.end ?? rq.end, type: e.type === "ORG" ? "ORG" : "PER" });
  }

  // Raw sources by cue position, for the sources cited in a quote's sentence.
  const cueOrder = rawSources.map((_, i) => i).sort((a, b) => rawSources[a].cue.start - rawSources[b].cue.start || a - b);
  const sourcesCuedIn = (span: Span): number[] => {
    let lo = 0;
    let hi = cueOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rawSources[cueOrder[mid]].cue.start < span.start) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < cueOrder.length && rawSources[cueOrder[k]].cue.start < span.end; k++) out.push(cueOrder[k]);
    return out.sort((a, b) => a - b);
  };
  let qn = 0;
  for (const rq of raw) {
    const sp = resolved.get(rq);
    if (!sp) continue;
    const e = sp.entity ? byId.get(sp.entity) : undefined;
    const via = sourcesCuedIn(rq.sentence)
      .map((i) => sourceIdx[i])
      .filter((id) => !(e && sourceById.get(id)?.entity === e.id));
    quotes.push({
      id: `q${++qn}`,
      kind: rq.kind === "direct" ? "direct" : hasQuotedFragment(text, rq) ? "mixed" : "indirect",
      text: text.slice(rq.start, rq.end),
      start: rq.start,
      end: rq.end,
      speaker: { ...sp, name: e ? e.name : sp.name },
      cue: rq.cue ? { start: rq.cue.start, end: rq.cue.end, text: text.slice(rq.cue.start, rq.cue.end) } : null,
      via: [...new Set(via)],
      // The rule that found the quote, for people tuning the rules (not part of the Article otherwise).
      ...(DEBUG ? { rule: rq.rule } : {}),
    });
    // An outlet that speaks ("The Post said", "«Німецька хвиля» зауважує") is also a cited source.
    if (e && e.type === "ORG" && isOutletName(e, lang) && !sourceByEntity.has(e.id)) {
      const id = `s${sources.length + 1}`;
      const src: Source = { id, name: e.name, entity: e.id, cue: rq.cue ? { start: rq.cue.start, end: rq.cue.end, text: text.slice(rq.cue.start, rq.cue.end) } : null, cites: [] };
      sources.push(src);
      sourceById.set(id, src);
      sourceByEntity.set(e.id, id);
    }
  }
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
  // A title word alone ("Secretary", left over from "Secretary of State Antony Blinken") is no entity of its own.
  const used = new Set<string>([...quotes.map((q) => q.speaker?.entity ?? ""), ...sources.map((s) => s.entity ?? "")]);
  const kept = entities.filter((e) => !(lang === "en" && !e.key && !used.has(e.id) && e.type !== "ORG" && /^[A-Z][a-z]+$/.test(e.name) && ROLE_EN_WORDS.has(e.name.toLowerCase())));
  return { quotes, sources, entities: kept };
}

/** Words that make a capitalised name a geographic feature (the last word, or the first: "Lake Chad"). */
const GEO_LAST = new Set(
  (
    "sea ocean river lake gulf bay strait straits mountains mountain hills island islands peninsula canal desert " +
    "valley coast channel море моря морі морем океан океану океані океаном озеро озера озері озером річка річки " +
    "річці річку рікою ріка ріки реки река реке затока затоки затоці залив залива заливе протока протоки пролив " +
    "пролива острів острова острові остров півострів півострова півострові полуостров полуострова гори гір горах " +
    "горы гор"
  ).split(" "),
);
const GEO_FIRST = new Set(["lake", "mount", "gulf", "cape", "isle", "strait"]);
const GEO_AFTER = /^\s+(?:моря|море|морі|морем|океану|океані|океан|річки|річка|ріки|річці|озера|озеро|озері|затоки|затоці|протоки|гір|горах|острова|острові|півострова|півострові|реки|река|реке|залива|заливе|пролива|проливе|гор|sea|ocean|river|lake|mountains)(?![\p{L}])/u;

/** False only for characters that are certainly not white space (ASCII letters, digits and marks, Cyrillic letters). */
function mayBeSpace(c: number): boolean {
  return !((c > 32 && c < 127) || (c >= 0x400 && c <= 0x4ff));
}

const LETTER_APOS_HYPHEN = /[\p{L}'-]/u;
const SPACE = /\s/;
/**
 * The run of letters, apostrophes and hyphens that ends right before the white space ending text[from, to), as
 * /([\p{L}'-]+)\s+$/u finds it in that slice; null when the slice does not end so. Read from the end, not tried
 * from every position of the slice.
 */
function wordBefore(text: string, from: number, to: number): string | null {
  let k = to;
  while (k > from && SPACE.test(text[k - 1])) k--;
  if (k === to) return null;
  let p = k;
  while (p > from) {
    const c = text.charCodeAt(p - 1);
    // A letter outside the basic plane is a surrogate pair, read as one character (as the u flag does).
    if (c >= 0xdc00 && c <= 0xdfff && p - 2 >= from && LETTER_APOS_HYPHEN.test(text.slice(p - 2, p))) {
      p -= 2;
      continue;
    }
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x430 && c <= 0x44f) || (c >= 0x410 && c <= 0x42f) || LETTER_APOS_HYPHEN.test(text[p - 1])) p--;
    else break;
  }
  return p < k ? text.slice(p, k) : null;
}

function isGeographicName(name: string): boolean {
  const sp = name.indexOf(" ");
  if (sp < 0) return false;
  return GEO_LAST.has(name.slice(name.lastIndexOf(" ") + 1).toLowerCase()) || GEO_FIRST.has(name.slice(0, sp).toLowerCase());
}

/**
 * Drops title words from the front of a person's mentions and name ("State Antony Blinken" → "Antony Blinken"),
 * given one mention that starts at `from` whose person's name starts at `to`.
 */
function dropTitleWords(e: Entity, text: string, from: number, to: number): void {
  const title = text.slice(from, to).trim();
  const person = (s: string) => (s.startsWith(title + " ") ? s.slice(title.length + 1) : s);
  for (const m of e.mentions) {
    if (m.start === from) {
      m.start = to;
      m.text = text.slice(to, m.end);
    }
  }
  if (e.name.startsWith(title + " ")) {
    e.name = person(e.name);
    e.aliases = e.aliases.filter((a) => a !== e.name);
  }
}

/** Whether an entity's name or one of its aliases has this name key. */
function keyedBy(e: Entity, key: string): boolean {
  if (nameKey(e.name) === key) return true;
  for (const a of e.aliases) if (nameKey(a) === key) return true;
  return false;
}

/** Name mentions lying within [from, to] (names are sorted by start and do not overlap). */
function namesIn(names: NameRef[], from: number, to: number): NameRef[] {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: NameRef[] = [];
  for (let i = lo; i < names.length && names[i].start <= to; i++) if (names[i].end <= to) out.push(names[i]);
  return out;
}

/**
 * Every mention of every entity by position, kept up to date as speakers add role and pronoun mentions: "who
 * was named last before here" walks back over the mentions near a point instead of over all of them, and "is
 * this mention already there" is a set lookup. (An article with tens of thousands of quotes stays linear.)
 */
class MentionIndex {
  private byPos: { at: number; e: Entity }[] = [];
  private starts = new Map<Entity, Set<number>>();
  constructor(entities: Entity[]) {
    for (const e of entities) {
      const set = new Set<number>();
      for (const m of e.mentions) {
        set.add(m.start);
        this.byPos.push({ at: m.start, e });
      }
      this.starts.set(e, set);
    }
    // Stable: entities in list order at equal positions, as a scan over the list would meet them.
    this.byPos.sort((a, b) => a.at - b.at);
  }
  private startsOf(e: Entity): Set<number> {
    let set = this.starts.get(e);
    if (!set) this.starts.set(e, (set = new Set(e.mentions.map((m) => m.start))));
    return set;
  }
  /** Adds a mention to an entity unless it has one starting there. */
  add(e: Entity, m: Mention): void {
    const set = this.startsOf(e);
    if (set.has(m.start)) return;
    set.add(m.start);
    e.mentions.push(m);
    // Inserted by moving the later entries up one (mentions are mostly added near the end: few moves).
    const ps = this.byPos;
    const at = this.upper(m.start);
    const entry = { at: m.start, e };
    ps.push(entry);
    for (let i = ps.length - 1; i > at; i--) ps[i] = ps[i - 1];
    ps[at] = entry;
  }
  /** Moves the mention at `m.start` from one entity to another (two people sharing a surname). */
  move(from: Entity, to: Entity, m: Mention): void {
    from.mentions = from.mentions.filter((x) => x.start !== m.start);
    this.startsOf(from).delete(m.start);
    this.startsOf(to).add(m.start);
    to.mentions.push(m);
    for (let i = this.upper(m.start) - 1; i >= 0 && this.byPos[i].at === m.start; i--) if (this.byPos[i].e === from) this.byPos[i].e = to;
  }
  /** The entity of the latest mention before `pos`, less than `reach` back, that passes `ok`. */
  lastBefore(pos: number, reach: number, ok: (e: Entity, at: number) => boolean): Entity | undefined {
    const ps = this.byPos;
    let i = this.lower(pos) - 1;
    // Equal positions: the first in list order wins, as with a strict "later than the best so far" scan.
    while (i >= 0 && pos - ps[i].at < reach) {
      let j = i;
      while (j > 0 && ps[j - 1].at === ps[i].at) j--;
      for (let k = j; k <= i; k++) if (ok(ps[k].e, ps[k].at)) return ps[k].e;
      i = j - 1;
    }
    return undefined;
  }
  /** The entity of the first mention after `pos`, less than `reach` on, that passes `ok`. */
  firstAfter(pos: number, reach: number, ok: (e: Entity) => boolean): Entity | undefined {
    const ps = this.byPos;
    for (let i = this.upper(pos); i < ps.length && ps[i].at - pos < reach; i++) if (ok(ps[i].e)) return ps[i].e;
    return undefined;
  }
  /** First index with at >= pos. */
  private lower(pos: number): number {
    let lo = 0;
    let hi = this.byPos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.byPos[mid].at < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** First index with at > pos. */
  private upper(pos: number): number {
    let lo = 0;
    let hi = this.byPos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.byPos[mid].at <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Gender a person's first name shows (Алла → f, Виктор → m), for people sharing a surname. */
function personGender(e: Entity): "m" | "f" | null {
  const parts = e.name.split(" ");
  if (parts.length < 2 || !/[а-яіїєё]/i.test(parts[0])) return null;
  return /[аяь]$/i.test(parts[0]) && !/ья$/i.test(parts[0]) ? "f" : /[бвгджзклмнпрстфхцчшщй]$/i.test(parts[0]) ? "m" : null;
}

/** The organisation (or unknown-type name) mentioned most often before `pos`, if mentioned at least twice. */
function salientOrg(entities: Entity[], pos: number, relays: Set<string>, inQuote: (p: number) => boolean): Entity | undefined {
  // Organisations first (one mention is enough), then unknown-type names mentioned at least twice.
  let best: Entity | undefined;
  let bestScore = 1;
  for (const e of entities) {
    if (e.type !== "ORG" && e.type !== "MISC") continue;
    const n = e.mentions.filter((m) => m.start < pos && !inQuote(m.start)).length;
    // An outlet relaying the story ("передає Depo.Донбас") is not the author of the report it relays.
    // A name in the title or lead is what the article is about.
    const early = e.mentions.some((m) => m.start < 300) ? 2 : 0;
    const score = (e.type === "ORG" ? n * 2 + 1 : n) + early - (relays.has(e.id) ? 2 : 0);
    if (n > 0 && score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** An organisation named like an outlet: a known agency, or a name the article puts in an outlet phrase. */
function isOutletName(e: Entity, lang: string): boolean {
  const all = [e.name, ...e.aliases].map((s) => s.toLowerCase());
  if (all.some((a) => KNOWN_OUTLETS.has(a.split(/\s+/)[0]))) return true;
  if (lang === "en") return all.some((a) => /\b(post|times|journal|news|herald|tribune|telegraph|guardian|gazette|radio|television|tv)\b/.test(a));
  return false;
}

function hasQuotedFragment(text: string, q: Span): boolean {
  const t = text.slice(q.start, q.end);
  // (Most reports have no opening mark at all.)
  if (t.indexOf("«") < 0 && t.indexOf('"') < 0 && t.indexOf("„") < 0 && t.indexOf("“") < 0) return false;
  return /[«„“"][^«»„“"]{3,}[»“”"]/.test(t);
}

/**
 * Makes the form seen next to a speech verb the canonical last word of a person's name. The name by the verb is
 * not always its subject: in "слова Александра Новака подтвердили" it is a genitive attribute of the subject.
 * A form with a word that is an oblique case of the canonical word (the canonical word is that word's
 * nominative, read in the person's gender: from the first name, else from the verb) is such a name, and
 * changes nothing.
 */
function preferNominative(e: Entity, form: string, verbGender: Gender | null): void {
  if (e.key) return; // the gazetteer's name is canonical
  const parts = e.name.split(" ");
  const f = form.split(" ");
  const gender = personGender(e) ?? (verbGender === "m" || verbGender === "f" ? verbGender : null);
  // Only a canonical word the text itself writes counts (Новак beside Новака): one that is only a guess from an
  // oblique form may be wrong (Сибіг from Сибіга), and the form by the verb then corrects it.
  // Asked last and stopping at the first mention that has the word: a person quoted thousands of times under one
  // name never gets here.
  const written = (p: string) => e.mentions.some((m) => m.text.split(/\s+/).includes(p));
  // (-е is left out: a name by a verb is not in the locative, and foreign surnames end so: Гельме.)
  const oblique = (w: string) =>
    !/е$/.test(w) && parts.some((p) => p !== w && sameNameWord(p, w) && guessNominative(w, gender) === p && written(p));
  // The surname shows the case (a man's surname declines: Новака); a woman's first name may decline where her
  // surname does not (Олександри Новак). A man's first name alone does not: "Ангела Меркель" is not a genitive.
  if (oblique(f[f.length - 1]) || (gender === "f" && f.some(oblique))) return;
  const old = e.name;
  let changed = false;
  for (const w of f) {
    // A word set in capitals (Дар’я РОМАНЧУК) is the same word in a typographic emphasis, not a better form.
    if (isAllCapsWord(w)) continue;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] !== w && sameNameWord(parts[i], w)) {
        parts[i] = w;
        changed = true;
      }
    }
  }
  if (!changed) return;
  e.name = parts.join(" ");
  if (!e.aliases.includes(old)) e.aliases.push(old);
  const surname = parts[parts.length - 1];
  if (parts.length > 1 && !e.aliases.includes(surname)) e.aliases.push(surname);
}

/**
 * Puts the words of a person's canonical name that are still in the genitive form seen after "за словами" /
 * "по словам" into the nominative: "Сергій Марченка" (from "Сергія Марченка") → Сергій Марченко, "Александра
 * Новака" → Александр Новак. A woman's name (a first name in -и/-ї/-ы, a surname in -ої/-ой) goes through the
 * feminine declension rules (Лілії Шевцової → Лілія Шевцова); a man's through the dictionary. Words of the
 * canonical name that differ from the genitive ones (already nominative) stay.
 */
function nominativeFromGenitive(e: Entity, genitive: string, lang: string): void {
  if (e.key) return; // the gazetteer's name is canonical
  const gw = genitive.split(/\s+/);
  const parts = e.name.split(" ");
  if (!parts.some((p) => gw.includes(p))) return;
  const first = gw[0].toLowerCase();
  const last = gw[gw.length - 1].toLowerCase();
  const feminine = gw.length > 1 && (/(?:ої|ой|ою|ей)$/.test(last) || /(?:[бвгґдзклмнпрстфхцчшщж]и|ії|ї|ы|ии)$/.test(first));
  const nom = feminine ? gw.map((w) => guessNominative(w, "f")) : nominative(genitive, lang).split(/\s+/);
  if (nom.length !== gw.length) return;
  const old = e.name;
  // Only a word in an oblique ending changes, and only into a form of the same name (Хайко of "Хайко Мааса" stays).
  const next = parts.map((p) => {
    const k = gw.indexOf(p);
    return k >= 0 && /(?:а|я|и|ї|і|ы|ого|ому|ой|ої|ою|ом|ем|у|ю)$/.test(p) && sameNameWord(p, nom[k]) ? nom[k] : p;
  });
  const name = next.join(" ");
  if (name === old) return;
  e.name = name;
  if (!e.aliases.includes(old)) e.aliases.push(old);
  const surname = next[next.length - 1];
  if (next.length > 1 && !e.aliases.includes(surname)) e.aliases.push(surname);
}

/** Two forms of one name word: equal stems, or a shared start with only an ending between them (Єгоров, Єгорова). */
function sameNameWord(a: string, b: string): boolean {
  // Both tests need the same first letter (in lower case): most pairs differ there already.
  const a0 = a.charCodeAt(0);
  const b0 = b.charCodeAt(0);
  if (a0 !== b0 && plainLetter(a0) && plainLetter(b0) && (a0 | 0x20) !== (b0 | 0x20) && lowerCyr(a0) !== lowerCyr(b0)) return false;
  if (nameStem(a) === nameStem(b)) return true;
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k >= 4 && x.length - k <= 3 && y.length - k <= 3;
}

/** An ASCII letter, or a Cyrillic letter А-я other than the ё/Ё pair (ё reads as е in name stems). */
function plainLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x410 && c <= 0x44f);
}
/** The lower case of a letter А-я (other characters as they are). */
function lowerCyr(c: number): number {
  return c >= 0x410 && c <= 0x42f ? c + 0x20 : c;
}

/** A fast "is `pos` inside one of these spans" test: the spans merged and sorted, then binary search. */
function spanTest(spans: Span[]): (pos: number) => boolean {
  const sorted = spans.map((x) => ({ start: x.start, end: x.end })).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const x of sorted) {
    const last = merged[merged.length - 1];
    if (last && x.start <= last.end) last.end = Math.max(last.end, x.end);
    else merged.push(x);
  }
  return (pos: number) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pos < merged[mid].start) hi = mid - 1;
      else if (pos >= merged[mid].end) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** The longest sentence made by joining sentences inside one quotation: beyond it the quotation is cut. */
const MAX_JOINED_SENTENCE = 4000;
/** The longest paragraph the rules see: a longer one is cut at sentence starts. */
const MAX_PARAGRAPH = 8000;

/**
 * Sentence spans: the sentence stage's when present (merged where they cut a quotation, up to a bound), else our
 * own. `protect` spans (outermost quotations) are sorted and disjoint.
 */
function sentencesFor(doc: Pick<Article, "sentences">, text: string, paras: Span[], protect: Span[]): Span[] {
  if (doc.sentences && doc.sentences.length) {
    const out: Span[] = [];
    let k = 0;
    for (const s of doc.sentences) {
      const prev = out[out.length - 1];
      let join = false;
      if (prev && s.end - prev.start <= MAX_JOINED_SENTENCE) {
        // The quotation around the previous sentence's end, if any: the last one opened before it.
        while (k + 1 < protect.length && protect[k + 1].start < prev.end) k++;
        const p = protect[k];
        join = !!p && p.start < prev.end && prev.end < p.end && s.start < p.end;
      }
      if (join) prev!.end = Math.max(prev!.end, s.end);
      else out.push({ start: s.start, end: s.end });
    }
    return out;
  }
  return paras.flatMap((p) => splitSentences(text, p, protect));
}

/** Paragraphs longer than MAX_PARAGRAPH cut into pieces at sentence starts (a sentence is never cut). */
function boundParagraphs(paras: Span[], sents: Span[]): Span[] {
  if (!paras.some((p) => p.end - p.start > MAX_PARAGRAPH)) return paras;
  const out: Span[] = [];
  let si = 0;
  for (const p of paras) {
    if (p.end - p.start <= MAX_PARAGRAPH) {
      out.push(p);
      continue;
    }
    while (si < sents.length && sents[si].start < p.start) si++;
    let start = p.start;
    for (; si < sents.length && sents[si].start < p.end; si++) {
      const st = sents[si].start;
      if (st > start && sents[si].end - start > MAX_PARAGRAPH) {
        out.push({ start, end: trimEndAt(sents, si, start) });
        start = st;
      }
    }
    out.push({ start, end: p.end });
  }
  return out;
}

/** End of the piece before sentence `si`: the previous sentence's end when it lies in the piece. */
function trimEndAt(sents: Span[], si: number, start: number): number {
  const prev = sents[si - 1];
  return prev && prev.end > start && prev.end <= sents[si].start ? prev.end : sents[si].start;
}

export const attributionStage: Stage = {
  name: "attribution",
  run(doc: Article) {
    return attribute(doc);
  },
};

export { verbAt };
