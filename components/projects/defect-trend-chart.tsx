"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatRate } from "@/lib/format-rate";

/** One run with a drawn sample: its point estimate and upper bound, fractions 0–1. */
export type TrendPoint = { slug: string; date: string; estimate: number; upperBound: number };

const axisEnd = (values: number[]) => Math.min(1, Math.max(0.1, Math.ceil(Math.max(0, ...values) * 1.1 * 100) / 100));

/**
 * Defect-rate trend across a project's runs (issue 11 project page): the stratified estimate and
 * its exact upper bound (each run at its own confidence) against the 3% PASS and 7% FAIL lines of
 * seed 000 "Verdict Rules". Fixed height, no animation (stable screenshots); the same figures are
 * in a table for screen readers, like components/audits/defect-rate-chart.tsx's labelled figure.
 */
export function DefectTrendChart({ points }: { points: TrendPoint[] }) {
  const max = axisEnd(points.flatMap((p) => [p.estimate, p.upperBound]));
  return (
    <figure data-testid="defect-trend-chart" aria-label={`Defect rate across ${points.length} runs: estimate and upper bound against the 3% and 7% thresholds`}>
      <ResponsiveContainer width="100%" height={240} minWidth={260}>
        <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, max]} tickFormatter={(v: number) => formatRate(v)} width={56} />
          <Legend />
          <ReferenceLine y={0.03} stroke="#059669" strokeDasharray="4 2" label={{ value: "3% PASS", position: "insideTopRight", fill: "#047857", fontSize: 12 }} />
          <ReferenceLine y={0.07} stroke="#dc2626" strokeDasharray="4 2" label={{ value: "7% FAIL", position: "insideTopRight", fill: "#b91c1c", fontSize: 12 }} />
          <Line type="linear" dataKey="estimate" name="Estimated defect rate" stroke="#4f46e5" strokeWidth={2} isAnimationActive={false} dot />
          <Line type="linear" dataKey="upperBound" name="Upper bound" stroke="#6366f1" strokeDasharray="5 3" isAnimationActive={false} dot />
        </LineChart>
      </ResponsiveContainer>
      <table className="sr-only">
        <caption>Defect rate by run</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Estimate</th>
            <th scope="col">Upper bound</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.slug}>
              <th scope="row">{p.slug}</th>
              <td>{formatRate(p.estimate)}</td>
              <td>{formatRate(p.upperBound)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
