/**
 * The language core, part 1: lemmas and POS (uk/ru/en), the morph stage, and name phrases in the nominative.
 *
 *   lemmatize("Росії", "uk")                         → "Росія"
 *   lemmatize(w, "uk", { words, index })              → the lemma chosen in context (tagger)
 *   analyzeWord("стали", "uk")                        → [{ lemma: "стати", pos: "VERB", feats }, { lemma: "сталь", … }]
 *   lemmatizeSentence(["Він", "сказав"], "uk")        → [{ lemma: "він", pos: "PRON" }, { lemma: "сказати", pos: "VERB" }]
 *   nominative("Російською Федерацією", "uk")         → "Російська Федерація"
 *
 * Data: data/lexicon (built by `npm run build:lexicon`; see data/lexicon/README.md), loaded lazily once.
 */
export { lemmatize, analyzeWord, lemmatizeSentence, type WordAnalysis } from "./lemmatizer.js";
export { nominative } from "./nominative.js";
export { morphStage } from "./stage.js";
