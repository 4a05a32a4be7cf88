import { Badge } from "@/components/ui/badges";

const GOOD = new Set(["READY", "PASS", "GO"]);
const CONDITIONAL = new Set(["READY_WITH_CONDITIONS", "LOW_CONFIDENCE", "GO_WITH_MONITORING", "PENDING"]);

/** A profile audit's verdict (launch readiness, ADR or rollout words) as a coloured badge; `data-testid="profile-verdict"`. */
export function ProfileVerdictBadge({ verdict }: { verdict: string }) {
  const tone = GOOD.has(verdict) ? "green" : CONDITIONAL.has(verdict) ? "amber" : "red";
  return (
    <span data-testid="profile-verdict">
      <Badge tone={tone}>{verdict.replace(/_/g, " ")}</Badge>
    </span>
  );
}
