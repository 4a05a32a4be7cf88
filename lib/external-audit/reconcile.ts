import { AUDITOR_ROLES, type AuditorOutput, type AuditorRole, type CalibratorOutput, type DocumentError, type Model } from "./types";

/*
 * Consistency of the calibrator's reconciliation with the two auditor outputs (issue 12 step 5,
 * seed 002 "calibrator ... status assignment per finding") and the heterogeneity test (issue 12
 * step 3).
 */

const quote = (v: unknown) => JSON.stringify(v);
const norm = (s: string) => s.trim().toLowerCase();
const sameModel = (a: Model, b: Model) => norm(a.family) === norm(b.family) && norm(a.name) === norm(b.name);

/** Which sides a status may (must) cover: "one" = at least one id, "none" = no id. */
const STATUS_SIDES = {
  agreed: { "auditor-primary": "one", "auditor-secondary": "one" },
  disputed: { "auditor-primary": "one", "auditor-secondary": "one" },
  unique_primary: { "auditor-primary": "one", "auditor-secondary": "none" },
  unique_secondary: { "auditor-primary": "none", "auditor-secondary": "one" },
  rejected: null,
} as const;

function auditorsReconciledErrors(cal: CalibratorOutput, outputs: Record<AuditorRole, AuditorOutput>): DocumentError[] {
  const errors: DocumentError[] = [];
  for (const role of AUDITOR_ROLES) {
    const at = cal.auditors_reconciled.map((a, i) => ({ a, i })).filter(({ a }) => a.audit_role === role);
    if (at.length === 0) {
      errors.push({ path: "/auditors_reconciled", message: `/auditors_reconciled does not list ${role}` });
      continue;
    }
    for (const { i } of at.slice(1)) errors.push({ path: `/auditors_reconciled/${i}`, message: `/auditors_reconciled/${i} lists ${role} again (already /auditors_reconciled/${at[0].i})` });
    const { a, i } = at[0];
    const actual = outputs[role].model;
    if (!sameModel(a.model, actual)) {
      errors.push({ path: `/auditors_reconciled/${i}/model`, message: `/auditors_reconciled/${i}/model is ${a.model.family}/${a.model.name} but the ${role} output is from ${actual.family}/${actual.name}` });
    }
  }
  return errors;
}

/**
 * Checks the calibrator's reconciliation against both auditor outputs (issue 12 step 5: "every
 * auditor finding must be covered exactly once. Violations are listed precisely").
 *
 * Rules: every finding id of each auditor appears in exactly one `covers` list of its side (a
 * missing id is reported at /reconciled_findings, a repeated one at each repeat); no `covers` id
 * is unknown to its auditor; agreed and disputed cover at least one id of each auditor;
 * unique_primary covers primary ids only (at least one), unique_secondary secondary ids only (at
 * least one); rejected covers at least one id (the calibrator reconciles, it does not add
 * findings); `auditors_reconciled` lists each auditor once with the model of its output
 * (family and name compared trimmed, case-insensitively).
 * Call it on outputs that passed validateAuditOutput (schema and counts).
 * @returns the violations, each with the JSON pointer into the calibrator output; empty when consistent.
 */
export function checkCalibration(cal: CalibratorOutput, primary: AuditorOutput, secondary: AuditorOutput): DocumentError[] {
  const outputs: Record<AuditorRole, AuditorOutput> = { "auditor-primary": primary, "auditor-secondary": secondary };
  const errors = auditorsReconciledErrors(cal, outputs);
  const coveredAt: Record<AuditorRole, Map<string, string[]>> = { "auditor-primary": new Map(), "auditor-secondary": new Map() };
  const known: Record<AuditorRole, Set<string>> = { "auditor-primary": new Set(primary.findings.map((f) => f.id)), "auditor-secondary": new Set(secondary.findings.map((f) => f.id)) };

  cal.reconciled_findings.forEach((rf, i) => {
    const base = `/reconciled_findings/${i}`;
    for (const role of AUDITOR_ROLES) {
      rf.covers[role].forEach((id, j) => {
        const path = `${base}/covers/${role}/${j}`;
        if (!known[role].has(id)) {
          errors.push({ path, message: `${path} is ${quote(id)}, which is not a finding of ${role}` });
          return;
        }
        const seen = coveredAt[role].get(id) ?? [];
        if (seen.length) errors.push({ path, message: `${path}: ${role} finding ${quote(id)} is covered more than once (also at ${seen.join(", ")})` });
        coveredAt[role].set(id, [...seen, path]);
      });
    }
    const sides = STATUS_SIDES[rf.status];
    if (sides === null) {
      if (rf.covers["auditor-primary"].length + rf.covers["auditor-secondary"].length === 0) {
        errors.push({ path: `${base}/covers`, message: `${base}/covers is empty: a rejected finding must name the auditor findings it rejects` });
      }
      return;
    }
    for (const role of AUDITOR_ROLES) {
      const n = rf.covers[role].length;
      if (sides[role] === "one" && n === 0) errors.push({ path: `${base}/covers/${role}`, message: `${base}/covers/${role} is empty: ${rf.status === "agreed" ? "an" : "a"} ${rf.status} finding must cover at least one ${role} finding` });
      if (sides[role] === "none" && n > 0) errors.push({ path: `${base}/covers/${role}`, message: `${base}/covers/${role} must be empty: a ${rf.status} finding covers only ${role === "auditor-primary" ? "auditor-secondary" : "auditor-primary"} findings` });
    }
  });

  for (const role of AUDITOR_ROLES) {
    for (const f of outputs[role].findings) {
      if (!coveredAt[role].has(f.id)) errors.push({ path: "/reconciled_findings", message: `${role} finding ${quote(f.id)} is not covered by any reconciled finding` });
    }
  }
  return errors;
}

/**
 * Whether two auditors come from the same model family (issue 12 step 3: the same family is
 * refused unless an operator records an override). Families are compared trimmed and
 * case-insensitively ("OpenAI " = "openai").
 */
export function sameFamily(a: AuditorOutput, b: AuditorOutput): boolean {
  return norm(a.model.family) === norm(b.model.family);
}
