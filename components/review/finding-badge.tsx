import { Badge } from "@/components/ui/badges";

/** The current review finding of a sampled unit, or "not reviewed". */
export function FindingBadge({ finding, critical }: { finding: string | null; critical?: boolean }) {
  if (finding === null) return <Badge>not reviewed</Badge>;
  const tone = finding === "PASS" ? "green" : finding === "FAIL" ? "red" : "amber";
  return (
    <span className="inline-flex gap-1">
      <Badge tone={tone}>{finding}</Badge>
      {critical && <Badge tone="red">critical</Badge>}
    </span>
  );
}
