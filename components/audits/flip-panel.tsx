import { Panel } from "@/components/ui/panel";
import type { FailFlip, PassBoundFlip } from "@/lib/statistics/flip";

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const units = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "unit" : "units"}`;

/** "What would flip the verdict" while review is in progress (issue 9), from the reviews so far. */
export function FlipPanel({ fail, pass }: { fail: FailFlip; pass: PassBoundFlip }) {
  const level = `${Math.round(pass.confidence * 100)}%`;
  return (
    <Panel title="What would flip the verdict" id="flip">
      <ul className="space-y-2 text-sm" data-testid="flip-panel">
        <li data-testid="flip-fail">
          {fail.failedAlready ? (
            <>A critical defect is recorded: the verdict is FAIL whatever the remaining reviews find.</>
          ) : fail.failures === null ? (
            <>Even if every one of the {units(fail.unreviewed.census + fail.unreviewed.random)} still unreviewed failed, the estimated defect rate would stay at or under 7%: no FAIL from the rate.</>
          ) : fail.failures === 0 ? (
            <>The FAIL findings so far already put the estimated defect rate above 7% once review completes.</>
          ) : (
            <>
              <strong>{fail.failures}</strong> more FAIL finding{fail.failures === 1 ? "" : "s"} among the {units(fail.unreviewed.census + fail.unreviewed.random)} still unreviewed would make the
              verdict FAIL (estimated defect rate {fail.rateAfter !== null ? pct(fail.rateAfter) : "—"} &gt; 7%).
            </>
          )}
          {fail.oneCriticalDefectFails && !fail.failedAlready && <> One critical defect among them fails the audit at once.</>}
        </li>
        <li data-testid="flip-pass">
          The exact {level} upper bound is {pct(pass.upperBoundNow)} now (unreviewed census units count as defects).{" "}
          {pass.reviews === 0 ? (
            <>It is already at or under 3%.</>
          ) : pass.reviews !== null ? (
            <>
              <strong>{pass.reviews}</strong> more clean random-stratum review{pass.reviews === 1 ? "" : "s"} (and a clean census) would bring it to {pass.upperBoundAfter !== null ? pct(pass.upperBoundAfter) : "—"}, at or
              under 3%.
            </>
          ) : pass.requiredRandomSize !== null ? (
            <>
              This sample cannot get there: its {units(pass.randomUnreviewed)} left to review are not enough. A random stratum of <strong>{pass.requiredRandomSize}</strong> clean units could.
            </>
          ) : (
            <>No random stratum can get there: the defects already found keep the bound above 3%.</>
          )}
        </li>
      </ul>
    </Panel>
  );
}
