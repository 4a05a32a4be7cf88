import type { GateState, Verdict } from "@/lib/verdict";

const VERDICT_STYLES: Record<Verdict, string> = {
  PASS: "bg-emerald-100 text-emerald-800 ring-emerald-600/30",
  PASS_WITH_NOTES: "bg-amber-100 text-amber-900 ring-amber-600/30",
  FAIL: "bg-red-100 text-red-800 ring-red-600/30",
  INCONCLUSIVE: "bg-slate-200 text-slate-800 ring-slate-500/30",
};
const GATE_STYLES: Record<GateState, string> = {
  OPEN: "bg-emerald-700 text-white ring-emerald-800",
  CONDITIONAL_PASS: "bg-amber-300 text-amber-950 ring-amber-600",
  BLOCKED: "bg-red-600 text-white ring-red-700",
  EXCEPTION: "bg-purple-600 text-white ring-purple-700",
};

const base = "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-semibold ring-1 ring-inset whitespace-nowrap";

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`${base} ${VERDICT_STYLES[verdict]}`} data-testid="verdict">
      {verdict}
    </span>
  );
}

export function GateBadge({ gateState }: { gateState: GateState }) {
  return (
    <span className={`${base} ${GATE_STYLES[gateState]}`} data-testid="gate-state">
      {gateState}
    </span>
  );
}

export function Badge({ children, tone = "slate" }: { children: React.ReactNode; tone?: "slate" | "red" | "amber" | "green" | "indigo" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700 ring-slate-400/30",
    red: "bg-red-50 text-red-700 ring-red-600/20",
    amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
    green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  };
  return <span className={`${base} font-medium ${tones[tone]}`}>{children}</span>;
}
