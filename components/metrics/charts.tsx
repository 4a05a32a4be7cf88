"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate } from "@/lib/format-rate";

/** Defect fraction by subgroup (dark bar) with its Clopper–Pearson interval (light range bar beneath it). */
export function SubgroupChart({ rows }: { rows: { subgroup: string; rate: number; lower: number; upper: number }[] }) {
  const data = rows.map((r) => ({ name: r.subgroup, rate: r.rate, interval: [r.lower, r.upper] }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(180, rows.length * 34 + 60)} minWidth={260}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }} barGap={1}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
        <YAxis type="category" dataKey="name" width={90} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip formatter={(v: unknown) => (Array.isArray(v) ? `${formatRate(Number(v[0]))} – ${formatRate(Number(v[1]))}` : formatRate(Number(v)))} />
        <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value: string) => <span style={{ color: "#334155" }}>{value}</span>} />
        <Bar dataKey="rate" name="Defect fraction" fill="#4f46e5" isAnimationActive={false} barSize={8} minPointSize={2} />
        <Bar dataKey="interval" name="Interval" fill="#c7d2fe" isAnimationActive={false} barSize={8} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** A simple horizontal bar chart of counts by label. */
export function CountChart({ rows, fill = "#4f46e5" }: { rows: { label: string; value: number }[]; fill?: string }) {
  return (
    <ResponsiveContainer width="100%" height={rows.length * 30 + 40} minWidth={260}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 32, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip />
        <Bar dataKey="value" fill={fill} isAnimationActive={false} barSize={16} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Units reviewed so far, by UTC day (running total). */
export function ProgressChart({ rows, sampled }: { rows: { day: string; total: number }[]; sampled: number }) {
  return (
    <ResponsiveContainer width="100%" height={200} minWidth={260}>
      <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" tick={{ fontSize: 12 }} />
        <YAxis domain={[0, sampled]} allowDecimals={false} width={40} />
        <Tooltip />
        <Line type="stepAfter" dataKey="total" stroke="#4f46e5" strokeWidth={2} dot isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
