import type { RemovedKind } from "../../article.js";
import { foldForMatch } from "../../text/match.js";
import type { Unit } from "./lines.js";
import { classifyLine, MEDIA_TAG, relatedTail, words } from "./markers.js";
import { classifyMetaLine } from "./meta-lines.js";

/**
 * Decides which units of an article are boilerplate. Single lines are classified by `classifyLine` (ad
 * labels, share prompts, captions); related-article teasers are recognised by their shape around a label:
 *
 *     [Teaser headline]            ← the card's headline, printed before the label by some layouts
 *     Більше по темі               ← the label
 *     Teaser headline              ← the headline (again)
 *     One-sentence blurb.          ← optional: a short text about the other story
 *
 * A headline is a short line without a final period. The blurb is taken only when it is short and not
 * continuous with the story around it: it shares no content word with the paragraphs before and after the
 * teaser and does not open with a pronoun or connective (which would tie it to the text before).
 */
export interface Cut {
  kind: RemovedKind;
  rule: string;
  /** Only the unit's tail from this offset of `Unit.text` is cut (a teaser glued to a paragraph's end). */
  from?: number;
  /** What a dateline or byline said. */
  published?: string;
  author?: string;
}

/** Function words long enough to look like content words; they say nothing about continuity. */
const STOP = new Set(
  (
    "також який яка яке які якого якої яким якими якій цього цієї цьому того тому тоді після через проти перед " +
    "буде було були була бути може можуть можна треба його їхні свою свої своєї своїх своїм себе тобто коли якщо " +
    "щоб дуже більш більше менше всіх усіх всього усього зокрема наразі лише тільки поки році року роки років " +
    "каже сказав заявив зазначив повідомив також однак проте вже саме цьому цим цих інші інших " +
    "также который которая которое которые которых этого этой этом того тогда после через против перед будет было " +
    "были была может могут можно себя когда если чтобы очень более менее всех всего уже лишь только пока года году " +
    "сказал заявил отметил сообщил однако " +
    "that this with from have been were will would could should their there which about after before also more most " +
    "than then they them when what said says into over under year years other some such only just"
  ).split(" "),
);

/** Openings that tie a paragraph to the text before it: pronouns, demonstratives, connectives. */
const CONTINUATION_START = new RegExp(
  "^[«\"„“(]?(він|вона|воно|вони|його|її|їх|їм|цей|ця|це|ці|той|та|те|ті|там|тут|тоді|також|крім того|але|однак|проте|втім|" +
    "тому|отже|водночас|натомість|зокрема|нагадаємо|раніше|при цьому|до того ж|адже|бо|і|й|а|ще|саме|після цього|згодом|" +
    "потім|він же|так|такі|такий|така|таке|" +
    "он|она|оно|они|его|ее|её|их|им|этот|эта|это|эти|тот|то|там|тут|тогда|также|кроме того|но|однако|впрочем|поэтому|" +
    "итак|при этом|напомним|ранее|и|затем|потом|еще|ещё|такой|такая|такие|" +
    "he|she|it|they|his|her|its|their|this|that|these|those|there|then|also|but|however|meanwhile|moreover|and|so|" +
    "thus|still|earlier|later|such)(?![\\p{L}\\p{N}'’])",
  "iu",
);

const ALSO_EARLY = /^(\S+\s+){0,3}(також|теж|так само|также|тоже|also|too)(?![\p{L}])/iu;

/** Content-word stems: enough of each word to survive inflection (Росії / Росією → росі). */
export function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}'’ʼ]{4,}/gu)) {
    const w = m[0];
    if (STOP.has(w)) continue;
    out.add(w.length <= 6 ? w.slice(0, 4) : w.slice(0, 5));
  }
  return out;
}

function shares(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

const sentenceEnds = (s: string) => (s.match(/[.!?…](?=\s+[\p{Lu}«"„“\d]|\s*$)/gu) ?? []).length;

/** A line that reads as a headline: short, several words, no final period, comma or colon, not speech. */
export function headlineLike(u: Unit): boolean {
  if (u.kind === "heading" || u.kind === "title") return true;
  const t = u.text;
  if (t.length < 8 || t.length > 200) return false;
  const w = words(t);
  if (w < 2 || w > 25) return false;
  const bare = t.replace(/[»"”’')\]]+$/, ""); // 'He said "no."' ends as a sentence
  if (/[.,;:]$/.test(bare) && !/\.\.\.$/.test(bare)) return false;
  if (!/^[\p{Lu}\d«"„“']/u.test(t)) return false;
  // Reported speech ("…», – сказав він") is a paragraph, whatever its length.
  if (/[»"”]\s*,?\s*[-–—]\s*\p{Ll}/u.test(t)) return false;
  return true;
}

/** A short text that could be a teaser's blurb: one or two sentences, ending like a sentence. */
function blurbLike(u: Unit): boolean {
  const t = u.text;
  if (u.kind !== "paragraph" || t.length < 20 || t.length > 300) return false;
  if (!/[.!?…]$/.test(t)) return false;
  if (sentenceEnds(t) > 2) return false;
  if (/^[«"„“'–—-]/.test(t)) return false; // direct speech belongs to the story
  if (CONTINUATION_START.test(t)) return false;
  // "Депутати також доручили…": an "also" among the first words ties the text to what came before.
  if (ALSO_EARLY.test(t)) return false;
  return true;
}

/**
 * Which units to cut: a map from unit index to the reason. `plain` says the units come from plain text,
 * where a single line break (no blank line) ties a line to its neighbour.
 */
export function findBoilerplate(units: Unit[], opts: { plain: boolean }): Map<number, Cut> {
  const cut = new Map<number, Cut>();
  const labels: Array<{ i: number; inline: boolean }> = [];
  // Datelines and bylines stand among the first or last few lines of scraped plain text.
  if (opts.plain) {
    for (let i = 0; i < units.length; i++) {
      if (i >= 3 && i < units.length - 3) {
        i = units.length - 4;
        continue;
      }
      const m = classifyMetaLine(units[i].text);
      if (m) cut.set(i, { kind: m.kind, rule: m.rule, published: m.published, author: m.author });
    }
  }
  for (let i = 0; i < units.length; i++) {
    if (cut.has(i)) continue;
    const c = classifyLine(units[i].text);
    if (!c) continue;
    if (c.from !== undefined) {
      // A tail cut needs exact offsets: single-part units only (a hard-wrapped paragraph keeps its credit).
      if (units[i].parts.length === 1) cut.set(i, { kind: c.kind, rule: c.rule, from: c.from });
      continue;
    }
    cut.set(i, { kind: c.kind, rule: c.rule });
    // A widget prompt broken over two lines ("…выделив её, нажмите Ctrl-Enter," / "чтобы отослать информацию
    // редактору"): a short line in lower case right after a prompt that did not end goes with it.
    const n = units[i + 1];
    if (c.rule === "error-report-prompt" && n && !/[.!?…]\s*$/.test(units[i].text) && n.text.length <= 120 && /^\p{Ll}/u.test(n.text) && !/[:;]$/.test(n.text)) {
      cut.set(i + 1, { kind: c.kind, rule: c.rule });
      i++;
    }
    // (A headline with a link arrow is a whole teaser, not a label that a teaser follows.)
    if (c.kind === "related" && c.rule !== "arrow-teaser") labels.push({ i, inline: !!c.inline });
  }

  const kept = (i: number) => !cut.has(i);
  /** The nearest kept unit before / after i (skipping other boilerplate). */
  const prevKept = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (kept(j)) return j;
    return -1;
  };
  const nextKept = (i: number) => {
    for (let j = i + 1; j < units.length; j++) if (kept(j)) return j;
    return -1;
  };

  for (const { i, inline } of labels) {
    const headlines: string[] = [];
    let last = i;
    if (!inline) {
      // The headline(s) after the label: the first headline-like line, then more only while they stay in the
      // same group (no blank line in plain text; list items in HTML) — a list of teaser links.
      let j = nextKept(i);
      if (j >= 0 && headlineLike(units[j]) && !isStoryHeading(units[j].text)) {
        cut.set(j, { kind: "related", rule: "teaser-headline" });
        headlines.push(foldForMatch(units[j].text));
        last = j;
        for (let k = j + 1, n = 0; k < units.length && n < 8; k++, n++) {
          const u = units[k];
          const grouped = opts.plain ? !u.gapBefore : u.kind === "list-item" && units[j].kind === "list-item";
          if (!grouped || !headlineLike(u) || cut.has(k)) break;
          cut.set(k, { kind: "related", rule: "teaser-headline" });
          headlines.push(foldForMatch(u.text));
          last = k;
        }
      }
    } else {
      headlines.push(foldForMatch(units[i].text.replace(/^[^:|>»—–-]*[:|>»—–-]+\s*/, "")));
    }
    // The same headline printed before the label, or a headline-like line attached to the label by a single
    // line break (the card layout: image headline, label, headline again).
    const b = i - 1;
    if (b >= 0 && kept(b)) {
      const u = units[b];
      const repeats = headlines.includes(foldForMatch(u.text));
      // (Only for a label alone on its line: "Label: Headline" carries its own headline.)
      const attached = !inline && opts.plain && !units[i].gapBefore && headlineLike(u) && !isStoryHeading(u.text);
      if (repeats || attached) cut.set(b, { kind: "related", rule: repeats ? "teaser-headline-repeat" : "teaser-headline" });
    }
    // The blurb: a short, unconnected text right after the headline of a teaser card. A card has one headline
    // (a list of teaser links has none), and the story goes on after it: a short paragraph that ends the
    // text is the story's last word more often than a teaser's.
    const hasCard = headlines.length === 1 && (!inline || (opts.plain && units[i + 1] && !units[i + 1].gapBefore));
    const k = nextKept(last);
    if (hasCard && k >= 0 && blurbLike(units[k])) {
      const before = prevKept(Math.min(i, b >= 0 && cut.has(b) ? b : i));
      const after = nextKept(k);
      if (before >= 0 && after >= 0) {
        const own = stems(units[k].text);
        const tied = shares(own, stems(units[before].text)) || (after >= 0 && shares(own, stems(units[after].text)));
        if (!tied) cut.set(k, { kind: "related", rule: "teaser-blurb" });
      }
    }
  }

  // A teaser glued to the end of a paragraph: only the tail goes (single-part units, where offsets are exact).
  for (let i = 0; i < units.length; i++) {
    if (cut.has(i) || units[i].parts.length !== 1) continue;
    const at = relatedTail(units[i].text);
    if (at > 0) cut.set(i, { kind: "related", rule: "related-tail", from: at });
  }

  // A headline-like line tagged "(відео)" / "(фото)" between two paragraphs is a teaser link without a label.
  for (let i = 1; i + 1 < units.length; i++) {
    if (cut.has(i)) continue;
    const u = units[i];
    const last = u.text.charCodeAt(u.text.length - 1); // the tag closes the line: ")" or "]"
    if ((last !== 41 && last !== 93) || u.kind !== "paragraph" || !MEDIA_TAG.test(u.text) || !headlineLike(u)) continue;
    cut.set(i, { kind: "related", rule: "media-tagged-teaser" });
  }
  return cut;
}

/**
 * Section headings news sites put in their own stories ("… – що відомо", "… - подробиці", "What we know"):
 * never taken as a teaser headline.
 */
export function isStoryHeading(t: string): boolean {
  return STORY_HEADING.test(t);
}

export const STORY_HEADING = new RegExp(
  "\\s[-–—]\\s*(що відомо|що відомо зараз|подробиці|деталі|що варто знати|що треба знати|що потрібно знати|головне|" +
    "що кажуть|як це було|відео|фото|хронологія|що известно|подробности|детали|что нужно знать|что важно знать|главное|" +
    "what we know|what to know|details|explained)[.!?]?\\s*$",
  "iu",
);
