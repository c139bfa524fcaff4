import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Article } from "./article.js";

const require = createRequire(import.meta.url);
// Ajv 2020-12 and the shipped schema, loaded once, when first needed.
let compiled: ValidateFunction | null = null;
function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const Ajv2020 = require("ajv/dist/2020.js").default as typeof import("ajv").default;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const schema = JSON.parse(readFileSync(new URL("../schema/article.schema.json", import.meta.url), "utf8"));
  compiled = ajv.compile(schema);
  return compiled;
}

/**
 * Checks an Article against the JSON Schema (schema/article.schema.json) and against what the schema cannot say:
 * every span lies inside `text`, every span's `text` field equals the text it points at, ids referenced exist.
 * Returns the problems found (empty when the Article is valid).
 */
export function validateArticle(a: Article): string[] {
  const v = schemaValidator();
  const problems: string[] = [];
  if (!v(a)) {
    for (const e of (v.errors ?? []) as ErrorObject[]) problems.push(`schema: ${e.instancePath || "/"} ${e.message}`);
    return problems;
  }
  const n = a.text.length;
  const span = (where: string, s: { start: number; end: number; text?: string }) => {
    if (!(s.start >= 0 && s.start <= s.end && s.end <= n)) problems.push(`${where}: span ${s.start}-${s.end} outside text (${n})`);
    else if (typeof s.text === "string" && a.text.slice(s.start, s.end) !== s.text) {
      problems.push(`${where}: text ${JSON.stringify(s.text)} ≠ text at ${s.start}-${s.end} ${JSON.stringify(a.text.slice(s.start, s.end))}`);
    }
  };
  a.blocks.forEach((b, i) => span(`blocks[${i}]`, b));
  a.sentences.forEach((s, i) => span(`sentences[${i}]`, s));
  a.tokens?.forEach((t, i) => span(`tokens[${i}]`, t));
  const entityIds = new Set(a.entities.map((e) => e.id));
  const sourceIds = new Set(a.sources.map((s) => s.id));
  a.entities.forEach((e, i) => e.mentions.forEach((m, j) => span(`entities[${i}].mentions[${j}]`, m)));
  a.quotes.forEach((q, i) => {
    span(`quotes[${i}]`, q);
    if (q.cue) span(`quotes[${i}].cue`, q.cue);
    if (q.speaker?.mention) span(`quotes[${i}].speaker.mention`, q.speaker.mention);
    if (q.speaker?.entity && !entityIds.has(q.speaker.entity)) problems.push(`quotes[${i}].speaker.entity ${q.speaker.entity} not in entities`);
    for (const s of q.via) if (!sourceIds.has(s)) problems.push(`quotes[${i}].via ${s} not in sources`);
  });
  a.sources.forEach((s, i) => {
    if (s.cue) span(`sources[${i}].cue`, s.cue);
    if (s.entity && !entityIds.has(s.entity)) problems.push(`sources[${i}].entity ${s.entity} not in entities`);
    for (const c of s.cites) if (!sourceIds.has(c)) problems.push(`sources[${i}].cites ${c} not in sources`);
  });
  a.figures.forEach((f, i) => span(`figures[${i}]`, f));
  a.dates.forEach((d, i) => span(`dates[${i}]`, d));
  for (const r of a.removed) {
    if (!(r.inputStart >= 0 && r.inputStart <= r.inputEnd && r.inputEnd <= a.input.length)) {
      problems.push(`removed ${JSON.stringify(r.text.slice(0, 30))}: input span ${r.inputStart}-${r.inputEnd} outside input (${a.input.length})`);
    }
  }
  return problems;
}
