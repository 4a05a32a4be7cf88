export type RiskTier = 1 | 2 | 3;

/** Seed 000 "Sampling Policy" table: minimum units, rate of N (fraction), and cap per risk tier. */
export const TIER_POLICY: Record<RiskTier, { minimum: number; rate: number; cap: number; label: string }> = {
  1: { minimum: 20, rate: 0.1, cap: 100, label: "Low" },
  2: { minimum: 35, rate: 0.15, cap: 150, label: "Medium" },
  3: { minimum: 50, rate: 0.2, cap: 250, label: "High" },
};
