export * from "./article.js";
export { analyze, InputError, STAGES } from "./pipeline/analyze.js";
export { validateArticle } from "./validate.js";
export { toSource as textOffsetToInput } from "./text/offsets.js";
export type { AnalyzeInput, AnalyzeOptions, Extracted, Stage } from "./pipeline/types.js";
