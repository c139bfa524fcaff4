/**
 * English lemmas by light rules: irregular forms from a list, then regular inflection (plural -s/-es/-ies,
 * past -ed, gerund -ing, comparatives are left alone). English news text in this product is mostly names and
 * short quotes, so a dictionary is not worth its weight; the rules restore doubled consonants and silent -e
 * where the stem pattern calls for it.
 */

const IRREGULAR: Record<string, string> = {
  am: "be", is: "be", are: "be", was: "be", were: "be", been: "be", being: "be", "'s": "be", "'re": "be", "'m": "be",
  has: "have", had: "have", having: "have", "'ve": "have", does: "do", did: "do", done: "do", doing: "do",
  said: "say", says: "say", went: "go", gone: "go", goes: "go", made: "make", took: "take", taken: "take",
  came: "come", got: "get", gotten: "get", gave: "give", given: "give", told: "tell", knew: "know", known: "know",
  thought: "think", saw: "see", seen: "see", found: "find", left: "leave", felt: "feel", kept: "keep",
  held: "hold", brought: "bring", began: "begin", begun: "begin", wrote: "write", written: "write", ran: "run",
  met: "meet", led: "lead", sent: "send", spent: "spend", built: "build", paid: "pay", sold: "sell",
  bought: "buy", fought: "fight", taught: "teach", caught: "catch", stood: "stand", understood: "understand",
  lost: "lose", meant: "mean", heard: "hear", won: "win", chose: "choose", chosen: "choose", spoke: "speak",
  spoken: "speak", broke: "break", broken: "break", fell: "fall", fallen: "fall", rose: "rise", risen: "rise",
  drove: "drive", driven: "drive", flew: "fly", flown: "fly", grew: "grow", grown: "grow", shot: "shoot",
  struck: "strike", hit: "hit", put: "put", set: "set", cut: "cut", let: "let", shut: "shut", cost: "cost",
  sat: "sit", lay: "lie", lain: "lie", laid: "lay", hung: "hang", forgot: "forget", forgotten: "forget",
  became: "become", threw: "throw", thrown: "throw", drew: "draw", drawn: "draw", wore: "wear", worn: "wear",
  men: "man", women: "woman", children: "child", people: "people", feet: "foot", teeth: "tooth", mice: "mouse",
  geese: "goose", lives: "life", wives: "wife", knives: "knife", leaves: "leaf", halves: "half", wolves: "wolf",
  crises: "crisis", analyses: "analysis", data: "data", media: "media", criteria: "criterion",
  better: "good", best: "good", worse: "bad", worst: "bad", us: "we", them: "they", him: "he", her: "she",
  me: "I", used: "use", news: "news", series: "series", species: "species", its: "its", this: "this", his: "his",
};

/** Words ending in -s that are not plurals. */
const NOT_PLURAL = /(ss|us|is|ous|ics|as|ws)$/;

/** Words that start sentences in lowercase in any other position; at a sentence start they lose the capital. */
export const EN_FUNCTION_WORDS = new Set(
  ("the a an in on at of for to and but or nor it its he she they we i you this that these those there here his her " +
    "their our my your as by with from if when while after before so not no yes what who whom which where how why " +
    "all some many most more other such one two three also however meanwhile earlier later then now today yesterday").split(" "),
);

export function lemmatizeEn(word: string): string {
  const low = word.toLowerCase();
  const irr = IRREGULAR[low];
  if (irr !== undefined) return irr;
  // Capitalised words are names in running text (Reuters, NATO, Zelensky) and keep their form; the sentence's
  // first word is lowercased by the caller before it comes here.
  if (/^\p{Lu}/u.test(word)) return word;
  const w = low;
  let out = w;
  if (w.length > 4 && w.endsWith("ies")) out = w.slice(0, -3) + "y";
  else if (w.length > 4 && /(ches|shes|sses|xes|zes|oes)$/.test(w)) out = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !NOT_PLURAL.test(w)) out = w.slice(0, -1);
  else if (w.length > 4 && w.endsWith("ied")) out = w.slice(0, -3) + "y";
  else if (w.length > 4 && w.endsWith("ed")) out = restoreStem(w.slice(0, -2));
  else if (w.length > 5 && w.endsWith("ing")) out = restoreStem(w.slice(0, -3));
  return out;
}

/** stopp → stop, mak → make, hop(e)… : undo consonant doubling and restore the silent -e of CVC stems. */
function restoreStem(s: string): string {
  if (/([bdgklmnprt])\1$/.test(s) && !/(ll|ss)$/.test(s)) return s.slice(0, -1);
  if (/[^aeiou][aeiou][bcdgkmnprstvz]$/.test(s) && s.length <= 4) return s + "e";
  // Stems that end like these take a silent -e (stated, organized, produced, served, charged, raised).
  if (/(at|iz|is|uc|[^aeiou]c|v|rg|dg|ais|eas|aus|os|ens|ps|rs|[^aeiou]ir|[^aeiou]ar|[^aeiou]ur|[^aeiou]ul)$/.test(s) && !/(eat|oat)$/.test(s)) return s + "e";
  return s;
}
