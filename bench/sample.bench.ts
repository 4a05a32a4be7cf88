/**
 * Sample draw benchmark (not a test). Usage: npx tsx bench/sample.bench.ts
 *
 * Population: 1,000,000 units generated deterministically in memory: ~0.5% FAILED/UNKNOWN,
 * 200 subgroups, every unit with an identity key and ~1% of them in identity-collision clusters
 * of 2–4 units.
 * (a) app:      drawSample (lib/sampling.ts), risk tier 3, DUPLICATE_CLUSTER_CAP 50, 3 high-risk subgroups.
 * (b) baseline: the least work any draw needs: a partial Fisher–Yates draw of 250 indices out of
 *               1,000,000 (same seeded generator) plus one pass over the unit array.
 * Median of 5 runs each (after one warm-up run), with the ratio app/baseline; target: draw under 1 s.
 */
import { performance } from "node:perf_hooks";
import type { ExecutionStatus, PopulationUnit } from "@/lib/population";
import { createRandom } from "@/lib/random";
import { drawSample } from "@/lib/sampling";

const N = 1_000_000;
const RUNS = 5;
const SEED = "5eed5eed5eed5eed5eed5eed5eed5eed";
const HIGH_RISK = ["S007", "S123", "S199"];

/** Deterministic population from a fixed-seed generator (independent of the draw seed). */
function makePopulation(): PopulationUnit[] {
  const random = createRandom("0123456789abcdef0123456789abcdef");
  const units: PopulationUnit[] = new Array(N);
  let i = 0;
  while (i < N) {
    const r = random.nextInt(10_000);
    // ~1% of units start a cluster of 2–4 units sharing one identity key.
    const clusterSize = r < 33 ? 2 + random.nextInt(3) : 1;
    const identity = `id-${i}`;
    for (let k = 0; k < clusterSize && i < N; k++, i++) {
      const s = random.nextInt(1_000);
      const executionStatus: ExecutionStatus = s < 3 ? "FAILED" : s < 5 ? "UNKNOWN" : "SUCCEEDED";
      units[i] = { unitKey: `unit-${i}`, executionStatus, subgroup: `S${String(random.nextInt(200)).padStart(3, "0")}`, identityKey: identity };
    }
  }
  return units;
}

function baseline(units: readonly PopulationUnit[]): number {
  const random = createRandom(SEED);
  const swapped = new Map<number, number>();
  const drawn: number[] = [];
  for (let i = 0; i < 250; i++) {
    const j = i + random.nextInt(N - i);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    drawn.push(atJ);
  }
  let census = 0;
  for (let i = 0; i < units.length; i++) if (units[i].executionStatus !== "SUCCEEDED") census++;
  return drawn.length + census;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function time<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

function main() {
  const generated = time(makePopulation);
  const units = generated.value;
  const census = units.filter((u) => u.executionStatus !== "SUCCEEDED").length;
  console.log(`Sample draw benchmark: ${N.toLocaleString("en-US")} units (generated in ${fmt(generated.ms, 0)} ms), ${census.toLocaleString("en-US")} FAILED/UNKNOWN, 200 subgroups, node ${process.version}`);

  const draw = () => drawSample({ units, tier: 3, duplicateClusterCap: 50, highRiskSubgroups: HIGH_RISK, seed: SEED });
  const first = draw(); // warm-up
  baseline(units);
  const appMs: number[] = [];
  const baseMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const a = time(draw);
    if (a.value.members.length !== first.members.length) throw new Error("drawSample is not deterministic");
    appMs.push(a.ms);
    baseMs.push(time(() => baseline(units)).ms);
  }
  console.log(
    `  sample: ${first.members.length} units (census ${first.censusSize}, random ${first.randomSize}, ` +
      `${first.clustersIncluded}/${first.clustersAvailable} clusters = ${first.clusterUnits} units), warnings: ${first.warnings.map((w) => w.code).join(", ") || "none"}`,
  );
  console.log(`  runs (ms): app ${appMs.map((m) => fmt(m)).join(", ")} | baseline ${baseMs.map((m) => fmt(m)).join(", ")}`);
  const app = median(appMs);
  const base = median(baseMs);
  console.log(`app      (drawSample tier 3, cap 50, 3 high-risk subgroups): median ${fmt(app)} ms`);
  console.log(`baseline (partial Fisher–Yates 250 of 1,000,000 + one pass) : median ${fmt(base, 2)} ms`);
  console.log(`ratio app/baseline = ${(app / base).toFixed(2)}×`);
  console.log(`target: draw under 1 s → ${app < 1_000 ? "met" : "NOT met"} (${fmt(app)} ms)`);
}

main();
