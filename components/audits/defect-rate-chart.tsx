"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatRate } from "@/lib/format-rate";

type Props = { defectRate: number; upperBound: number | null; unknownRate: number; /** One-sided confidence of the bound, e.g. 0.95. */ confidence: number };

const pct = (v: number) => formatRate(v);
/** Axis end: the largest bar with 10% headroom, rounded up to a whole percent, at least 10%, at most 100%. */
const axisEnd = (values: number[]) => Math.min(1, Math.max(0.1, Math.ceil(Math.max(...values) * 1.1 * 100) / 100));

/**
 * Estimated defect rate (and its upper confidence bound) against the 3% PASS and 7% FAIL
 * lines of seed 000 "Verdict Rules". Fixed size and no animation so screenshots are stable.
 */
export function DefectRateChart({ defectRate, upperBound, unknownRate, confidence }: Props) {
  const data = [
    { name: "Defect rate", value: defectRate, fill: "#4f46e5" },
    ...(upperBound !== null ? [{ name: `${Math.round(confidence * 100)}% upper bound`, value: upperBound, fill: "#a5b4fc" }] : []),
    { name: "Unknown rate", value: unknownRate, fill: "#94a3b8" },
  ];
  // The axis reaches past every bar, the upper bound included, so nothing is clipped.
  const max = axisEnd(data.map((d) => d.value));
  return (
    <figure data-testid="defect-rate-chart" aria-label={`Estimated defect rate ${pct(defectRate)} against the 3% and 7% thresholds`}>
      <ResponsiveContainer width="100%" height={200} minWidth={260}>
      <BarChart data={data} layout="vertical" margin={{ top: 16, right: 56, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, max]} ticks={[0, 0.03, 0.07, max]} allowDataOverflow tickFormatter={pct} />
        <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
        <Bar dataKey="value" isAnimationActive={false} barSize={22}>
          <LabelList dataKey="value" position="right" formatter={(v: unknown) => pct(Number(v))} />
        </Bar>
        <ReferenceLine x={0.03} stroke="#059669" strokeDasharray="4 2" label={{ value: "3% PASS", position: "top", fill: "#059669", fontSize: 12, dx: -24 }} />
        <ReferenceLine x={0.07} stroke="#dc2626" strokeDasharray="4 2" label={{ value: "7% FAIL", position: "top", fill: "#dc2626", fontSize: 12, dx: 22 }} />
      </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
