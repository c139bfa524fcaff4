/**
 * CPU time of `analyze()` on hostile inputs: the shapes of test/attribution/hostile-input.test.ts (which only
 * checks that each finishes), timed. Usage: npx tsx scripts/bench-hostile.ts
 */
import { cpus } from "node:os";
import { analyze } from "../src/pipeline/analyze.js";

const vocab = ["новини", "президент", "заявив", "Київ", "країни", "уряд", "рішення", "переговори", "сказав", "області"];
const cases: Array<[string, () => string]> = [
  ["one line of 200,000 words, no sentence end", () => Array.from({ length: 200_000 }, (_, i) => vocab[(i * 7) % vocab.length]).join(" ")],
  [
    "one paragraph of 60,000 sentences",
    () => Array.from({ length: 60_000 }, (_, i) => (i % 2 ? `Він додав, що справа номер ${i} важлива.` : `Іван Петренко заявив, що уряд працює над питанням ${i}.`)).join(" "),
  ],
  ['"заявив Іван Петренко, що" × 100,000 in one line', () => "заявив Іван Петренко, що ".repeat(100_000)],
  ["20,000 dash-attributed quotes in one paragraph", () => Array.from({ length: 20_000 }, (_, i) => `«Рішення ${i} ухвалено», – сказав Петренко.`).join(" ")],
  ["10,000 unbalanced «", () => "Він сказав « так ".repeat(10_000)],
  ["1,000,000 dashes", () => "–".repeat(1_000_000)],
  ["100,000 nested brackets", () => "(".repeat(100_000) + "слово" + ")".repeat(100_000)],
  ["40,000 nested „…“", () => "„".repeat(40_000) + "слово" + "“".repeat(40_000)],
  ["1 MB run of capitalised words", () => Array.from({ length: 180_000 }, (_, i) => (i % 2 ? "Іван" : "Петро")).join(" ")],
];

console.log(`machine: ${cpus()[0]?.model ?? "?"} (${cpus().length} cores), Node ${process.version}; CPU time of analyze()`);
analyze({ text: "Прогрів: Іван Петренко заявив, що все гаразд." });
for (const [name, make] of cases) {
  const text = make();
  const t0 = process.cpuUsage();
  const a = analyze({ text });
  const t = process.cpuUsage(t0);
  const ms = (t.user + t.system) / 1000;
  console.log(`${name.padEnd(52)} ${(text.length / 1e6).toFixed(2).padStart(5)} M chars  ${(ms / 1000).toFixed(2).padStart(6)} s  (${a.sentences.length} sentences, ${a.quotes.length} quotes)`);
}
