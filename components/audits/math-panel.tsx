import { Panel } from "@/components/ui/panel";
import type { MathExplanation, StratumInputs } from "@/lib/statistics/explain";

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

function StratumRow({ name, s }: { name: string; s: StratumInputs }) {
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="py-1 pr-3 text-left font-normal">{name}</th>
      <td className="pr-3">{s.size}</td>
      <td className="pr-3">{s.reviewed}</td>
      <td className="pr-3">{s.defects}</td>
      <td className="pr-3">{s.unknowns}</td>
    </tr>
  );
}

/** "Show the math" (issue 9): method, formula, inputs, intermediate numbers, result and sources, enough to recompute the verdict by hand. */
export function MathPanel({ math }: { math: MathExplanation }) {
  const level = `${Math.round(math.confidence * 100)}%`;
  const { inputs } = math;
  return (
    <Panel title="Show the math" id="math">
      <div className="space-y-3 text-sm" data-testid="math-panel">
        <p>
          N = <strong>{inputs.populationSize.toLocaleString("en-US")}</strong> units; census stratum C = <strong>{inputs.censusSize}</strong> (every FAILED or UNKNOWN unit); N − C ={" "}
          {inputs.outsideCensus.toLocaleString("en-US")} units outside it, from which the random stratum was drawn. Decided on the <strong>{math.decision.figure}</strong> at {level} confidence.
        </p>
        <div className="relative overflow-x-auto" tabIndex={0}>
          <table className="min-w-full text-sm tabular-nums">
            <caption className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Inputs by stratum</caption>
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3">Stratum</th>
                <th scope="col" className="pr-3">Size</th>
                <th scope="col" className="pr-3">Reviewed</th>
                <th scope="col" className="pr-3">FAIL</th>
                <th scope="col" className="pr-3">UNKNOWN</th>
              </tr>
            </thead>
            <tbody>
              <StratumRow name="Census" s={inputs.census} />
              <StratumRow name="Random" s={inputs.random} />
              <StratumRow name="Supplementary (not in the rates)" s={inputs.supplementary} />
            </tbody>
          </table>
        </div>
        <dl className="space-y-2">
          {(
            [
              [math.methods.pointEstimate.name, math.methods.pointEstimate.formula, [["Defect rate", math.defect.estimate.worked], ["Unknown rate", math.unknown.estimate.worked]]],
              [math.methods.upperBound.name, math.methods.upperBound.formula, [["Defect rate", math.defect.upper.worked], ["Unknown rate", math.unknown.upper.worked]]],
            ] as const
          ).map(([name, formula, rows]) => (
            <div key={name} className="rounded-md bg-slate-50 p-3">
              <dt className="font-medium">{name}</dt>
              <dd className="mt-1 space-y-1">
                <code className="block break-words font-mono text-xs text-slate-700">{formula}</code>
                {rows.map(([label, worked]) => (
                  <p key={label} className="break-words font-mono text-xs">
                    <span className="font-sans text-slate-600">{label}: </span>
                    {worked}
                  </p>
                ))}
              </dd>
            </div>
          ))}
        </dl>
        <p>
          Held against the thresholds (defect ≤ {pct(math.thresholds.passDefect)} PASS, &gt; {pct(math.thresholds.failDefect)} FAIL; unknown ≤ {pct(math.thresholds.passUnknown)}): defect{" "}
          {pct(math.decision.defectRate)}, unknown {pct(math.decision.unknownRate)} → <strong data-testid="math-verdict">{math.decision.verdict}</strong>.
        </p>
        <details>
          <summary className="cursor-pointer text-indigo-700">Rules in order, and sources</summary>
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            {math.decision.rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ol>
          <ul className="mt-2 space-y-1 text-slate-600">
            {math.sources.map((s) => (
              <li key={s.topic}>
                {s.topic}: {s.reference}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </Panel>
  );
}
