import { cohensKappa } from "../statistics/agreement";
import { AUDITOR_ROLES, CATEGORIES, type AuditorOutput, type AuditorRole, type CalibratorOutput, type Category } from "./types";

/*
 * Agreement figures of the external audit (issue 12 "In the audit"): between the two auditors on
 * the findings the calibrator matched, and between each auditor and the human reviews of the
 * sampled units its findings are linked to.
 */

export type MatchedPair = { primaryId: string; secondaryId: string; primaryCategory: Category; secondaryCategory: Category };

const kappaOrNull = (confusion: number[][], n: number) => (n === 0 ? null : cohensKappa(confusion));

/**
 * Agreement between the auditors on category, over the findings both reported (issue 12: "matched
 * findings, Cohen's kappa on category for matched findings").
 *
 * A matched pair is an agreed or disputed reconciled finding that covers exactly one finding of
 * each auditor; a reconciled finding grouping several findings of one side has no one-to-one
 * pairing and is left out, as are ids missing from the auditor outputs (checkCalibration reports those).
 * @returns the pairs in reconciled-finding order; `confusion` 4 × 4 counts (rows: primary's
 *   category, columns: secondary's, both in CATEGORIES order); `kappa` Cohen's κ of it
 *   (lib/statistics/agreement.ts), null when nothing matched.
 */
export function auditorAgreement(
  cal: CalibratorOutput,
  primary: AuditorOutput,
  secondary: AuditorOutput,
): { matched: MatchedPair[]; confusion: number[][]; kappa: number | null } {
  const categoryOf = (o: AuditorOutput) => new Map(o.findings.map((f) => [f.id, f.category]));
  const p = categoryOf(primary);
  const s = categoryOf(secondary);
  const matched: MatchedPair[] = [];
  for (const rf of cal.reconciled_findings) {
    if (rf.status !== "agreed" && rf.status !== "disputed") continue;
    const [pIds, sIds] = [rf.covers["auditor-primary"], rf.covers["auditor-secondary"]];
    if (pIds.length !== 1 || sIds.length !== 1) continue;
    const [pc, sc] = [p.get(pIds[0]), s.get(sIds[0])];
    if (pc === undefined || sc === undefined) continue;
    matched.push({ primaryId: pIds[0], secondaryId: sIds[0], primaryCategory: pc, secondaryCategory: sc });
  }
  const confusion = CATEGORIES.map(() => CATEGORIES.map(() => 0));
  for (const m of matched) confusion[CATEGORIES.indexOf(m.primaryCategory)][CATEGORIES.indexOf(m.secondaryCategory)]++;
  return { matched, confusion, kappa: kappaOrNull(confusion, matched.length) };
}

/** A finding linked to a sampled unit, with the human's finding on that unit (null: not reviewed yet). */
export type FindingLink = { role: AuditorRole; findingId: string; category: Category; humanFinding: "PASS" | "FAIL" | "UNKNOWN" | null };

export type MachineVsHuman = {
  /** 2 × 2 counts: rows machine defect / no defect, columns human defect / no defect. */
  confusion: number[][];
  kappa: number | null;
  /** Links counted (reviewed PASS or FAIL). */
  n: number;
};

/** implementation_gap and real_debt say the unit is defective; hallucination and false_positive do not (issue 12). */
const MACHINE_DEFECT: Record<Category, boolean> = { hallucination: false, implementation_gap: true, real_debt: true, false_positive: false };

/**
 * Machine vs human per auditor (issue 12 "Machine vs human"): for every link of an auditor
 * finding to a sampled unit a human reviewed, whether the auditor and the human agree that the
 * unit is defective. Machine: implementation_gap / real_debt = defect, hallucination /
 * false_positive = no defect. Human: FAIL = defect, PASS = no defect; UNKNOWN and unreviewed
 * (null) links are left out. Each link counts once, so a unit linked to two findings of one
 * auditor counts twice for that auditor.
 * @returns per auditor role: the 2 × 2 confusion matrix, Cohen's κ of it (null when n = 0), n.
 */
export function machineVsHuman(links: FindingLink[]): Record<AuditorRole, MachineVsHuman> {
  const result = Object.fromEntries(AUDITOR_ROLES.map((r) => [r, { confusion: [[0, 0], [0, 0]], kappa: null, n: 0 }])) as Record<AuditorRole, MachineVsHuman>;
  for (const link of links) {
    if (link.humanFinding !== "PASS" && link.humanFinding !== "FAIL") continue;
    const entry = result[link.role];
    entry.confusion[MACHINE_DEFECT[link.category] ? 0 : 1][link.humanFinding === "FAIL" ? 0 : 1]++;
    entry.n++;
  }
  for (const role of AUDITOR_ROLES) result[role].kappa = kappaOrNull(result[role].confusion, result[role].n);
  return result;
}
