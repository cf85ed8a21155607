// The rows of `make bench` from the browser benchmarks, in the format of app/benchkit (one JSON line per row appended
// to $BENCH_RESULTS; scripts/bench-table.py makes the table). Without BENCH_RESULTS the rows are only printed.
import { appendFileSync } from "node:fs";

export type Goal =
  | { kind: "ratio_at_most" | "ratio_at_least" | "at_most" | "at_least"; limit: number }
  | { kind: "none" };

export interface Figure {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], runs: n };
}

export function record(
  section: string,
  what: string,
  unit: string,
  value: Figure,
  goal: Goal = { kind: "none" },
  anchor?: { what: string; figure: Figure },
): void {
  const row = { section, what, unit, figure: value, anchor: anchor ?? null, goal };
  console.log(`[${section}] ${what}: ${value.median.toFixed(3)} ${unit} (${value.min.toFixed(3)}–${value.max.toFixed(3)}, ${value.runs} runs)`);
  const path = process.env.BENCH_RESULTS;
  if (path) appendFileSync(path, JSON.stringify(row) + "\n");
}
