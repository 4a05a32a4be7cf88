/**
 * The production readiness audit's verdict as the /checks shell shows and signs it (issue 13
 * "Production readiness"; seed 001 Phase 9): verdict and gate from the standing categorised
 * findings (launch-readiness.ts launchVerdict / launchGate), the reasons in plain words, and the
 * sign-off refusals (signOffRefusals). Pure.
 */
import type { LaunchReadinessConfig } from "./config";
import type { Category, FindingStatus } from "./findings";
import { PHASES, launchGate, launchVerdict, signOffRefusals, standingCategorised, type LaunchGate, type LaunchVerdict, type SignOffRefusal } from "./launch-readiness";

type VerdictFinding = { title: string; section: string; category: Category | null; status: FindingStatus; dueDate: string | null };

export type LaunchReadinessVerdict = { verdict: LaunchVerdict; gate: LaunchGate; reasons: string[]; refusals: SignOffRefusal[] };

const phaseTitle = (section: string) => PHASES.find((p) => p.id === section)?.title ?? section;

/**
 * Verdict, gate, reasons and sign-off refusals of a launch readiness audit.
 * Reasons (in input order): each standing Stop-Ship finding ("Stop-Ship: "T" (phase) blocks the
 * launch"), then each standing Fix Soon finding with its due date or "no due date yet"; none when
 * READY. Resolved findings do not count. A standing uncategorised finding makes the verdict
 * NOT_READY (seed 001 "Default to pessimism": it may be a Stop-Ship), with a "Not categorised"
 * reason after the Stop-Ship ones, and is refused at sign-off as well.
 * @param options.asOf when given, Fix Soon due dates more than config.fixSoonMaxDays after it are refused.
 * @throws RangeError when asOf is an invalid Date.
 */
export function launchReadinessVerdict(findings: readonly VerdictFinding[], options: { asOf?: Date; config?: LaunchReadinessConfig } = {}): LaunchReadinessVerdict {
  const standing = standingCategorised(findings);
  // Seed 001 "Default to pessimism": a standing finding nobody has categorised yet may be a
  // Stop-Ship, so it holds the launch until it is categorised (or resolved).
  const uncategorised = findings.filter((f) => f.status !== "RESOLVED" && f.category == null);
  const verdict = uncategorised.length > 0 ? "NOT_READY" : launchVerdict(standing);
  const reasons = [
    ...standing.filter((f) => f.category === "STOP_SHIP").map((f) => `Stop-Ship: "${f.title}" (${phaseTitle(f.section)}) blocks the launch`),
    ...uncategorised.map((f) => `Not categorised: "${f.title}" (${phaseTitle(f.section)}) holds the launch until it is categorised Stop-Ship, Fix Soon or Acceptable Risk`),
    ...standing.filter((f) => f.category === "FIX_SOON").map((f) => `Fix Soon: "${f.title}" (${phaseTitle(f.section)}), ${f.dueDate ? `due ${f.dueDate}` : "no due date yet"}`),
  ];
  return { verdict, gate: launchGate(verdict), reasons, refusals: signOffRefusals(findings, options) };
}
