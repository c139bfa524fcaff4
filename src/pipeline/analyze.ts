import { createHash } from "node:crypto";
import { ARTICLE_SCHEMA, type Article } from "../article.js";
import { decodeBytes } from "../ingest/decode.js";
import { looksLikeHtml } from "../ingest/detect.js";
import { extractHtml } from "../extract/html/index.js";
import { extractPlainText, cleanExtracted } from "../extract/text/index.js";
import { detectLanguage } from "../segment/language.js";
import { structureStage } from "../segment/structure.js";
import { sentencesStage } from "../segment/sentences.js";
import { tokensStage } from "../segment/tokens.js";
import { morphStage } from "../morph/stage.js";
import { entitiesStage } from "../entities/stage.js";
import { nerStage } from "../ner/stage.js";
import { attributionStage } from "../attribution/stage.js";
import { factsStage } from "../facts/stage.js";
import type { AnalysisContext, AnalyzeInput, AnalyzeOptions, Extracted, Stage } from "./types.js";

/** The stages that run over an Article once its clean text exists, in order. */
export const STAGES: readonly Stage[] = [
  structureStage,
  sentencesStage,
  tokensStage,
  morphStage,
  entitiesStage,
  nerStage,
  attributionStage,
  factsStage,
];

export class InputError extends Error {
  override name = "InputError";
}

/** Input larger than this is refused with a clear error rather than analysed for minutes. */
export const MAX_INPUT_CHARS = 20_000_000;

/**
 * Analyses one news item (plain text or HTML, as a string or as bytes) into an Article.
 * Throws `InputError` for input that cannot be analysed (no content, binary data, too large).
 */
export function analyze(input: AnalyzeInput | string, options: AnalyzeOptions = {}): Article {
  const inp: AnalyzeInput = typeof input === "string" ? { text: input } : input;
  const warnings: string[] = [];

  let source: string;
  let charset = "string";
  let kind: "text" | "html";
  if (inp.bytes) {
    const decoded = decodeBytes(inp.bytes);
    source = decoded.text;
    charset = decoded.charset;
    warnings.push(...decoded.warnings);
    kind = options.kind ?? (looksLikeHtml(source) ? "html" : "text");
  } else if (typeof inp.html === "string") {
    source = inp.html;
    kind = options.kind ?? "html";
  } else if (typeof inp.text === "string") {
    source = inp.text;
    kind = options.kind ?? (looksLikeHtml(source) ? "html" : "text");
  } else {
    throw new InputError("no input: give text, html or bytes");
  }
  if (source.length > MAX_INPUT_CHARS) {
    throw new InputError(`input too large: ${source.length} characters (limit ${MAX_INPUT_CHARS})`);
  }
  if (isBinary(source)) throw new InputError("input looks binary (control characters or NUL bytes), not text or HTML");

  let ex: Extracted =
    kind === "html" ? extractHtml(source, { url: inp.url ?? null }) : extractPlainText(source);
  ex = cleanExtracted(ex, { fromHtml: kind === "html" });
  warnings.push(...ex.warnings);
  if (!ex.text.trim()) warnings.push("no article text found in the input");

  const lang = detectLanguage(ex.text, inp.lang ?? ex.meta.lang ?? null);
  const meta = ex.meta;
  const sha256 = createHash("sha256").update(source).digest("hex");
  let doc: Article = {
    schema: ARTICLE_SCHEMA,
    id: inp.id ?? sha256.slice(0, 16),
    lang,
    url: inp.url ?? meta.url ?? null,
    published: inp.published ?? meta.published ?? null,
    modified: meta.modified ?? null,
    publisher: inp.publisher ?? meta.publisher ?? null,
    authors: meta.authors?.length ? meta.authors : (inp.authors ?? []),
    title: inp.title ?? meta.title ?? null,
    lead: meta.lead ?? null,
    text: ex.text,
    input: { kind, charset, length: source.length, sha256 },
    offsets: ex.map,
    meta: meta.extra ?? {},
    blocks: ex.blocks,
    sentences: [],
    removed: ex.removed,
    entities: [],
    quotes: [],
    sources: [],
    figures: [],
    dates: [],
    warnings,
  };

  const ctx: AnalysisContext = { options };
  for (const stage of STAGES) {
    const added = stage.run(doc, ctx);
    doc = { ...doc, ...added };
  }
  if (!options.tokens) delete doc.tokens;
  return doc;
}

/** True when a decoded string is evidently not text: NULs or many C0 control characters. */
function isBinary(s: string): boolean {
  const n = Math.min(s.length, 8192);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) bad++;
    else if (c === 0xfffd) bad++;
  }
  return bad / n > 0.05;
}
