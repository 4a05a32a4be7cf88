"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";

type Props = { defectRate: number; upperBound: number | null; unknownRate: number };

const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.001 ? 3 : 1)}%`;

/**
 * Estimated defect rate (and its upper confidence bound) against the 3% PASS and 7% FAIL
 * lines of seed 000 "Verdict Rules". Fixed size and no animation so screenshots are stable.
 */
export function DefectRateChart({ defectRate, upperBound, unknownRate }: Props) {
  const data = [
    { name: "Defect rate", value: defectRate, fill: "#4f46e5" },
    ...(upperBound !== null ? [{ name: "95% upper bound", value: upperBound, fill: "#a5b4fc" }] : []),
    { name: "Unknown rate", value: unknownRate, fill: "#94a3b8" },
  ];
  // The axis follows the estimate, not the bound: a wide bound early in review would squeeze the
  // 3% and 7% lines together; a longer bar is clipped at the edge and keeps its printed value.
  const max = Math.max(0.1, Math.max(defectRate, unknownRate) * 1.3);
  return (
    <figure data-testid="defect-rate-chart" aria-label={`Estimated defect rate ${pct(defectRate)} against the 3% and 7% thresholds`}>
      <BarChart width={560} height={200} data={data} layout="vertical" margin={{ top: 16, right: 48, bottom: 8, left: 24 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, max]} ticks={[0, 0.03, 0.07, max]} allowDataOverflow tickFormatter={pct} />
        <YAxis type="category" dataKey="name" width={120} />
        <Bar dataKey="value" isAnimationActive={false} barSize={22}>
          <LabelList dataKey="value" position="right" formatter={(v: unknown) => pct(Number(v))} />
        </Bar>
        <ReferenceLine x={0.03} stroke="#059669" strokeDasharray="4 2" label={{ value: "3% PASS", position: "top", fill: "#059669", fontSize: 12 }} />
        <ReferenceLine x={0.07} stroke="#dc2626" strokeDasharray="4 2" label={{ value: "7% FAIL", position: "top", fill: "#dc2626", fontSize: 12 }} />
      </BarChart>
    </figure>
  );
}
