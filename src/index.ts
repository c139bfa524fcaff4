export * from "./article.js";
export { analyze, InputError, STAGES } from "./pipeline/analyze.js";
export type { AnalyzeInput, AnalyzeOptions, Extracted, Stage } from "./pipeline/types.js";
