/**
 * Entity-level exact-match scoring (CoNLL/seqeval style: type and both character boundaries must match)
 * of a model over documents, with per-type and micro precision/recall/F1, and an optional type mapping
 * (to score a 13-class model on 4 classes).
 */
import type { Doc } from "./corpus.js";
import type { NerModel } from "./model.js";
import { Recognizer } from "./recognizer.js";
import type { MorphInfo } from "./features.js";
import { bioSpans } from "./viterbi.js";
import { prepareDoc, type TagDoc } from "./train.js";

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

export interface Score {
  micro: PRF;
  perType: Record<string, PRF>;
}

export interface Span3 {
  start: number;
  end: number;
  type: string;
}

/** Predicted character spans of a prepared document. */
export function predictDoc(rec: Recognizer | NerModel, td: TagDoc, morph?: MorphFn | readonly MorphInfo[]): Span3[] {
  const r = rec instanceof Recognizer ? rec : new Recognizer([rec]);
  const texts = td.tokens.map((t) => t.text);
  const mi = typeof morph === "function" ? td.units.flatMap(([a, b]) => morph(texts.slice(a, b))) : morph;
  const path = r.tagDoc({ texts, units: td.units, morph: mi });
  const out: Span3[] = [];
  for (const [a, b] of td.units) {
    for (const [s, e, type] of bioSpans(path.subarray(a, b), r.tags)) out.push({ start: td.tokens[a + s].start, end: td.tokens[a + e - 1].end, type });
  }
  return out;
}

function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { tp, fp, fn, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export function score(pairs: Iterable<{ gold: Span3[]; pred: Span3[] }>, map?: (t: string) => string | null): Score {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (t: string) => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  const conv = (xs: Span3[]) =>
    xs.flatMap((x) => {
      const t = map ? map(x.type) : x.type;
      return t ? [`${x.start}:${x.end}:${t}`] : [];
    });
  for (const { gold, pred } of pairs) {
    const g = new Set(conv(gold));
    const p = new Set(conv(pred));
    for (const k of p) {
      const t = k.split(":")[2];
      if (g.has(k)) get(t).tp++;
      else get(t).fp++;
    }
    for (const k of g) if (!p.has(k)) get(k.split(":")[2]).fn++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const perType: Record<string, PRF> = {};
  for (const [t, c] of [...counts].sort()) {
    perType[t] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { micro: prf(tp, fp, fn), perType };
}

/** Morphology for one unit's words (the same the pipeline's morph stage gives), or none. */
export type MorphFn = (words: string[]) => MorphInfo[];

export function evaluateDocs(
  model: Recognizer | NerModel,
  docs: readonly Doc[] | readonly TagDoc[],
  map?: (t: string) => string | null,
  morph?: MorphFn,
): Score {
  const pairs = docs.map((d) => {
    const td = "tokens" in d ? d : prepareDoc(d);
    return { gold: td.doc.entities, pred: predictDoc(model, td, morph) };
  });
  return score(pairs, map);
}

export function formatScore(s: Score, title: string): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const lines = [title, `${"type".padEnd(8)}     P      R     F1   gold   pred`];
  for (const [t, v] of Object.entries(s.perType))
    lines.push(`${t.padEnd(8)} ${pct(v.p)} ${pct(v.r)} ${pct(v.f1)} ${String(v.tp + v.fn).padStart(6)} ${String(v.tp + v.fp).padStart(6)}`);
  const m = s.micro;
  lines.push(`${"micro".padEnd(8)} ${pct(m.p)} ${pct(m.r)} ${pct(m.f1)} ${String(m.tp + m.fn).padStart(6)} ${String(m.tp + m.fp).padStart(6)}`);
  return lines.join("\n");
}
